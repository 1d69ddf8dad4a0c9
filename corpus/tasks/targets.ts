import { foldAligned, tidy } from './fold.ts';

/**
 * Target values of plan clauses ("tối thiểu 80%", "không quá 01 lần/năm") and of appendix
 * rows (unit column "%" + target column "Tối thiểu 50"). Matching runs on folded lowercase
 * text aligned with the source; values are returned as written.
 */

/** Qualifiers that turn a bare number into a target; longest first so "đạt trên" beats "đạt". */
const QUALIFIER = [
  'dat toi thieu', 'dat it nhat', 'dat tren', 'dat', 'toi thieu', 'toi da', 'it nhat', 'khong qua', 'khong vuot qua',
  'khong duoi', 'khong thap hon', 'khong it hon', 'tang it nhat', 'giam it nhat', 'tang', 'giam', 'tren', 'duoi',
  'khoang', 'hon', 'tu', 'bang',
].join('|');
const NUMBER = String.raw`\d+(?:[.,]\d+)?`;
/** Units a qualified count may carry; "lần/năm" may be written without spaces ("1lần/năm"). */
const UNIT = String.raw`lan\s*\/\s*nam|lan\s*\/\s*thang|lan|cuoc|ngay lam viec|ngay|gio|diem|bac|hoi nghi|doanh nghiep|ho so|thu tuc`;

// Percentages, with or without a qualifier: "100%", "tối thiểu 80%", "50%, 40%, 35%".
const PERCENT = new RegExp(String.raw`(?<![a-z0-9])(?:(?:${QUALIFIER})\s+)?${NUMBER}\s*%`, 'g');
// Qualified counts: "tối đa 01 lần/năm", "ít nhất 02 cuộc", "Tối thiểu 50". "từ" is left out here: "từ 01/12" is a date.
const COUNT = new RegExp(String.raw`(?<![a-z0-9])(?:${QUALIFIER.replace(/\|tu\|/, '|')})\s+${NUMBER}(?![\d/]|[.,]\d|\s*%)(?:\s*(?:${UNIT})(?![a-z]))?`, 'g');
// Rankings: "nhóm 25 tỉnh, thành phố", "top 10 địa phương".
const RANK = /(?<![a-z0-9])(?:nhom|top)\s+\d+\s+(?:tinh|dia phuong)(?![a-z])/g;

interface Span {
  start: number;
  end: number;
}

function spans(re: RegExp, folded: string): Span[] {
  const out: Span[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(folded); m; m = re.exec(folded)) out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}

/** Every target value the text states, in order, each once. */
export function extractTargets(text: string): string[] {
  const source = text.normalize('NFC');
  const folded = foldAligned(source).toLowerCase();
  if (folded.length !== source.length) return [];
  const found = [...spans(PERCENT, folded), ...spans(COUNT, folded), ...spans(RANK, folded)].sort(
    (a, b) => a.start - b.start || b.end - a.end,
  );
  const out: string[] = [];
  let reached = -1;
  for (const s of found) {
    // Overlapping matches: the earliest, longest one wins.
    if (s.start < reached) continue;
    reached = s.end;
    const value = tidy(source.slice(s.start, s.end));
    if (!out.includes(value)) out.push(value);
  }
  return out;
}

/**
 * The target of an appendix row from its unit and target cells: "%" + "Tối thiểu 50" →
 * "Tối thiểu 50%"; a cell that already carries its unit is kept as written.
 */
export function rowTarget(unit: string | undefined, value: string | undefined): string | null {
  const v = tidy(value ?? '');
  if (!v || !/\d/.test(v)) return null;
  const u = tidy(unit ?? '');
  if (!u || v.endsWith(u) || (u === '%' && v.includes('%'))) return v.replace(/\s+%/g, '%');
  return u === '%' ? `${v}%` : `${v} ${u}`;
}
