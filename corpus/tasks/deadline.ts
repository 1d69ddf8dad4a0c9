import type { Deadline } from '../types.ts';
import { foldAligned, tidy } from './fold.ts';

/**
 * Deadline phrases of Vietnamese plans. Matching runs on folded lowercase text (index-aligned
 * with the source) so "truoc ngay 10/12" and "trước ngày 10/12" read the same; the deadline
 * text is sliced from the source as written.
 */

/** A day/month/year written "10 tháng 12 năm 2021", "10/12/2021", "05/6" or "10-12-2021". */
const DATE = String.raw`(\d{1,2})(?:\s+thang\s+|\s*[/.-]\s*)(\d{1,2})(?:(?:\s+nam\s+|\s*[/.-]\s*)(\d{4}))?`;
const ROMAN_QUARTER: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, '1': 1, '2': 2, '3': 3, '4': 4 };

/** "định kỳ 06 tháng", "định kỳ hằng quý, hằng năm", "hàng tháng": recurring, no single date. */
const RECURRING = /(?<![\w/-])(?:dinh ky(?:\s+hang)?(?:\s+\d{1,2})?\s+(?:thang|quy|nam|tuan)|hang\s+(?:thang|quy|nam|tuan))(?:\s*,\s*(?:hang\s+|\d{1,2}\s+)?(?:thang|quy|nam|tuan))*(?![a-z])/g;
/** "trước ngày 10 của tháng cuối quý", "trước ngày 15 hằng tháng": a day relative to a period. */
const RELATIVE = /(?<![\w/-])truoc\s+ngay\s+\d{1,2}\s+(?:cua\s+)?(?:thang\s+cuoi\s+(?:quy|ky|nam)|hang\s+(?:thang|quy)|thang\s+sau|ky\s+sau)(?![a-z])/g;
const BEFORE = new RegExp(String.raw`(?<![\w/-])(?:truoc|cham nhat(?:\s+(?:la|vao))?|han chot|han cuoi)(?:\s+ngay)?\s+${DATE}(?![\d/])`, 'g');
const FROM = new RegExp(String.raw`(?<![\w/-])(?:bat dau\s+)?tu\s+ngay\s+${DATE}(?![\d/])`, 'g');
const MONTH = /(?<![\w/-])(?:(?:hoan thanh\s+)?trong|truoc|den(?:\s+het)?|hoan thanh|cham nhat)\s+thang\s+(\d{1,2})(?:\s*\/\s*|\s+nam\s+)(\d{4})(?![\d/])/g;
const QUARTER = /(?<![\w/-])(?:(?:hoan thanh\s+)?(?:trong|truoc|den het)\s+)?quy\s+(iv|i{1,3}|[1-4])(?:(?:\s*\/\s*|\s+nam\s+)(\d{4}))?(?![a-z\d])/g;
const YEAR_END = /(?<![\w/-])(?:den\s+(?:het|cuoi)\s+nam|hoan thanh\s+trong\s+nam|truoc\s+nam|trong\s+nam)\s+(\d{4})(?![\d/])/g;

interface Candidate {
  start: number;
  end: number;
  date: string | null;
  recurring: boolean;
}

function iso(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || year < 1900 || year > 2200) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return d.toISOString().slice(0, 10);
}

function lastDayOfMonth(year: number, month: number): string | null {
  if (month < 1 || month > 12) return null;
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

/** Year for a date written without one: the next "năm YYYY" in the same phrase, else the plan year. */
function yearAfter(folded: string, from: number, planYear: number | null): number | null {
  const tail = folded.slice(from, from + 80).split(/[.;\n]/)[0] ?? '';
  const m = /nam\s+(\d{4})/.exec(tail);
  return m?.[1] ? Number(m[1]) : planYear;
}

function* matches(re: RegExp, text: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) yield m;
}

function dayCandidates(re: RegExp, folded: string, planYear: number | null): Candidate[] {
  const out: Candidate[] = [];
  for (const m of matches(re, folded)) {
    const end = m.index + m[0].length;
    const year = m[3] ? Number(m[3]) : yearAfter(folded, end, planYear);
    const date = year === null ? null : iso(year, Number(m[2]), Number(m[1]));
    // "trước 05/6" with an impossible day or month is a number, not a date.
    if (year !== null && date === null) continue;
    out.push({ start: m.index, end, date, recurring: false });
  }
  return out;
}

function periodCandidates(folded: string, planYear: number | null): Candidate[] {
  const out: Candidate[] = [];
  for (const m of matches(MONTH, folded)) {
    const month = Number(m[1]);
    const year = Number(m[2]);
    // "trước tháng 6/2024" ends with May; "trong/đến hết tháng 6/2024" with June.
    const date = m[0].startsWith('truoc') ? (month === 1 ? iso(year - 1, 12, 31) : lastDayOfMonth(year, month - 1)) : lastDayOfMonth(year, month);
    if (date) out.push({ start: m.index, end: m.index + m[0].length, date, recurring: false });
  }
  for (const m of matches(QUARTER, folded)) {
    const quarter = ROMAN_QUARTER[m[1] ?? ''] ?? 0;
    const year = m[2] ? Number(m[2]) : planYear;
    const date = year === null ? null : lastDayOfMonth(year, quarter * 3);
    out.push({ start: m.index, end: m.index + m[0].length, date, recurring: false });
  }
  for (const m of matches(YEAR_END, folded)) {
    out.push({ start: m.index, end: m.index + m[0].length, date: iso(Number(m[1]), 12, 31), recurring: false });
  }
  return out;
}

function recurringCandidates(folded: string): Candidate[] {
  const found: Candidate[] = [];
  for (const re of [RECURRING, RELATIVE]) {
    for (const m of matches(re, folded)) found.push({ start: m.index, end: m.index + m[0].length, date: null, recurring: true });
  }
  return found;
}

/** A recurring phrase swallows a schedule that follows it: "hằng quý, trước ngày 15 …", "định kỳ 06 tháng (trước 05/6)". */
function extendRecurring(first: Candidate, all: Candidate[], folded: string): Candidate {
  const next = all.find((c) => c !== first && c.start >= first.end && /^\s*[,(:]?\s*$/.test(folded.slice(first.end, c.start)));
  if (!next) return first;
  let end = next.end;
  const gap = folded.slice(first.end, next.start);
  if (gap.includes('(')) {
    const close = folded.indexOf(')', end);
    if (close !== -1 && close - end < 100) end = close + 1;
  }
  return withMore({ start: first.start, end, date: null, recurring: true }, folded);
}

/** "… (trước 05/6) và 01 năm (trước 05/12)": a second schedule joined to the first. */
const AND_SCHEDULE = /^\s*(?:va|,)\s*(?:\d{1,2}\s+)?(?:thang|nam|quy)\s*\((?=[^)]{0,40}\))/;

function withMore(c: Candidate, folded: string): Candidate {
  const more = AND_SCHEDULE.exec(folded.slice(c.end));
  if (!more) return c;
  return { ...c, end: folded.indexOf(')', c.end + more[0].length) + 1 };
}

/** "trước 30/9 hằng năm": a day followed by its recurrence is a recurring deadline, not one date. */
const RECURS_AFTER = /^\s*,?\s*(?:hang|moi)\s+(?:nam|thang|quy)(?![a-z])/;

function recurringTail(c: Candidate, folded: string): Candidate {
  const tail = RECURS_AFTER.exec(folded.slice(c.end));
  return tail ? { start: c.start, end: c.end + tail[0].length, date: null, recurring: true } : c;
}

/**
 * The first deadline a text states: its words as written and, when a single day follows from
 * them, the ISO date ("trong tháng 03/2024" → 2024-03-31; "trước 05/6" → 5 June of the plan
 * year; "Quý I/2024" → 2024-03-31). Recurring or relative deadlines ("định kỳ 06 tháng",
 * "hằng quý, trước ngày 15 của tháng cuối quý") come back with date null. Null when none.
 */
export function parseDeadline(text: string, planYear: number | null): Deadline | null {
  const source = text.normalize('NFC');
  const folded = foldAligned(source).toLowerCase();
  // Lowercasing Vietnamese/Latin never changes length; guard anyway so slices stay aligned.
  if (folded.length !== source.length) return null;
  const all = [
    ...recurringCandidates(folded),
    ...dayCandidates(BEFORE, folded, planYear),
    ...dayCandidates(FROM, folded, planYear),
    ...periodCandidates(folded, planYear),
  ].sort((a, b) => a.start - b.start || b.end - a.end);
  const first = all[0];
  if (!first) return null;
  const chosen = first.recurring ? extendRecurring(first, all, folded) : recurringTail(first, folded);
  return { text: tidy(source.slice(chosen.start, chosen.end)), date: chosen.date };
}
