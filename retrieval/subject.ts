/**
 * Whose clause it is. A clause opens with the agency it tasks ("Sở Tài chính chủ trì…",
 * "Giao Công an thành phố…", "Điều 22. Trách nhiệm của Sở Văn hóa…"), or sits under a heading
 * that does ("4. Sở Nông nghiệp và Môi trường:" over its points). A question naming an agency
 * and asking what it must do ("Công an thành phố được giao nhiệm vụ gì?", "What is the City
 * Inspectorate tasked with?") is answered by that agency's clauses, not by the clauses of
 * another agency that match the plan's topic better.
 */
import aliasData from '../corpus/data/agency-aliases.json' with { type: 'json' };
import { openingWords, type PassageInfo } from './lexical.ts';
import type { PreparedQuery } from './query.ts';
import { AGENCY_HEADS, OPENING_SLACK } from './structure.ts';
import type { TaskAgencies } from './rerank.ts';

/**
 * Words before the agency an article or point is about: "Điều 22. Trách nhiệm của Sở Văn
 * hóa…", "Nhiệm vụ, quyền hạn của Công an tỉnh", "Giao Thanh tra thành phố…". Folded.
 */
const PREAMBLE = /^(dieu \d+ )?((trach nhiem|nhiem vu)( va| ) ?(quyen han |trach nhiem )?(cua )?|giao |de nghi |yeu cau |phan cong )?/;

function preambleLength(opening: readonly string[]): number {
  const m = PREAMBLE.exec(`${opening.join(' ')} `);
  return m ? m[0].trim().split(' ').filter(Boolean).length : 0;
}

/** Longest run of question words, starting with an agency head word, that the opening starts with (near its start). */
export function subjectRun(sequence: readonly string[], opening: readonly string[]): number {
  let best = 0;
  const from = preambleLength(opening);
  for (let s = from; s < Math.min(from + OPENING_SLACK, opening.length); s++) {
    // "Luật Bảo vệ dữ liệu…" folds its "bảo" to the "báo" of a newspaper's name: no agency.
    if (!AGENCY_HEADS.has(opening[s]!) || NOT_HEADS.some((run) => startsWith(opening, s, run))) continue;
    for (let i = 0; i < sequence.length; i++) {
      let n = 0;
      while (s + n < opening.length && i + n < sequence.length && opening[s + n] === sequence[i + n]) n++;
      best = Math.max(best, n);
    }
  }
  return best;
}

const runFit = (run: number) => (run >= 4 ? 1 : run === 3 ? 0.6 : run === 2 ? 0.3 : 0);

/** 0 for no shared subject, growing with the length of the agency name matched ("cuc thue" 0.3, "so tu phap" 0.6). */
export function subjectFit(query: PreparedQuery, passage: PassageInfo): number {
  return runFit(Math.max(subjectRun(query.subjectWords, passage.opening), subjectRun(query.subjectWords, passage.headingOpening)));
}

/** The agency-name heads of the alias table ("Sở", "Công an", "Thanh tra", "Ban Chỉ đạo"…), folded, longest first. */
const HEADS: readonly string[][] = aliasData.heads.proper.map(openingWords).sort((a, b) => b.length - a.length);
/** Phrases that start like an agency but are not one ("báo cáo", "phòng chống", "bộ chỉ số"). */
const NOT_HEADS: readonly string[][] = aliasData.notHeads.map(openingWords);
/** Words after a head that make it the category asked for or a duty, not a name ("sở nào", "ban hành"). */
const NOT_NAME = new Set(['nao', 'gi', 'ai', 'chu', 'phoi', 'lam', 'phai', 'duoc', 'co', 'la', 'va', 'cac']);

const startsWith = (ws: readonly string[], at: number, run: readonly string[]) => run.every((w, j) => ws[at + j] === w);

/**
 * Whether the question names an agency of its own: an agency head followed by a word of its
 * name ("công an thành phố", "sở văn hóa", "ban quản lý các khu chế xuất"), not the category
 * it asks for ("sở nào") nor a phrase that only starts like one ("báo cáo", "phòng chống").
 */
export function namesAgency(sequence: readonly string[]): boolean {
  return namedAgencies(sequence).length > 0;
}

/** The agencies the question names, each as its head and the next word ("cong an tinh", "bo khoa hoc"). */
export function namedAgencies(sequence: readonly string[]): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < sequence.length; i++) {
    if (NOT_HEADS.some((run) => startsWith(sequence, i, run))) continue;
    const head = HEADS.find((run) => startsWith(sequence, i, run));
    if (!head) continue;
    const next = sequence[i + head.length];
    if (next !== undefined && !NOT_NAME.has(next)) out.push([...head, next]);
    // "ủy ban nhân dân" holds the head "ban": an agency is read once, from its first word.
    i += head.length - 1;
  }
  return out;
}

/** Whether a clause, or the nearest heading above it, opens with an agency: it is that agency's task. */
function hasActor(passage: PassageInfo, task: TaskAgencies | undefined): boolean {
  const opensWithHead = (opening: readonly string[]) => {
    const from = preambleLength(opening);
    return opening.slice(from, from + OPENING_SLACK).some((w) => AGENCY_HEADS.has(w)) && namesAgency(opening.slice(from));
  };
  return (task?.lead.length ?? 0) > 0 || opensWithHead(passage.opening) || opensWithHead(passage.headingOpening);
}

/**
 * For a question that names an agency and asks what it must do: 1 for that agency's clause,
 * -1 for a clause tasking another agency, 0 otherwise (no agency of its own). `named`: whether
 * the clause's task names the agency (rerank.ts agencyNamed).
 */
export function dutyFit(query: PreparedQuery, passage: PassageInfo, task: TaskAgencies | undefined, named: number): number {
  // Two words from the head on ("công an thành…", "sở tài…") tell one agency from another.
  const subject = Math.max(subjectFit(query, passage), named);
  if (subject >= 0.3) return 1;
  return hasActor(passage, task) ? -1 : 0;
}

