/**
 * Citations as officials write them ("Kế hoạch số 417/KH-UBND của UBND tỉnh Nam Định năm
 * 2024 — Mục IV.2.5.e") and the full plain-text reply a chat shows. Plain text only: the
 * Telegram layer escapes it. Document names and quotes stay Vietnamese in English replies.
 */
import { currentUnit, placeByName, placeLabel } from '../corpus/places.ts';
import type { Clause, DocHeader, Task } from '../corpus/types.ts';
import { fold } from '../retrieval/normalize.ts';
import type { Lang } from './intent.ts';
import type { AnswerObject, Citation } from './types.ts';

export function toCitation(clause: Pick<Clause, 'docId' | 'section' | 'text'>, header: DocHeader | null, task?: Task, ocr = false): Citation {
  return {
    ...(ocr ? { ocr: true } : {}),
    doc: clause.docId,
    section: clause.section,
    title: header?.title ?? null,
    province: header?.province ?? null,
    year: header?.year ?? null,
    text: clause.text,
    number: header?.number ?? null,
    issuer: header?.issuer ?? null,
    taskId: task?.id ?? null,
    provinceNow: provinceToday(header?.province ?? null),
  };
}

/** The unit a former province now belongs to ("Nam Định" → "Ninh Bình"), null for a province in force today. */
export function provinceToday(province: string | null): string | null {
  const place = placeByName(province);
  if (!place || place.now === null) return null;
  return currentUnit(place).name;
}

/** "(nay thuộc tỉnh Ninh Bình)" after a former province's plan. */
function todayNote(c: Citation, lang: Lang): string {
  const now = c.provinceNow ? placeByName(c.provinceNow) : null;
  if (!now) return '';
  return lang === 'en' ? ` (now part of ${now.name})` : ` (nay thuộc ${placeLabel(now)})`;
}

const ROMAN = /^[IVXLC]+$/;

/**
 * "Mục IV.2.5.e"; appendix rows "Phụ lục.II.03" → "Phụ lục, nhóm II, dòng 03" (a Roman
 * first part is the table's group row) and "Phụ lục.8.5" → "Phụ lục, dòng 8.5"; "Điều 3" as is.
 */
export function sectionName(section: string, lang: Lang): string {
  const en = lang === 'en';
  if (section.startsWith('Phụ lục')) {
    const [group, ...rest] = section.replace(/^Phụ lục\.?/u, '').split('.').filter(Boolean);
    const appendix = en ? 'Appendix' : 'Phụ lục';
    if (group === undefined) return appendix;
    if (ROMAN.test(group) && rest.length) return `${appendix}, ${en ? 'group' : 'nhóm'} ${group}, ${en ? 'row' : 'dòng'} ${rest.join('.')}`;
    return `${appendix}, ${en ? 'row' : 'dòng'} ${[group, ...rest].join('.')}`;
  }
  if (/^Điều\s/u.test(section)) return en ? section.replace(/^Điều/u, 'Article') : section;
  return `${en ? 'Section' : 'Mục'} ${section}`;
}

/** "Ủy ban nhân dân tỉnh Nam Định" → "UBND tỉnh Nam Định", the way plans refer to their issuer. */
function shortIssuer(c: Citation): string | null {
  if (c.issuer) return c.issuer.replace(/^(Ủy|Uỷ) ban nhân dân/iu, 'UBND');
  if (c.number && /-UBND$/iu.test(c.number) && c.province) return `UBND tỉnh ${c.province}`;
  return null;
}

/** The kind of document from its number code ("417/KH-UBND" is a Kế hoạch, "12/QĐ-UBND" a Quyết định) or its title. */
function docKind(c: Citation): string {
  const code = fold((c.number ?? '').toLowerCase());
  if (/\/qd-/.test(code)) return 'Quyết định';
  if (/\/kh-/.test(code)) return 'Kế hoạch';
  if (/\/ct-/.test(code)) return 'Chỉ thị';
  if (/\/cd-/.test(code)) return 'Công điện';
  if (/\/nq-/.test(code)) return 'Nghị quyết';
  if (/\/cv-|^\d+\/[a-z]+-[a-z]+$/.test(code) && !/ubnd$/.test(code)) return 'Công văn';
  const first = /^(Kế hoạch|Quyết định|Nghị quyết|Chỉ thị)/iu.exec(c.title ?? '');
  return first?.[1] ?? 'Kế hoạch';
}

const mentions = (title: string, words: string) => fold(title.toLowerCase()).includes(fold(words.toLowerCase()));

/**
 * The title as a name: a title cut at a line break loses its dangling last word ("… của
 * Chính phủ về"), and one without its document kind ("Cải cách hành chính tỉnh Nam Định
 * năm 2022") gets it back in front.
 */
function titleName(c: Citation): string {
  if (!c.title) return c.doc;
  const title = c.title.trim().replace(/\s+(về|của|và|với|đối với|trong|nhằm|tại|theo)$/u, '');
  if (/^(Kế hoạch|Quyết định|Nghị quyết|Chỉ thị)/iu.test(title)) return title;
  return `${docKind(c)} ${title.charAt(0).toLowerCase()}${title.slice(1)}`;
}

/** The plan as a reader knows it: its number when it has one, else its title, with issuer and year. */
export function planName(c: Citation, lang: Lang): string {
  const issuer = shortIssuer(c);
  const yearIn = (title: string) => c.year !== null && mentions(title, `năm ${c.year}`);
  if (lang === 'en') {
    const name = c.number ? `${docKind(c)} số ${c.number}` : titleName(c);
    const extra = [issuer, c.year !== null && !yearIn(name) ? String(c.year) : null].filter(Boolean);
    return `${extra.length ? `${name} (${extra.join(', ')})` : name}${todayNote(c, lang)}`;
  }
  const name = c.number ? `${docKind(c)} số ${c.number}` : titleName(c);
  const byIssuer = issuer && !(c.province && mentions(name, c.province)) ? ` của ${issuer}` : '';
  const year = c.year !== null && !yearIn(name) ? ` năm ${c.year}` : '';
  return `${name}${byIssuer}${year}${todayNote(c, lang)}`;
}

export function formatCitation(c: Citation, lang: Lang = 'vi'): string {
  return `${planName(c, lang)} — ${sectionName(c.section, lang)}`;
}

/**
 * The reply a chat shows: the answer, its best source with the clause quoted in « », the
 * task code when the answer is a task, then the other sources by name.
 */
export function formatAnswerText(a: AnswerObject): string {
  const lang = a.lang ?? 'vi';
  const en = lang === 'en';
  const lines = [a.answer];
  const [best, ...others] = a.citations;
  if (best) {
    lines.push('', `${en ? 'Source' : 'Nguồn'}: ${formatCitation(best, lang)}`, `«${best.text}»`);
    if (best.ocr) lines.push(en ? '(Read by OCR from a scanned copy: check the quote against the scan.)' : '(Văn bản đọc bằng OCR từ bản quét: nên đối chiếu trích dẫn với bản gốc.)');
  }
  const taskId = a.taskId ?? best?.taskId;
  if (taskId) lines.push(`Mã nhiệm vụ: ${taskId}${en ? ' (task code)' : ''}`);
  // Several clauses may share one section (unnumbered paragraphs under "III.1.1"): name each place once.
  const seen = new Set(best ? [formatCitation(best, lang)] : []);
  const more = others.map((c) => formatCitation(c, lang)).filter((name) => !seen.has(name) && Boolean(seen.add(name)));
  if (more.length) lines.push('', `${en ? 'Other sources' : 'Nguồn khác'}:`, ...more.map((name) => `- ${name}`));
  return lines.join('\n');
}
