import { placeByName, placeLabel } from '../../../corpus/places.ts';
import type { Clause } from '../../../corpus/types.ts';
import { type HandlerContext, mayRead, NOT_APPROVED, text } from '../context.ts';
import { formatAnswer, formatSource } from '../format.ts';
import type { CallbackResult, Reply } from '../types.ts';

/** Questions, "Xem nguyên văn" and 👍/👎 feedback. */

export const QUESTION_MAX = 1000;

export async function ask(ctx: HandlerContext, question: string): Promise<Reply[]> {
  if (!(await mayRead(ctx))) return NOT_APPROVED;
  const q = question.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (!q) return text('Cách dùng: <code>/hoi &lt;câu hỏi&gt;</code>, hoặc gửi thẳng câu hỏi. Ví dụ: <i>Ai chủ trì cải cách thủ tục hành chính năm 2024?</i>');
  if (q.length > QUESTION_MAX) return text(`Câu hỏi quá dài (tối đa ${QUESTION_MAX} ký tự). Vui lòng hỏi ngắn gọn hơn.`);
  const answer = await ctx.deps.assistant.ask(q);
  const token = await ctx.memos.answers.put({ userId: ctx.user.id, answer });
  const buttons = [];
  if (answer.answerable && answer.citations.length) buttons.push([{ text: 'Xem nguyên văn', data: `src:${token}:0` }]);
  // The question named no province and several answered: one button per province narrows it down.
  if (answer.provinces && answer.provinces.length >= 2) {
    buttons.push(answer.provinces.map((p, i) => ({ text: `Chỉ ${p ?? 'kế hoạch quốc gia'}`, data: `tinh:${token}:${i}` })));
  }
  buttons.push([{ text: '👍', data: `fb:${token}:1` }, { text: '👎', data: `fb:${token}:-1` }]);
  return text(formatAnswer(answer), buttons);
}

const STALE: CallbackResult = { replies: [], toast: 'Câu trả lời này đã cũ, vui lòng hỏi lại.' };

/** The same question again, for the province the official picked from a multi-province answer. */
export async function askForProvince(ctx: HandlerContext, token: string, index: number): Promise<CallbackResult> {
  const memo = await ctx.memos.answers.get(token);
  const province = memo?.answer.provinces?.[index];
  if (!memo || province === undefined) return STALE;
  const place = province ? placeByName(province) : null;
  const scope = place ? placeLabel(place) : province ?? 'kế hoạch quốc gia';
  return { replies: await ask(ctx, `${memo.answer.question} (${scope})`) };
}

export async function viewSource(ctx: HandlerContext, token: string, index: number): Promise<CallbackResult> {
  const memo = await ctx.memos.answers.get(token);
  const citation = memo?.answer.citations[index];
  if (!memo || !citation) return STALE;
  // The hit carries the exact clause id (unnumbered paragraphs get "~n"); the section path is the fallback.
  const hit = memo.answer.hits.find((h) => h.doc === citation.doc && h.section === citation.section && h.clauseId);
  const clause = await ctx.deps.plans.getClause(hit?.clauseId ?? `${citation.doc}#${citation.section}`);
  if (!clause) return { replies: text(formatSourceFromCitation(citation.doc, citation.section, citation.text)), toast: 'Không tìm thấy mục này trong kho.' };
  const all = await ctx.deps.plans.listClauses(clause.docId);
  const parent = clause.parentId ? all.find((c) => c.id === clause.parentId) ?? null : null;
  const plan = (await ctx.deps.plans.listDocuments()).find((d) => d.id === clause.docId) ?? null;
  return { replies: text(formatSource(plan, clause.docId, clause, parent, descendants(all, clause.id))) };
}

function formatSourceFromCitation(doc: string, section: string, quote: string): string {
  const quoted: Clause = { id: `${doc}#${section}`, docId: doc, section, kind: 'paragraph', label: null, breadcrumb: [], text: quote, parentId: null, order: 0, depth: 0 };
  return formatSource(null, doc, quoted, null, []);
}

/** Every clause under `id`, in document order. */
export function descendants(all: Clause[], id: string): Clause[] {
  const inside = new Set([id]);
  const out: Clause[] = [];
  for (const c of [...all].sort((a, b) => a.order - b.order)) {
    if (c.parentId !== null && inside.has(c.parentId)) {
      inside.add(c.id);
      out.push(c);
    }
  }
  return out;
}

export async function feedback(ctx: HandlerContext, token: string, vote: number): Promise<CallbackResult> {
  const memo = await ctx.memos.answers.get(token);
  if (!memo || (vote !== 1 && vote !== -1)) return STALE;
  const best = memo.answer.citations[0];
  await ctx.deps.tracking.recordFeedback({
    userId: ctx.user.id, question: memo.answer.question, docId: best?.doc ?? null, section: best?.section ?? null,
    answer: memo.answer.answer, vote,
  });
  return { replies: [], toast: vote === 1 ? 'Cảm ơn bạn đã đánh giá!' : 'Cảm ơn, chúng tôi sẽ cải thiện câu trả lời.' };
}
