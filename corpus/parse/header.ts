/**
 * Header fields of a plan: issuer, number, date, province, year, title, what it implements,
 * and its kind. Every field comes from words the document states (the header block, the title,
 * the preamble sentence "... ban hành Kế hoạch ...", an appendix's "Kèm theo Kế hoạch số ...");
 * a field the text does not state is null. The file name is never used.
 */
import type { DocHeader } from '../types.ts';
import { hasWords } from './layout.ts';
import { isUpperHeading, readMarker } from './markers.ts';
import { PROVINCES, findProvince, foldName } from './provinces.ts';

const DOC_TYPE = /^(KẾ HOẠCH|QUYẾT ĐỊNH|CHỈ THỊ|CHƯƠNG TRÌNH|ĐỀ ÁN|PHƯƠNG ÁN|QUY ĐỊNH|HƯỚNG DẪN)$/u;
/** Lines that open the preamble, so the title has ended. */
const PREAMBLE = /^(Thực hiện|Căn cứ|Nhằm|Triển khai|Để|Theo đề nghị|Trên cơ sở)(?=\s|$)/u;
const BOILERPLATE = /^(?:(?:ỦY|UỶ) BAN|CỘNG H[OÒ][AÀ]|Độc lập|Số\s*:|HỘI ĐỒNG)/iu;
/** A document reference: "Nghị quyết số 02/NQ-CP ngày 05/01/2024". */
const DOC_REF =
  /(?:Nghị quyết|Nghị định|Quyết định|Chỉ thị|Kế hoạch|Kết luận|Thông báo|Chương trình)(?:\s+số)?\s+\d+\/[\p{L}\d\-/]+(?:\s+ngày\s+(?:\d{1,2}\/\d{1,2}\/\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}))?/iu;

export function parseHeader(text: string, docId: string): DocHeader {
  void docId; // identifies the document in errors only: never a source of header facts.
  const lines = text.split('\n').map((l) => l.trim());
  const frontEnd = bodyStart(lines);
  const front = lines.slice(0, frontEnd);
  const titleAt = titleBlock(front);
  const title = titleAt ? formatTitle(titleAt.type, titleAt.lines) : null;
  const headerText = front.slice(0, titleAt?.start ?? Math.min(front.length, 20)).join(' ');
  const frontText = front.join(' ');
  const issuer = findIssuer(front, frontText);
  return {
    issuer,
    number: findNumber(headerText) ?? attachedNumber(text),
    date: findDate(headerText) ?? attachedDate(text),
    // Only where the document names itself: a national plan mentioning cities has no province.
    province: (issuer ? findProvince(issuer) : null) ?? (title ? findProvince(title) : null),
    year: (title ? lastYear(title) : null) ?? issuingSentenceYear(frontText) ?? signingYear(headerText),
    title,
    implements: (title ? firstRef(title) : null) ?? preambleRef(frontText),
    kind: title ? kindOf(title) : null,
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

function findIssuer(front: string[], frontText: string): string | null {
  // Header form: "UỶ BAN NHÂN DÂN" / "TỈNH BẮC GIANG", possibly broken over lines.
  const caps: string[] = [];
  for (const l of front) {
    if (isUpperHeading(l) && !DOC_TYPE.test(l)) caps.push(l);
    else if (hasWords(l)) caps.push('|');
  }
  const header = foldName(caps.join(' '));
  const m = /(uy ban nhan dan|hoi dong nhan dan) (tinh|thanh pho) /.exec(header);
  const fromHeader = m ? findProvince(header.slice(m.index + (m[1] ?? "").length)) : null;
  if (m && fromHeader) return issuerName(m[1] ?? '', m[2] ?? '', fromHeader);
  // Preamble form: "Ủy ban nhân dân tỉnh Nam Định ban hành Kế hoạch ...".
  const folded = foldName(frontText);
  const p = /(uy ban nhan dan|ubnd) (tinh|thanh pho) ([a-z ]+?) (?:ban hanh|xay dung)/.exec(folded);
  const fromPreamble = p ? findProvince(`${p[2]} ${p[3]}`) : null;
  return p && fromPreamble ? issuerName('uy ban nhan dan', p[2] ?? '', fromPreamble) : null;
}

function issuerName(body: string, level: string, province: string): string {
  const name = body.startsWith('hoi') ? 'Hội đồng nhân dân' : 'Ủy ban nhân dân';
  return `${name} ${level === 'tinh' ? 'tỉnh' : 'thành phố'} ${province}`;
}

function findNumber(headerText: string): string | null {
  const m = /Số\s*:?\s*(\d+)?\s*\/\s*([\p{Lu}\d][\p{L}\d\-]*)/u.exec(headerText);
  return m?.[1] ? `${m[1]}/${m[2]}` : null;
}

/** "(Kèm theo Kế hoạch số 12/KH-UBND ngày 19/01/2024 ...)" under an appendix title. */
const ATTACHED = /Kèm theo (?:Kế hoạch|Quyết định)[^)\n]*?số\s*:?\s*(\d+)?\s*\/\s*([\p{Lu}\d\-]+)([^)\n]*)/iu;

function attachedNumber(text: string): string | null {
  const m = ATTACHED.exec(text);
  return m?.[1] ? `${m[1]}/${m[2]}` : null;
}

function attachedDate(text: string): string | null {
  const m = ATTACHED.exec(text);
  const d = m ? /ngày\s+(\d{1,2})\/(\d{1,2})\/(\d{4})/u.exec(m[3] ?? '') : null;
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

/**
 * The last "năm 2024" of a title: the year the plan is for. "đến năm 2030", "tầm nhìn năm
 * 2045" name a horizon, not the plan's year, and are skipped.
 */
function lastYear(s: string): number | null {
  const all = [...s.matchAll(/(?<!(?:đến|tới|tầm nhìn|định hướng|sau|trước)\s+)năm\s+((?:19|20)\d\d)\b/giu)];
  const last = all[all.length - 1];
  return last ? Number(last[1]) : null;
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
