/**
 * Words and patterns that let the appendix parser recognise what a fragment of a flattened
 * table is: a row number, a unit, a target, an agency, a deadline, a column header.
 * Pure data and predicates, shared by the appendix-*.ts files.
 */

import { fold, foldAligned } from '../text/fold.ts';

/** Lowercase, no diacritics, "đ" → "d", single spaces: for comparing words, never for output. */
export { fold };

/** Cell text as output: NFC, markdown emphasis dropped, whitespace runs collapsed. */
export function tidy(s: string): string {
  return s.normalize('NFC').replace(/\*+/g, '').replace(/\s+/g, ' ').trim();
}

/** Vietnamese without its marks ("Sở" → "So"); keeps length for NFC input. */
function stripMarks(s: string): string {
  return foldAligned(s.normalize('NFC'));
}

/**
 * A pattern written with diacritics that also matches text typed without them. Unmarked text
 * uses the stripped pattern; marked text keeps the exact one, so "Số lượng" is not "Sở".
 */
export interface ViPattern {
  test(s: string): boolean;
  exec(s: string): RegExpExecArray | null;
}
function vi(source: string, flags = 'iu'): ViPattern {
  const exact = new RegExp(source, flags);
  const plain = new RegExp(stripMarks(source), flags);
  const pick = (s: string): RegExp => (stripMarks(s) === s.normalize('NFC') ? plain : exact);
  return { test: (s) => pick(s).test(s), exec: (s) => pick(s).exec(s) };
}

/** Row numbers as tables write them: "1", "01", "2.1", "1.", "2.1." (never more than 3 levels). */
export const ROW_LABEL = /^(\d{1,3}(?:\.\d{1,3}){0,2})\.?$/;
/** A row number followed by the row's first words on the same line ("11.  Tỷ lệ xử lý ..."). */
export const ROW_LABEL_INLINE = /^(\d{1,3}(?:\.\d{1,3}){0,2})\.?\s+(\p{Lu}.*)$/u;
/** Group rows are numbered with Roman numerals ("I", "II.", "IV") or capital letters ("A."). */
export const ROMAN = /^(?=[IVXLC])M{0,3}(?:C[MD]|D?C{0,3})(?:X[CL]|L?X{0,3})(?:I[XV]|V?I{0,3})$/;
/** A group row written on one line: "I Cắt giảm ...", "II. Nâng cao ...", "A. PHÁT TRIỂN ...". */
export const GROUP_INLINE = /^([IVXLC]+|[A-Z])\.?\s+(\p{Lu}.*)$/u;
export const GROUP_LABEL = /^([IVXLC]+|[A-Z])\.?$/;

export function isRoman(s: string): boolean {
  return s.length > 0 && ROMAN.test(s);
}

/** Numeric parts of a row label: "02" → [2], "2.1." → [2, 1]. */
export function labelParts(label: string): number[] {
  return label
    .replace(/\.$/, '')
    .split('.')
    .map((p) => Number.parseInt(p, 10));
}

/** Words that qualify a target value: "Tối thiểu 80", "Trên 60%". */
const QUALIFIER = '(?:tối thiểu|tối đa|trên|dưới|ít nhất|không quá|không dưới|đạt|từ|khoảng)';

/**
 * Units of measure in indicator tables. A unit cell may carry the target on the same line
 * ("% 100", "% Trên 60%"), so the pattern only anchors the start.
 */
const UNIT_WORDS = [
  '%',
  'văn bản',
  'ngày',
  'giờ',
  'tháng',
  'lần',
  'lượt',
  'hồ sơ',
  'người',
  'doanh nghiệp',
  'thủ tục',
  'tthc',
  'điểm',
  'xã',
  'cơ sở',
  'đơn vị',
  'bộ',
  'sản phẩm',
  'tỷ đồng',
  'triệu đồng',
  'km',
  'ha',
];
const UNIT_ALT = UNIT_WORDS.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
/** The whole fragment is a unit: "%", "Văn bản". */
export const UNIT_ONLY = vi(`^(?:${UNIT_ALT})$`);
/** A unit followed by a target: "% 100", "% Tối thiểu 50", "% 100 %". */
export const UNIT_THEN_TARGET = vi(`^(%|${UNIT_ALT})\\s+(${targetBody()})$`);
/** Text, then a unit and target at the end of the same line ("... đúng hạn. % 100%"). */
export const TEXT_UNIT_TARGET = vi(`^(.*\\S)\\s+(%)\\s+(${targetBody()})$`);

function targetBody(): string {
  return `(?:${QUALIFIER}\\s*)?[≥≤<>]?\\s*\\d[\\d.,]*\\s*%?`;
}

/** The whole fragment is a target value, possibly only its qualifier ("Tối thiểu" then "80"). */
export const TARGET = vi(`^${targetBody()}$`);
export const TARGET_QUALIFIER_ONLY = vi(`^${QUALIFIER}$`);

/**
 * How agency cells begin in provincial plans. Used to tell an agency column from the
 * indicator text and from a note that qualifies a row.
 */
const AGENCY_START = vi(
  // Common words that begin like an agency but are not one ("Báo cáo", "Ban hành", "Bộ tiêu chí").
  '^(?!báo cáo|ban hành|bộ (?:tiêu chí|công cụ|dữ liệu|chỉ số|quy tắc)|hội (?:nghị|thảo|thi)|phòng,? chống|trường hợp)' +
    '(?:các |những )?(?:sở|ubnd|ủy ban|uỷ ban|hđnd|vp|văn phòng|ban|cục|chi cục|công an|bộ|' +
    'kho bạc|ngân hàng|bảo hiểm|thanh tra|phòng|trung tâm|đài|báo|trường|viện|hội|liên đoàn|' +
    'tỉnh đoàn|mặt trận|bộ chỉ huy|cơ quan|đơn vị|tổ chức|doanh nghiệp|tòa án|toà án|viện kiểm sát|' +
    'cảng vụ|ban quản lý|thuế|tổng cục|chính phủ|thủ tướng|tỉnh ủy|thành ủy|huyện ủy)(?=[\\s,;.]|$)',
);
export function isAgencyLike(s: string): boolean {
  return AGENCY_START.test(s.trim());
}

/** Deadlines and periods: "Quý IV/2025", "Năm 2026", "Thường xuyên", "2026 - 2030". */
const TIME_START = vi(
  '^(?:năm|quý|tháng|trước|trong|hằng|hàng|thường xuyên|định kỳ|giai đoạn|đến|từ|ngày|\\d{4}\\b|\\d{1,2}/\\d{4})',
);
export function isTimeLike(s: string): boolean {
  return s.length <= 120 && TIME_START.test(s.trim());
}

/**
 * A line that ends with one of these was cut mid-phrase by the PDF extractor, so the next
 * line continues the same cell ("Sở Thông tin và" / "Truyền thông").
 */
const DANGLING_END = vi('(?:[,;:(\\-–]|(?:^|\\s)(?:và|với|của|tại|cho|các|trên|theo|hoặc|về|phối hợp|thuộc|đối với|cùng|từ|đến))$');
export function endsDangling(s: string): boolean {
  return DANGLING_END.test(s.trim());
}

/** A line that starts in lower case or inside brackets continues the previous cell. */
export function startsContinuation(s: string): boolean {
  const t = s.trim();
  return /^[\p{Ll}(\d,.;)]/u.test(t) && !/^\d+(?:\.\d+)*\.?$/.test(t);
}

export type ColumnRole = 'label' | 'text' | 'unit' | 'target' | 'agency' | 'time' | 'other';

/** What a header cell announces, from its words (folded so "CHỦ TRÌ" and "Chủ trì" agree). */
export function columnRole(name: string): ColumnRole {
  const f = fold(name);
  if (/^(stt|tt|so tt|so thu tu)$/.test(f)) return 'label';
  if (/^(don vi|don vi tinh|dvt)$/.test(f)) return 'unit';
  if (/^(co quan|chu tri|phoi hop|don vi (thuc hien|phoi hop|chu tri)|trach nhiem)/.test(f)) return 'agency';
  if (/^(thoi gian|thoi han|tien do|lo trinh)/.test(f)) return 'time';
  if (/^chi tieu (nam|dat|ke hoach)|^muc tieu|^gia tri|^ke hoach nam/.test(f)) return 'target';
  if (/^(chi tieu|nhiem vu|noi dung|ten|giai phap|hoat dong|cong viec)/.test(f)) return 'text';
  return 'other';
}

/**
 * Words that open a header cell. In a flattened header ("Cơ quan chủ trì" / "thực hiện" /
 * "Cơ quan" / "chủ trì" / "đánh giá") a new column begins only where a line starts with one.
 */
const HEADER_STARTERS = [
  'stt',
  'tt',
  'so tt',
  'chi tieu',
  'don vi',
  'dvt',
  'co quan',
  'chu tri',
  'phoi hop',
  'thoi gian',
  'thoi han',
  'tien do',
  'nhiem vu',
  'noi dung',
  'ket qua',
  'san pham',
  'ghi chu',
  'nguon',
  'kinh phi',
  'muc tieu',
  'giai phap',
  'lo trinh',
  'thuoc nhom',
];
export function headerStarterAt(foldedWords: readonly string[], i: number): number {
  for (const starter of HEADER_STARTERS) {
    const sw = starter.split(' ');
    if (sw.every((w, k) => foldedWords[i + k] === w)) return sw.length;
  }
  return 0;
}
