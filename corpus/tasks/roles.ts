import { isAgency, isKnownAgency, splitAgencies } from './agencies.ts';
import { DUTY_WORDS, hasDutyWord } from './duty.ts';
import { foldAligned, tidy } from './fold.ts';

/**
 * Who leads and who coordinates, read from one clause's own text. Names come back as written
 * (split, not yet normalised). Inheritance from headings is the caller's business.
 */

export interface Roles {
  leads: string[];
  coordinators: string[];
  /** The text is nothing but an agency header ("b) Sở Y tế:", "1. Văn phòng Ủy ban nhân dân tỉnh"). */
  headingOnly: boolean;
}

const DUTY = new RegExp(`(?<![\\p{L}\\d])(?:${DUTY_WORDS.join('|')})(?![\\p{L}\\d])|:`, 'gu');

/** Markers after which the agencies named lead the work even mid-sentence ("Giao Sở X chủ trì"). */
const LEAD_MARKER = /(?<![\p{L}\d])(?:chu tri|lam dau moi|la co quan dau moi|la dau moi|chiu trach nhiem chinh)(?![\p{L}\d])/gu;

/** "phối hợp với", "phối hợp chặt chẽ với", "phối hợp cùng", "phối hợp" (and the typo "phối với"). */
const COORDINATION = /(?<![\p{L}\d])phoi\s+(?:hop\s+)?(?:chat che\s+|thuong xuyen\s+|tot\s+)?(?:voi|cung)?\s*(?:voi\s+)?/giu;

/** Where the coordinators' list ends: a duty word or a preposition starting the purpose. */
const OBJECT_END = new RegExp(
  `(?<![\\p{L}\\d])(?:${DUTY_WORDS.filter((w) => w !== 'phoi hop').join('|')}|de|nham|trong|tren co so|theo|ve|doi voi|tai|khi|sau khi|dong thoi)(?![\\p{L}\\d])|[.;:(]`,
  'u',
);

/**
 * Labelled fields of plans written as task sheets: "Đơn vị chủ trì: Sở Tư pháp.", "Cơ quan chủ
 * trì tham mưu thực hiện: …", "Đơn vị phối hợp: …". The label may carry a few lowercase words.
 */
const LABELLED_LEAD = /(?<![\p{L}\d])(?:(?:don vi|co quan)\s+)?chu tri(?:\s+\p{Ll}+){0,4}\s*:/giu;
const LABELLED_COORDINATION = /(?<![\p{L}\d])(?:don vi|co quan)\s+phoi hop(?:\s+\p{Ll}+){0,3}\s*:/giu;

/** Words that may open a duty sentence before its subject: "Giao Sở X chủ trì", "Đề nghị Ủy ban MTTQ…". */
const PREFIX = /^(?:giao|de nghi|yeu cau|phan cong|chi dao)\s+/iu;

/**
 * A subject list is valid when its first name is an agency and the others are agencies or
 * lowercase references ("các đơn vị liên quan", "thủ trưởng cơ quan thuộc UBND tỉnh"), which
 * are dropped. A capitalised non-agency ("Về cấp phép xây dựng") makes it no list at all.
 */
function agencyList(phrase: string): string[] | null {
  const parts = splitAgencies(phrase);
  const first = parts[0];
  if (!first || !isAgency(first)) return null;
  for (const p of parts.slice(1)) if (!isAgency(p) && !/^\p{Ll}/u.test(p)) return null;
  return parts.filter((p) => isAgency(p));
}

function sentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+(?=\p{Lu})/u).filter(Boolean);
}

interface Subject {
  names: string[];
  /** Index in the sentence right after the subject (at the duty word or colon). */
  end: number;
}

/**
 * The agencies a duty sentence opens with. The subject ends at a duty word or colon; of the
 * first few cut points that give a valid list, one naming only known agencies is preferred
 * ("Ban Quản lý dự án đầu tư xây dựng tỉnh" is not cut at "xây dựng").
 */
function subjectAt(sentence: string): Subject | null {
  const folded = foldAligned(sentence);
  const prefix = PREFIX.exec(folded);
  const offset = prefix ? prefix[0].length : 0;
  const found: Subject[] = [];
  DUTY.lastIndex = offset;
  for (let m = DUTY.exec(folded); m && m.index < offset + 300 && found.length < 3; m = DUTY.exec(folded)) {
    if (m.index <= offset) continue;
    const names = agencyList(sentence.slice(offset, m.index));
    if (names) found.push({ names, end: m.index });
  }
  return found.find((s) => s.names.every(isKnownAgency)) ?? found[0] ?? null;
}

/** A topic phrase run into the subject ("Về Giải quyết tranh chấp hợp đồng Sở Tư pháp và …: …"). */
const TOPIC = /^(?:ve|doi voi|ve viec)\s/i;

function subjectAfterTopic(sentence: string): Subject | null {
  if (!TOPIC.test(foldAligned(sentence))) return null;
  for (const m of sentence.slice(0, 200).matchAll(/(?<=\s)\p{Lu}/gu)) {
    const subject = subjectAt(sentence.slice(m.index));
    if (subject) return { names: subject.names, end: subject.end + m.index };
  }
  return null;
}

/** Lowercase duty verbs chained before "chủ trì" ("gửi Sở Khoa học và Công nghệ tổng hợp, chủ trì"): the agency precedes them all. */
const TRAILING_DUTIES = new RegExp(`(?:[\\s,]*(?<![\\p{L}\\d])(?:va\\s+)?(?:${DUTY_WORDS.join('|')}))+[\\s,]*$`, 'u');

function withoutTrailingDuties(foldedSpan: string): string {
  return foldedSpan.replace(TRAILING_DUTIES, '');
}

/** Agencies named right before a lead marker in mid-sentence ("… giao Sở Tư pháp chủ trì"). */
function leadsBeforeMarkers(sentence: string, skipUntil: number): string[] {
  const folded = foldAligned(sentence);
  const out: string[] = [];
  for (const m of folded.matchAll(LEAD_MARKER)) {
    if (m.index <= skipUntil) continue;
    const from = Math.max(sentence.lastIndexOf(';', m.index), sentence.lastIndexOf(':', m.index), 0);
    const span = sentence.slice(from, from + withoutTrailingDuties(folded.slice(from, m.index)).length);
    // The earliest word start from which the rest of the span is an agency list.
    for (const w of span.matchAll(/(?<![\p{L}\d])\p{L}/gu)) {
      const names = agencyList(span.slice(w.index));
      if (names) {
        out.push(...names);
        break;
      }
    }
  }
  return out;
}

function coordinatorsOf(text: string): string[] {
  const folded = foldAligned(text);
  const out: string[] = [];
  for (const m of folded.matchAll(COORDINATION)) {
    const from = m.index + m[0].length;
    const rest = folded.slice(from, from + 400);
    const end = OBJECT_END.exec(rest.replace(/^\s*/, (s) => ' '.repeat(s.length)));
    const object = text.slice(from, from + (end && end.index > 0 ? end.index : rest.length));
    for (const name of splitAgencies(object)) if (isAgency(name)) out.push(name);
  }
  return out;
}

/** Agencies listed after a field label, up to the end of the field (".", ";" or a bracket). */
function labelled(text: string, label: RegExp): string[] {
  const folded = foldAligned(text);
  const out: string[] = [];
  for (const m of folded.matchAll(label)) {
    const from = m.index + m[0].length;
    const end = /[.;(\n]|$/.exec(text.slice(from))?.index ?? 0;
    for (const name of splitAgencies(text.slice(from, from + end))) if (isAgency(name)) out.push(name);
  }
  return out;
}

function unique(names: string[]): string[] {
  return [...new Set(names)];
}

/**
 * Leads and coordinators a clause names itself: the subject of each duty sentence ("Sở Tư
 * pháp hướng dẫn…", "Các sở: A, B:"), agencies right before "chủ trì"/"làm đầu mối" mid-
 * sentence, and the objects of "phối hợp (với)". Generic references ("các đơn vị liên quan",
 * "cơ quan chủ trì") are never agencies.
 */
export function findRoles(text: string): Roles {
  // Asides in brackets ("(qua Sở Kế hoạch và Đầu tư)", "(cơ quan chủ trì)") never name who does the work.
  const src = tidy(text).replace(/\([^()]*\)/g, ' ').replace(/\s+/g, ' ').trim();
  const bare = src.replace(/[\s:.;,]+$/u, '');
  // "Đề nghị Liên đoàn Lao động tỉnh" over its points is a heading too: the request names who leads them.
  const named = bare.slice(PREFIX.exec(foldAligned(bare))?.[0].length ?? 0);
  const whole = named && named.length <= 300 ? agencyList(named) : null;
  if (whole && !hasDutyWord(bare)) {
    return { leads: unique(whole), coordinators: [], headingOnly: true };
  }
  const leads: string[] = [];
  for (const sentence of sentences(src)) {
    const subject = subjectAt(sentence) ?? subjectAfterTopic(sentence);
    if (subject) leads.push(...subject.names);
    leads.push(...leadsBeforeMarkers(sentence, subject?.end ?? -1));
  }
  leads.push(...labelled(src, LABELLED_LEAD));
  const leadSet = new Set(leads);
  const coordinators = [...coordinatorsOf(src), ...labelled(src, LABELLED_COORDINATION)].filter((c) => !leadSet.has(c));
  return { leads: unique(leads), coordinators: unique(coordinators), headingOnly: false };
}
