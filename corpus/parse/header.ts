/**
 * Header fields of a plan: issuer, number, date, province, year, title, what it implements,
 * and its kind. Every field comes from words the document states (the header block, the title,
 * the preamble sentence "... ban hành Kế hoạch ...", an appendix's "Kèm theo Kế hoạch số ...");
 * a field the text does not state is null. The file name is never used.
 */
import type { PageMeta } from '../clean.ts';
import type { DocHeader, Period } from '../types.ts';
import { issuerBlocks, readIssuer, type Issuer } from './issuer.ts';
import { hasWords } from './layout.ts';
import { isUpperHeading, readMarker } from './markers.ts';
import { PROVINCES, findProvince, foldName } from './provinces.ts';

const DOC_TYPE = /^(KẾ HOẠCH|QUYẾT ĐỊNH|CHỈ THỊ|CHƯƠNG TRÌNH|ĐỀ ÁN|PHƯƠNG ÁN|QUY ĐỊNH|HƯỚNG DẪN|NGHỊ QUYẾT|CÔNG ĐIỆN|CÔNG VĂN|THÔNG BÁO|KẾT LUẬN)$/u;
/** Lines that open the preamble, so the title has ended. */
const PREAMBLE = /^(Thực hiện|Căn cứ|Nhằm|Triển khai|Để|Theo đề nghị|Trên cơ sở)(?=\s|$)/u;
const BOILERPLATE = /^(?:(?:ỦY|UỶ) BAN|CỘNG H[OÒ][AÀ]|Độc lập|Số\s*:|HỘI ĐỒNG)/iu;
/** A document reference: "Nghị quyết số 02/NQ-CP ngày 05/01/2024". */
const DOC_REF =
  /(?:Nghị quyết|Nghị định|Quyết định|Chỉ thị|Kế hoạch|Kết luận|Thông báo|Chương trình)(?:\s+số)?\s+\d+\/[\p{L}\d\-/]+(?:\s+ngày\s+(?:\d{1,2}\/\d{1,2}\/\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}))?/iu;

export function parseHeader(text: string, docId: string, pageMeta: PageMeta | null = null): DocHeader {
  void docId; // identifies the document in errors only: never a source of header facts.
  const lines = text.split('\n').map((l) => l.trim());
  const frontEnd = bodyStart(lines);
  const front = lines.slice(0, frontEnd);
  const titleAt = titleBlock(front);
  const title = titleAt ? formatTitle(titleAt.type, titleAt.lines) : null;
  const headerText = front.slice(0, titleAt?.start ?? Math.min(front.length, 20)).join(' ');
  const frontText = front.join(' ');
  const issuer = findIssuer(front, frontText, pageMeta);
  const date = findDate(headerText) ?? attachedDate(text) ?? pageMeta?.date ?? null;
  const issuedIn = date ? Number(date.slice(0, 4)) : signingYear(headerText);
  const titleYears = title ? readTitleYears(title, issuedIn) : { year: null, period: null };
  const nationalScope = issuer !== null && issuer.kind !== 'province';
  return {
    issuer: issuer?.name ?? null,
    issuerKind: issuer?.kind ?? null,
    scope: issuer ? (nationalScope ? 'national' : 'province') : null,
    number: findNumber(headerText) ?? attachedNumber(text) ?? metaNumber(pageMeta),
    date,
    // Only where the document names itself: a national plan mentioning cities has no province.
    province: nationalScope ? null : (issuer?.province ?? (title ? findProvince(title) : null)),
    year: titleYears.year ?? issuingSentenceYear(frontText) ?? issuedIn,
    period: titleYears.period,
    title,
    implements: (title ? firstRef(title) : null) ?? preambleRef(frontText),
    kind: title ? kindOf(title) : null,
    docType: docTypeOf(titleAt?.type ?? null, pageMeta),
  };
}

/** The first Part I / Article 1 line: everything above it is header and preamble. */
function bodyStart(lines: string[]): number {
  const at = lines.findIndex((l) => {
    const m = readMarker(l);
    return m !== null && (m.kind === 'part' || m.kind === 'article') && m.n === 1;
  });
  return at < 0 ? Math.min(lines.length, 80) : at;
}

interface TitleBlock {
  type: string | null;
  start: number;
  lines: string[];
}

/** The document-type line and the lines after it, up to the preamble or a wide gap. */
function titleBlock(front: string[]): TitleBlock | null {
  let start = front.findIndex((l) => DOC_TYPE.test(l));
  const type = start >= 0 ? (front[start] ?? null) : null;
  if (start < 0) {
    // Extraction lost the top: the first line may already be the title's tail.
    start = front.findIndex(hasWords);
    if (start < 0 || BOILERPLATE.test(front[start] ?? '') || PREAMBLE.test(front[start] ?? '')) return null;
    start--;
  }
  const out: string[] = [];
  let gap = 0;
  for (let i = start + 1; i < front.length && out.length < 6; i++) {
    const l = front[i] ?? '';
    if (!hasWords(l)) {
      if (++gap >= 2 && out.length > 0) break;
      continue;
    }
    gap = 0;
    if (out.length > 0 && (PREAMBLE.test(l) || l === out[0] || BOILERPLATE.test(l))) break;
    out.push(l);
  }
  return out.length === 0 && !type ? null : { type, start: Math.max(0, start), lines: out };
}

function formatTitle(type: string | null, lines: string[]): string {
  let rest = lines.join(' ').replace(/\s+/g, ' ').trim();
  if (isUpperHeading(rest)) rest = sentenceCase(rest);
  if (!type) return rest;
  const head = sentenceCase(type);
  // "Kế hoạch" + "Thực hiện Nghị quyết..." reads "Kế hoạch thực hiện Nghị quyết...".
  const tail = /^\p{Lu}\p{Ll}/u.test(rest) ? rest.charAt(0).toLowerCase() + rest.slice(1) : rest;
  return tail ? `${head} ${tail}` : head;
}

/** Lower-cases an all-caps title, keeping codes such as "02/NQ-CP" and province names as written. */
function sentenceCase(s: string): string {
  let lowered = s
    .split(' ')
    .map((w) => (/[\d/]/.test(w) ? w : w.toLowerCase()))
    .join(' ');
  for (const p of PROVINCES) lowered = lowered.split(p.toLowerCase()).join(p);
  return lowered.charAt(0).toUpperCase() + lowered.slice(1);
}

function findIssuer(front: string[], frontText: string, pageMeta: PageMeta | null): Issuer | null {
  // Header form: "UỶ BAN NHÂN DÂN" / "TỈNH BẮC GIANG", "THỦ TƯỚNG CHÍNH PHỦ", "BỘ XÂY DỰNG", possibly broken over lines.
  for (const block of issuerBlocks(front, DOC_TYPE)) {
    const fromHeader = readIssuer(block);
    if (fromHeader) return fromHeader;
  }
  // Preamble form: "Ủy ban nhân dân tỉnh Nam Định ban hành Kế hoạch ...".
  const folded = foldName(frontText);
  const p = /(uy ban nhan dan|ubnd) (tinh|thanh pho) ([a-z ]+?) (?:ban hanh|xay dung)/.exec(folded);
  const fromPreamble = p ? readIssuer(`uy ban nhan dan ${p[2]} ${p[3]}`) : null;
  if (fromPreamble) return fromPreamble;
  const fromMeta = pageMeta?.issuer ? readIssuer(pageMeta.issuer) : null;
  if (fromMeta) return fromMeta;
  // A national document whose issuer stands as a capitals line under its title ("CHÍNH PHỦ" above "Căn cứ …").
  return (
    front
      .slice(0, 40)
      .filter((l) => isUpperHeading(l) && !DOC_TYPE.test(l))
      .map((l) => readIssuer(l))
      .find((i) => i !== null && i.kind !== 'province') ?? null
  );
}

/** "Số: 96/2025/QĐ-UBND", "Số: 2530/QĐ-TTg", "Số: 174/CV-BCĐ". */
const NUMBER = /Số\s*:?\s*(\d+)?\s*\/\s*((?:\d{4}\/)?[\p{Lu}\d][\p{L}\d\-]*)/u;

function findNumber(headerText: string): string | null {
  const m = NUMBER.exec(headerText);
  return m?.[1] ? `${m[1]}/${m[2]}` : null;
}

function metaNumber(meta: PageMeta | null): string | null {
  return meta?.number && /^\d+\/\S+$/u.test(meta.number) ? meta.number : null;
}

const TYPE_NAMES = new Map([...'Kế hoạch|Quyết định|Chỉ thị|Chương trình|Đề án|Phương án|Quy định|Hướng dẫn|Nghị quyết|Công điện|Công văn|Thông báo|Kết luận'.split('|')].map((t) => [foldName(t), t]));

function docTypeOf(type: string | null, meta: PageMeta | null): string | null {
  return TYPE_NAMES.get(foldName(type ?? meta?.docType ?? '')) ?? null;
}

/** "(Kèm theo Kế hoạch số 12/KH-UBND ngày 19/01/2024 ...)" under an appendix title, the caption possibly wrapped after "Kèm theo". */
const ATTACHED = /Kèm theo\s+(?:Kế hoạch|Quyết định|Nghị quyết|Chỉ thị|Công văn)[^)\n]*?số\s*:?\s*(\d+)?\s*\/\s*((?:\d{4}\/)?[\p{Lu}\d\-]+)([^)\n]*)/iu;

function attachedNumber(text: string): string | null {
  const m = ATTACHED.exec(text);
  return m?.[1] ? `${m[1]}/${m[2]}` : null;
}

function attachedDate(text: string): string | null {
  const m = ATTACHED.exec(text);
  const d = m ? /ngày\s+(\d{1,2})(?:\/|\s+tháng\s+)(\d{1,2})(?:\/|\s+năm\s+)(\d{4})/u.exec(m[3] ?? '') : null;
  return d ? isoDate(d[1], d[2], d[3]) : null;
}

/** The place-and-date line: "Bắc Giang, ngày 20 tháng 11 năm 2025" (blank day → null). */
function findDate(headerText: string): string | null {
  const m = /,\s*ngày\s*(\d{1,2})?\s*tháng\s*(\d{1,2})?\s*năm\s*(\d{4})?/iu.exec(headerText);
  return m ? isoDate(m[1], m[2], m[3]) : null;
}

function isoDate(d?: string, m?: string, y?: string): string | null {
  if (!d || !m || !y) return null;
  const day = Number(d);
  const month = Number(m);
  if (day < 1 || day > 31 || month < 1 || month > 12) return null;
  return `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Words before "năm 2030" that make it a horizon or a range end, not the plan's year. */
const HORIZON = /(?:đến|tới|tầm nhìn|định hướng|sau|trước|từ)\s+$/iu;
/** "giai đoạn 2026 - 2030", "2021-2025", "từ năm 2021 đến năm 2025". */
const RANGE = /(?:giai đoạn\s+)?((?:19|20)\d\d)\s*[-–—]\s*((?:19|20)\d\d)\b|từ\s+năm\s+((?:19|20)\d\d)\s+đến\s+năm\s+((?:19|20)\d\d)/iu;
/** "đến năm 2035", "tới năm 2030": a horizon from the year the plan is issued. */
const UNTIL = /(?:đến|tới)\s+năm\s+((?:19|20)\d\d)\b/iu;

/**
 * The year a plan is for and the period it covers, from its title. "năm 2024" alone is the
 * plan's year; "giai đoạn 2026 - 2030" (or "từ năm … đến năm …") is its period; "đến năm 2035"
 * a period from the year it was issued. "tầm nhìn đến năm 2045" is a vision, not a period.
 */
export function readTitleYears(title: string, issuedIn: number | null): { year: number | null; period: Period | null } {
  const own = [...title.matchAll(/năm\s+((?:19|20)\d\d)\b/giu)].filter((m) => !HORIZON.test(title.slice(0, m.index)));
  const last = own[own.length - 1];
  const range = RANGE.exec(title);
  let period: Period | null = null;
  if (range) {
    const from = Number(range[1] ?? range[3]);
    const to = Number(range[2] ?? range[4]);
    if (from <= to) period = { from, to };
  } else {
    const until = UNTIL.exec(title.replace(/tầm nhìn\s+(?:đến|tới)\s+năm\s+\d{4}/giu, ''));
    const to = until ? Number(until[1]) : null;
    const from = issuedIn ?? (last ? Number(last[1]) : null);
    if (to !== null && from !== null && from <= to) period = { from, to };
  }
  // A year inside the period's own words ("giai đoạn I: từ năm 2021 …") is not the plan's year.
  const year = last && !(range && range.index <= last.index && last.index < range.index + range[0].length) ? Number(last[1]) : null;
  return { year, period };
}

function lastYear(s: string): number | null {
  return readTitleYears(s, null).year;
}

/** "... ban hành Kế hoạch ... năm 2024 như sau:" in the preamble. */
/** The year of the place-and-date line, even when its day is blank ("ngày   tháng 01 năm 2024"). */
function signingYear(headerText: string): number | null {
  const m = /,\s*ngày[^,;]{0,30}?năm\s*((?:19|20)\d\d)/iu.exec(headerText);
  return m ? Number(m[1]) : null;
}

function issuingSentenceYear(frontText: string): number | null {
  const m = /(?:ban hành|xây dựng)\s+Kế hoạch([^:]*?)(?:như sau|cụ thể)/iu.exec(frontText);
  return m ? lastYear(m[1] ?? '') : null;
}

function firstRef(s: string): string | null {
  const m = DOC_REF.exec(s);
  if (!m) return null;
  return m[0].charAt(0).toUpperCase() + m[0].slice(1);
}

function preambleRef(frontText: string): string | null {
  const m = /(?:^|\s)Thực hiện\s+([^;:]*)/u.exec(frontText);
  return m ? firstRef(m[1] ?? '') : null;
}

/** Plan kind keyword from the title: "nq02" for Resolution 02/NQ-CP, "cctthc", "cchc". */
function kindOf(title: string): string | null {
  const f = foldName(title);
  const nq = /nghi quyet (?:so )?0*(\d{1,3}) nq cp/.exec(f);
  if (nq) return `nq${(nq[1] ?? '').padStart(2, '0')}`;
  if (f.includes('cai cach thu tuc hanh chinh')) return 'cctthc';
  if (f.includes('cai cach hanh chinh')) return 'cchc';
  return null;
}
