/**
 * Extractive answers: no model, only the plans' own words arranged by what the question
 * asks (who leads, who coordinates, by when, how much, what to do). Pure functions over
 * the search result and the store lookups.
 */
import { extractTargets, parseDeadline } from '../corpus/tasks/index.ts';
import { rowFields } from '../corpus/tasks/rows.ts';
import type { Task } from '../corpus/types.ts';
import { containsTokens, fold } from '../retrieval/normalize.ts';
import type { SearchResult } from '../retrieval/types.ts';
import { candidatesOf, choose, deadlineOf, targetsOf, type AnswerLookup, type Candidate } from './candidates.ts';
import { placeByName, placeLabel } from '../corpus/places.ts';
import { provinceToday, toCitation } from './citation.ts';
import type { Lang, QuestionReading } from './intent.ts';
import { bestSentenceWhere, joinSentences, pickSentences, splitSentences, type Sentence, type Terms } from './sentences.ts';
import { deadlineLine, dutyLine, fromPlan, leadLine, notFound, rowRolesLine, targetLine } from './templates.ts';
import type { Citation } from './types.ts';

export type { AnswerLookup } from './candidates.ts';

export interface Composition {
  answerable: boolean;
  answer: string;
  lang: Lang;
  /** Best first; the first is the clause the answer was built from. */
  citations: Citation[];
  /** Task code of the clause the answer was built from, when it is a task. */
  taskId: string | null;
  /** The provinces answered one by one, when the question named none and several plans answer it. */
  provinces?: Array<string | null>;
}

interface Ctx {
  q: Terms;
  lang: Lang;
  lookup: AnswerLookup;
}

/** Words that mark the sentence naming who does the work ("chủ trì", "phối hợp", "làm đầu mối", "giao"). */
const ROLE_WORDS = /\b(chu tri|phoi hop|dau moi|giao|phu trach|huong dan)\b/;

/**
 * The sentence the question is about, when the clause has several: "Thủ trưởng các sở … có
 * trách nhiệm tổ chức thực hiện. Văn phòng UBND tỉnh hướng dẫn, đôn đốc, kiểm tra …".
 */
function focusSentence(c: Candidate, ctx: Ctx): Sentence | undefined {
  return splitSentences(c.clause.text).length > 1 ? pickSentences(c.clause.text, ctx.q, 1)[0] : undefined;
}

/** The task's agencies, narrowed to those the focused sentence names when it names some but not all leads. */
function agenciesFor(task: Task, focus: Sentence | undefined): { leads: string[]; coordinators: string[] } {
  if (!focus) return { leads: task.lead, coordinators: task.coordinators };
  const named = (n: string) => containsTokens(focus.text, n);
  const leads = task.lead.filter(named);
  if (leads.length === 0 || leads.length === task.lead.length) return { leads: task.lead, coordinators: task.coordinators };
  return { leads, coordinators: task.coordinators.filter(named) };
}

/**
 * Names a plan issued before the 2025 reorganisation uses, with today's successor after them
 * ("Sở Kế hoạch và Đầu tư (nay là Sở Tài chính)"); the quoted clause itself is never changed.
 */
function withSuccessors(text: string, task: Task | undefined, lang: Lang): string {
  let out = text;
  for (const [name, to] of Object.entries(task?.now ?? {})) {
    const at = out.indexOf(name);
    if (at < 0) continue;
    const note = lang === 'en' ? ` (now ${to})` : ` (nay là ${to})`;
    out = out.slice(0, at + name.length) + note + out.slice(at + name.length);
  }
  return out;
}

function leadAnswer(c: Candidate, ctx: Ctx): string | null {
  if (c.row?.lead) {
    const roles = { lead: c.row.lead, evaluator: c.row.evaluator, coordinators: c.row.coordinators };
    return withSuccessors(rowRolesLine(roles, ctx.lang), c.task, ctx.lang);
  }
  const task = c.task;
  if (!task?.lead.length) return null;
  const focus = focusSentence(c, ctx);
  const { leads, coordinators } = agenciesFor(task, focus);
  const where = fold((focus?.text ?? c.clause.text).toLowerCase());
  const line = withSuccessors(leadLine(leads, coordinators, ctx.lang, /dau moi/.test(where) && !/chu tri/.test(where)), task, ctx.lang);
  const verbatim = [...leads, ...coordinators].every((n) => containsTokens(c.clause.text, n));
  if (verbatim && !focus) return line;
  // Show the plan's own sentence: the names were normalised ("Sở TT&TT"), or the clause says more than the question asks.
  const hasRole = (s: string) => ROLE_WORDS.test(fold(s.toLowerCase())) || leads.some((n) => containsTokens(s, n));
  const said = focus && hasRole(focus.text) ? focus : bestSentenceWhere(c.clause.text, ctx.q, hasRole);
  return said ? `${line} ${fromPlan(said.text, ctx.lang)}` : line;
}

function deadlineAnswer(c: Candidate, ctx: Ctx): string | null {
  const year = c.header?.year ?? null;
  // The sentence's own deadline: a clause may set one date per level ("từ 01/6/2022 … tỉnh; từ 01/12/2022 … cấp huyện").
  const said = c.row ? undefined : bestSentenceWhere(c.clause.text, ctx.q, (s) => parseDeadline(s, year) !== null);
  const d = (said && parseDeadline(said.text, year)) ?? deadlineOf(c);
  if (!d) return null;
  const line = deadlineLine(d.text, d.date, ctx.lang);
  return said && said.text !== d.text ? `${line} ${fromPlan(said.text, ctx.lang)}` : line;
}

/** An appendix row's own description: its longest cell that is not an agency, unit, value or deadline. */
function rowDescription(c: Candidate): string {
  const roleCells = new Set(Object.values(c.row ?? {}));
  const cells = Object.values(c.clause.columns ?? {}).filter((v) => !roleCells.has(v.trim()) && /\p{L}{2}/u.test(v));
  const own = cells.reduce((a, b) => (b.length > a.length ? b : a), '');
  return own || c.clause.text;
}

/** "Tỷ lệ thanh toán trực tuyến …: Đối với cấp tỉnh" — a sub-row reads through its parent row. */
function rowContext(c: Candidate, ctx: Ctx): string {
  const parent = ctx.lookup.parent(c.clause.id);
  const own = rowDescription(c);
  if (!parent?.columns) return own;
  const parentCandidate: Candidate = { ...c, clause: parent, row: rowFields(parent.columns) };
  return `${rowDescription(parentCandidate).replace(/[.\s]+$/u, '')}: ${own}`;
}

function targetAnswer(c: Candidate, ctx: Ctx): string | null {
  if (c.row) {
    const values = targetsOf(c);
    return values.length ? `${targetLine(values, ctx.lang)} ${fromPlan(rowContext(c, ctx), ctx.lang)}` : null;
  }
  const said = bestSentenceWhere(c.clause.text, ctx.q, (s) => extractTargets(s).length > 0);
  const values = said ? extractTargets(said.text) : targetsOf(c);
  if (!values.length) return null;
  return said ? `${targetLine(values, ctx.lang)} ${fromPlan(said.text, ctx.lang)}` : targetLine(values, ctx.lang);
}

function sentencesAnswer(c: Candidate, ctx: Ctx): string {
  if (c.row) return rowContext(c, ctx);
  return joinSentences(pickSentences(c.clause.text, ctx.q));
}

function dutyAnswer(c: Candidate, ctx: Ctx): string {
  const duty = sentencesAnswer(c, ctx);
  const leads = c.task?.lead ?? (c.row?.lead ? [c.row.lead] : []);
  if (leads.every((n) => containsTokens(duty, n))) return ctx.lang === 'en' ? fromPlan(duty, 'en') : duty;
  // Only the names put in front are annotated: the plan's own sentences after them stay as written.
  return dutyLine(leads.map((n) => withSuccessors(n, c.task, ctx.lang)), duty, ctx.lang);
}

function otherAnswer(c: Candidate, ctx: Ctx): string {
  const text = sentencesAnswer(c, ctx);
  return ctx.lang === 'en' ? fromPlan(text, 'en') : text;
}

function answerFrom(c: Candidate, intent: QuestionReading['intent'], ctx: Ctx): string {
  switch (intent) {
    case 'lead':
    case 'coordinate':
      return leadAnswer(c, ctx) ?? otherAnswer(c, ctx);
    case 'deadline':
      return deadlineAnswer(c, ctx) ?? otherAnswer(c, ctx);
    case 'target':
      return targetAnswer(c, ctx) ?? otherAnswer(c, ctx);
    case 'assignment':
      return dutyAnswer(c, ctx);
    case 'other':
      return otherAnswer(c, ctx);
  }
}

export const MAX_CITATIONS = 5;
/** Other hits are cited too while they score at least this share of the best: near-equal sources, not filler. */
const CITE_SHARE = 0.6;

function citationsOf(primary: Candidate, candidates: readonly Candidate[]): Citation[] {
  const floor = (candidates[0]?.hit.score ?? 0) * CITE_SHARE;
  const rest = candidates.filter((c) => c !== primary && c.hit.score >= floor);
  return [primary, ...rest].slice(0, MAX_CITATIONS).map((c) => toCitation(c.clause, c.header, c.task, c.ocr));
}

/** The extractive answer to a question from its search result. */
export function composeExtractive(reading: QuestionReading, result: SearchResult, lookup: AnswerLookup): Composition {
  const { lang } = reading;
  const candidates = candidatesOf(result.hits, lookup);
  const primary = result.answerable ? choose(candidates, reading.intent) : undefined;
  if (!primary) {
    return { answerable: false, answer: notFound(result.refusal, result.filters, lang), lang, citations: [], taskId: null };
  }
  const ctx: Ctx = { q: reading, lang, lookup };
  const perProvince = provinceAnswers(result, candidates, reading, ctx);
  if (perProvince) return perProvince;
  return {
    answerable: true,
    answer: answerFrom(primary, reading.intent, ctx),
    lang,
    citations: citationsOf(primary, candidates),
    taskId: primary.task?.id ?? null,
  };
}

/** "Tỉnh Nam Định (nay thuộc tỉnh Ninh Bình), kế hoạch năm 2024", "Kế hoạch quốc gia, số 2530/QĐ-TTg": whose answer a line gives. */
function provinceLabel(province: string | null, c: Candidate, lang: Lang): string {
  const place = province ? placeByName(province) : null;
  const who = place ? (lang === 'en' ? place.name : placeLabel(place)) : province ?? (lang === 'en' ? 'National plan' : 'kế hoạch quốc gia');
  const today = place && place.now ? placeByName(provinceToday(place.name)) : null;
  const now = today ? (lang === 'en' ? ` (now part of ${today.name})` : ` (nay thuộc ${placeLabel(today)})`) : '';
  const h = c.header;
  const ref = h?.number ? (lang === 'en' ? `No. ${h.number}` : `số ${h.number}`) : h?.year ? (lang === 'en' ? `plan of ${h.year}` : `kế hoạch năm ${h.year}`) : '';
  return `${who.charAt(0).toUpperCase()}${who.slice(1)}${now}${ref ? `, ${ref}` : ''}`;
}

/**
 * The question named no province and several provinces' plans answer it about equally: each
 * province's answer with its own citation (at most three), never a silent pick of one.
 */
function provinceAnswers(result: SearchResult, candidates: readonly Candidate[], reading: QuestionReading, ctx: Ctx): Composition | null {
  const parts = (result.provinceChoices ?? []).flatMap((choice) => {
    const c = candidates.find((x) => x.hit.clauseId === choice.clauseId);
    return c ? [{ province: choice.province, c }] : [];
  });
  if (parts.length < 2) return null;
  const { lang } = ctx;
  const intro = lang === 'en'
    ? 'The question names no province; the loaded plans of several answer it:'
    : 'Câu hỏi chưa nêu tỉnh, thành phố; kế hoạch của từng nơi trả lời như sau:';
  const lines = parts.map(({ province, c }) => `- ${provinceLabel(province, c, lang)}: ${answerFrom(c, reading.intent, ctx)}`);
  return {
    answerable: true,
    answer: [intro, ...lines].join('\n'),
    lang,
    citations: parts.map(({ c }) => toCitation(c.clause, c.header, c.task, c.ocr)).slice(0, MAX_CITATIONS),
    taskId: parts[0]?.c.task?.id ?? null,
    provinces: parts.map(({ province }) => province),
  };
}
