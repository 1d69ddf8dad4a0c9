import type { Clause } from '../../corpus/types.ts';
import type { DocumentSummary, TaskRecord, TaskStatus } from '../../corpus/store/documents.ts';
import { STATUS_LABELS, type StatusUpdate } from '../../corpus/store/tracking.ts';
import { formatCitation } from '../../prompts/citation.ts';
import type { AnswerObject } from '../../prompts/types.ts';
import { escapeHtml, excerpt } from './html.ts';

/** Reply formatting: pure functions from data to Telegram HTML, every outside string escaped. */

/** How a section is named to officials: "Mục IV.2.5.e", "Phụ lục II.03", "Điều 3". */
export function sectionLabel(section: string): string {
  if (section.startsWith('Phụ lục')) return escapeHtml(section.replace(/^Phụ lục\.?/, 'Phụ lục '));
  if (section.startsWith('Điều')) return escapeHtml(section);
  return `Mục ${escapeHtml(section)}`;
}

export function statusText(s: TaskStatus | null): string {
  if (!s) return 'chưa cập nhật';
  return `${STATUS_LABELS[s.status]}${s.percent === null ? '' : ` ${s.percent}%`}`;
}

/** Timestamps shown in Vietnam time, e.g. "01/05/2024 07:00". */
export function formatTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return escapeHtml(iso);
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false,
  }).formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('day')}/${get('month')}/${get('year')} ${get('hour')}:${get('minute')}`;
}

interface PlanLike {
  title: string | null;
  number?: string | null;
  province: string | null;
  year: number | null;
}

/** "<b>Kế hoạch …</b> (số 417/KH-UBND), Nam Định, năm 2024" from whatever is known. */
export function planLabel(p: PlanLike, fallback: string): string {
  const bits = [`<b>${escapeHtml(p.title ?? fallback)}</b>${p.number ? ` (số ${escapeHtml(p.number)})` : ''}`];
  if (p.province) bits.push(escapeHtml(p.province));
  if (p.year !== null) bits.push(`năm ${p.year}`);
  return bits.join(', ');
}

/**
 * The answer, its best citation (plan, number, province, year, section) with the clause quoted,
 * the task code when the answer is a task, other sources. English questions get English framing;
 * quotes, agency names and the "Mã nhiệm vụ" line officials look for stay Vietnamese.
 */
export function formatAnswer(a: AnswerObject): string {
  const lang = a.lang ?? 'vi';
  const en = lang === 'en';
  const lines = [escapeHtml(a.answer)];
  const [best, ...others] = a.answerable ? a.citations : [];
  if (best) {
    lines.push('', `📄 <b>${en ? 'Source' : 'Nguồn'}:</b> ${escapeHtml(formatCitation(best, lang))}`);
    lines.push(`<blockquote>${excerpt(best.text, 1500)}</blockquote>`);
    if (best.ocr) lines.push(`<i>${en ? 'Read by OCR from a scanned copy: check the quote against the scan.' : 'Văn bản đọc bằng OCR từ bản quét: nên đối chiếu trích dẫn với bản gốc.'}</i>`);
  }
  const taskId = a.taskId ?? best?.taskId;
  if (taskId) {
    const code = escapeHtml(taskId);
    lines.push(`Mã nhiệm vụ: <code>${code}</code> (${en ? 'task code; progress' : 'tiến độ'}: /tiendo ${code})`);
  }
  const seen = new Set(best ? [formatCitation(best, lang)] : []);
  const more = others.map((c) => formatCitation(c, lang)).filter((name) => !seen.has(name) && Boolean(seen.add(name)));
  if (more.length) lines.push('', `<b>${en ? 'Other sources' : 'Nguồn khác'}:</b>`, ...more.map((name) => `• ${escapeHtml(name)}`));
  return lines.join('\n');
}

/** "Xem nguyên văn": the parent heading, then the clause with everything under it. */
export function formatSource(plan: PlanLike | null, docId: string, clause: Clause, parent: Clause | null, children: Clause[]): string {
  const lines = [`📄 ${plan ? planLabel(plan, docId) : escapeHtml(docId)}`];
  if (clause.breadcrumb.length) lines.push(`<i>${escapeHtml(clause.breadcrumb.join(' › '))}</i>`);
  if (parent) lines.push(`<b>${escapeHtml([parent.label, parent.text].filter(Boolean).join(' '))}</b>`);
  lines.push('', `<b>${sectionLabel(clause.section)}</b>`);
  for (const c of [clause, ...children]) {
    const text = [c.label, c.text].filter(Boolean).join(' ');
    if (text) lines.push(escapeHtml(text));
  }
  return lines.join('\n');
}

export function formatDocuments(docs: DocumentSummary[]): string {
  if (!docs.length) return 'Chưa có kế hoạch nào được nạp.';
  const lines = [`<b>Các kế hoạch đã nạp (${docs.length}):</b>`];
  for (const d of docs) {
    lines.push('', `• ${planLabel(d, d.id)}`, `  ${d.clauseCount} mục, ${d.taskCount} nhiệm vụ — <code>${escapeHtml(d.id)}</code>`);
  }
  return lines.join('\n');
}

export function deadlineText(t: TaskRecord): string {
  if (!t.deadline) return '';
  return t.deadline.date ? `${t.deadline.date.split('-').reverse().join('/')}` : t.deadline.text;
}

/** One line per task in lists: code, status, section, short text, deadline. */
/** "Sở Kế hoạch và Đầu tư (nay là Sở Tài chính)": a name the 2025 reorganisation changed, with today's successor. */
export function withSuccessor(name: string, now: Readonly<Record<string, string>>): string {
  const to = now[name];
  return to ? `${name} (nay là ${to})` : name;
}

/**
 * One task in a list. `former`: the agency's earlier name, when the task was found under today's
 * successor ("/nhiemvu Sở Tài chính" listing a 2024 task of Sở Kế hoạch và Đầu tư).
 */
export function formatTaskLine(t: TaskRecord, former?: string): string {
  const due = deadlineText(t);
  return [
    `<code>${escapeHtml(t.id)}</code> [${escapeHtml(statusText(t.status))}] ${sectionLabel(t.section)}${former ? ` <i>(giao cho ${escapeHtml(former)}, nay là ${escapeHtml(t.now[former] ?? '')})</i>` : ''}`,
    `  ${excerpt(t.text, 160)}${due ? ` — <i>hạn: ${escapeHtml(due)}</i>` : ''}`,
  ].join('\n');
}

export function formatTaskHeader(t: TaskRecord, plan: PlanLike | null): string {
  const lines = [
    `<b>Nhiệm vụ <code>${escapeHtml(t.id)}</code></b>`,
    `📄 ${plan ? planLabel(plan, t.docId) : escapeHtml(t.docId)} — ${sectionLabel(t.section)}`,
    `<blockquote>${excerpt(t.text, 1200)}</blockquote>`,
  ];
  const names = (list: readonly string[]) => escapeHtml(list.map((n) => withSuccessor(n, t.now)).join('; '));
  if (t.lead.length) lines.push(`Chủ trì: ${names(t.lead)}`);
  if (t.coordinators.length) lines.push(`Phối hợp: ${names(t.coordinators)}`);
  if (t.evaluators.length) lines.push(`Theo dõi, đánh giá: ${names(t.evaluators)}`);
  if (t.reportTo.length) lines.push(`Báo cáo về: ${names(t.reportTo)}`);
  if (t.deadline) lines.push(`Thời hạn: ${escapeHtml(t.deadline.text)}`);
  if (t.removedAt) lines.push('<i>Nhiệm vụ này không còn trong phiên bản mới nhất của kế hoạch.</i>');
  lines.push(`Trạng thái: <b>${escapeHtml(statusText(t.status))}</b>`);
  return lines.join('\n');
}

export function formatHistory(updates: StatusUpdate[], nameOf: (userId: number) => string): string {
  if (!updates.length) return 'Chưa có cập nhật tiến độ nào.';
  const lines = [`<b>Lịch sử cập nhật (${updates.length}):</b>`];
  for (const u of updates) {
    const note = u.note ? ` — ${escapeHtml(u.note)}` : '';
    lines.push(`• ${formatTime(u.at)}: ${escapeHtml(statusText(u))}${note} <i>(${escapeHtml(nameOf(u.userId))})</i>`);
  }
  return lines.join('\n');
}
