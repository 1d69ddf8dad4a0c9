import { hasDutyWord } from './duty.ts';
import { agencyKey, fold, foldAligned, hasDiacritics, tidy } from './fold.ts';
import { lexicon, PROVINCE_SLOT, type AliasEntry } from './lexicon.ts';

/**
 * Splitting agency lists and normalising agency names through the alias table
 * (corpus/data/agency-aliases.json). Pure functions over strings.
 */

// Placeholders that hide separators inside collective names while a list is split.
const KEEP_COMMA = '\u0001';
const KEEP_AND = '\u0002';

/**
 * Runs of administrative level nouns joined by commas or "và" name ONE collective body
 * ("sở, ban, ngành", "huyện và thành phố", "xã, phường, thị trấn"), never several agencies.
 */
const LEVEL = '(?:sở|cở|ban|ngành|đoàn thể|huyện|thị xã|thành phố|xã|phường|thị trấn|đặc khu|thông tấn|báo chí|TP)';
const LEVEL_RUN = new RegExp(`(?<![\\p{L}])${LEVEL}(?:(?:\\s*,\\s*(?:và\\s+)?|\\s+và\\s+)(?:các\\s+)?${LEVEL})+(?![\\p{L}])`, 'giu');
const LEVEL_RUN_FOLDED = new RegExp(fold(LEVEL_RUN.source).replace(/\\p\{l\}/g, '\\p{L}'), 'giu');

/** "Các sở: A, B và C" / "Sở: A, B" announce a list of bare department names. */
const DEPARTMENT_LIST = /^(?:cac\s+)?so\s*:\s*/i;

/** Hides the separators of one level-noun run; a capitalised noun after the first starts a new name ("… cấp xã, Sở Tư pháp"). */
function guardRun(run: string): string {
  const pieces = run.split(/(\s*,\s*(?:và\s+|va\s+)?|\s+và\s+|\s+va\s+)/u);
  let out = pieces[0] ?? '';
  for (let k = 2; k < pieces.length; k += 2) {
    const sep = pieces[k - 1] ?? '';
    const piece = pieces[k] ?? '';
    const lower = /^\p{Ll}/u.test(piece);
    out += (lower ? sep.replace(/,/g, KEEP_COMMA).replace(/\s+(?:và|va)\s+/u, ` ${KEEP_AND} `) : sep) + piece;
  }
  return out;
}

function protectCollectives(text: string): string {
  return text.replace(hasDiacritics(text) ? LEVEL_RUN : LEVEL_RUN_FOLDED, guardRun);
}

function restore(text: string): string {
  return text.replaceAll(KEEP_COMMA, ',').replaceAll(` ${KEEP_AND} `, ' và ');
}

function startsWithWord(text: string, word: string): boolean {
  if (!text.startsWith(word)) return false;
  const next = text.charAt(word.length);
  return next === '' || !/[\p{L}\p{N}]/u.test(next);
}

/** The proper head ("Sở", "Cục", "UBND", ...) the text starts with, capitalised as written, or null. */
function properHead(text: string): string | null {
  const folded = fold(text);
  if (lexicon.notHeads.some((h) => startsWithWord(folded, h))) return null;
  const diacritics = hasDiacritics(text);
  const probe = diacritics ? text : foldAligned(text);
  for (const head of lexicon.properHeads) {
    if (startsWithWord(probe, diacritics ? head : foldAligned(head))) return head;
  }
  return null;
}

function collectiveHead(text: string): boolean {
  const folded = fold(text);
  return lexicon.collectiveHeads.some((h) => startsWithWord(folded, h));
}

function titleOf(text: string): string | null {
  const folded = fold(text);
  return lexicon.titles.find((t) => startsWithWord(folded, fold(t))) ?? null;
}

/** True when a list item starting here names a new agency (so a comma or "và" before it separates). */
function opensAgency(text: string): boolean {
  const t = text.trimStart();
  return properHead(t) !== null || collectiveHead(t) || titleOf(t) !== null || /^các\s/iu.test(t) || /^cac\s/iu.test(t);
}

function splitDepartmentList(rest: string): string[] {
  const atoms = rest.split(/\s*[,;]\s*|\s+và\s+|\s+va\s+/u).map((a) => a.trim()).filter(Boolean);
  const out: string[] = [];
  let i = 0;
  while (i < atoms.length) {
    let taken = 0;
    // Department names may themselves hold commas and "và" ("Văn hóa, Thể thao và Du lịch"): try the longest join first.
    for (let j = Math.min(atoms.length, i + 4); j > i && taken === 0; j--) {
      const key = atoms.slice(i, j).map(agencyKey).join(' ');
      const dep = lexicon.departments.find((d) => d.keys.includes(key));
      if (dep) {
        out.push(dep.canonical);
        taken = j - i;
      }
    }
    if (taken === 0) {
      const atom = atoms[i] ?? '';
      out.push(properHead(atom) ? atom : `Sở ${atom}`);
      taken = 1;
    }
    i += taken;
  }
  return out;
}

/**
 * Splits a phrase naming agencies into one name per agency. "Các sở: A, B, C" expands to
 * "Sở A", "Sở B", "Sở C"; collective names ("Sở, ban, ngành", "UBND các huyện và thành phố")
 * stay whole; parentheticals are dropped. Names are returned as written (tidied), except that
 * department lists come back as full names.
 */
export function splitAgencies(phrase: string): string[] {
  const text = tidy(phrase)
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s,;:.\-–+*]+|[\s,;:.*]+$/gu, '');
  if (!text) return [];
  const list = DEPARTMENT_LIST.exec(foldAligned(text));
  if (list) return splitDepartmentList(text.slice(list[0].length));
  const guarded = protectCollectives(text);
  const parts: string[] = [];
  for (const chunk of guarded.split(/\s*;\s*/u)) {
    let current = '';
    // Commas and "và"/"cùng" separate agencies only when a new agency name follows them.
    const pieces = chunk.split(/(\s*,\s*|\s+và\s+|\s+va\s+|\s+cùng\s+)/u);
    for (let k = 0; k < pieces.length; k += 2) {
      const piece = pieces[k] ?? '';
      const sep = k > 0 ? (pieces[k - 1] ?? '') : '';
      if (current && opensAgency(piece)) {
        parts.push(current);
        current = piece;
      } else {
        current = current ? current + sep + piece : piece;
      }
    }
    if (current) parts.push(current);
  }
  // Table cells list agencies as bullets ("- Bộ Xây dựng; - UBND các tỉnh, thành phố."): each part drops its own marker.
  return parts
    .map((p) => restore(p).replace(/^[-–+*•]\s*/u, '').replace(/^(?:và|va|cùng|với)\s+/iu, '').trim())
    .filter(Boolean);
}

export function fillProvince(entry: AliasEntry, written: string | null, province: string | null): string {
  const place = written ?? (entry.scoped ? province : null);
  if (place) return entry.canonical.replace(PROVINCE_SLOT, place);
  return entry.canonical.replace(` ${PROVINCE_SLOT}`, '').replace(PROVINCE_SLOT, '').trim();
}

/** Looks the name up with its last 1–3 capitalised words taken as a province ("… tỉnh Bắc Giang"). */
function lookupWithPlace(name: string, province: string | null): string | null {
  const words = name.split(' ');
  for (let k = 1; k <= 3 && k < words.length; k++) {
    const tail = words.slice(-k);
    // A place starts with a capital ("Bắc Giang", "Thành phố"); "… huyện, thành phố" is no place.
    if (!/^\p{Lu}/u.test(tail[0] ?? '')) continue;
    const place = tail.join(' ');
    const base = words.slice(0, -k).join(' ');
    const slotted = lexicon.provinceAliases.get(agencyKey(`${base} provinceslot`));
    if (slotted) return fillProvince(slotted, slotted.scoped ? place : null, province);
    const plain = lexicon.aliases.get(agencyKey(base));
    // A collective followed by a place ("UBND các huyện, thành phố Nam Định": the city) keeps the place.
    if (plain?.collective) return `${plain.canonical} ${place}`;
    if (plain && province && agencyKey(place) === agencyKey(province)) return fillProvince(plain, place, province);
  }
  return null;
}

function capitaliseFirst(text: string): string {
  return text.charAt(0).toLocaleUpperCase('vi') + text.slice(1);
}

/**
 * The canonical name of one agency: alias table first (scoped by the plan's province where the
 * body is province-specific), otherwise the name as written, tidied. Office holders written
 * before an agency ("Thủ trưởng các sở, ban, ngành") keep their title.
 */
/** An agency's name as the plan writes it, tidied: spaces collapsed, asides in brackets and edge punctuation gone. */
export function asWritten(name: string): string {
  return tidy(name).replace(/\([^)]*\)/g, ' ').replace(/\s+/g, ' ').replace(/^[\s,;:.\-–+*]+|[\s,;:.*]+$/gu, '');
}

export function normaliseAgency(name: string, province: string | null): string {
  const text = asWritten(name);
  if (!text) return '';
  const direct = lexicon.aliases.get(agencyKey(text));
  if (direct) return fillProvince(direct, null, province);
  const placed = lookupWithPlace(text, province);
  if (placed) return placed;
  const title = titleOf(text);
  if (title) {
    const rest = text.slice(title.length).trim();
    if (rest) {
      const inner = normaliseAgency(rest, province);
      return `${title} ${inner.replace(/^Các\s/u, 'các ')}`;
    }
  }
  return capitaliseFirst(text);
}

const DANGLING_END = /(?:^|\s)(?:và|va|của|cua|các|cac|với|voi|cùng|cung|trong|tại|tai|cho|về|ve|-)$/iu;

/** True when the alias table knows the name (directly or with a province/place after it). */
export function isKnownAgency(name: string): boolean {
  const text = tidy(name).replace(/\([^)]*\)/g, ' ').replace(/\s+/g, ' ').trim();
  return lexicon.aliases.has(agencyKey(text)) || lookupWithPlace(text, null) !== null;
}

function isGeneric(text: string): boolean {
  const words = fold(text).replace(/[^a-z0-9 ]+/g, ' ').split(' ').filter(Boolean);
  return words.length > 0 && words.every((w) => lexicon.generic.has(w));
}

/**
 * True when the name denotes a concrete agency (or a recognised collective such as "Các sở,
 * ban, ngành"), false for generic references like "các cơ quan, đơn vị liên quan".
 */
export function isAgency(name: string): boolean {
  const text = tidy(name).replace(/\([^)]*\)/g, ' ').replace(/\s+/g, ' ').trim();
  // A bracket left after dropping parentheticals means the "name" runs across a table header or a citation.
  if (!text || text.split(' ').length > 20 || /[()]/.test(text)) return false;
  if (lexicon.aliases.has(agencyKey(text)) || lookupWithPlace(text, null)) return true;
  const title = titleOf(text);
  const body = title ? text.slice(title.length).trim() : text;
  if (!body || isGeneric(body)) return false;
  if (title && body !== text) return isAgency(body) || /^(các\s+)?(sở|ban|ngành)(?:\s|,|$)/iu.test(body);
  if (lexicon.aliases.has(agencyKey(body))) return true;
  // A name cut off before its end ("Sở Nông nghiệp và") is a parsing accident, not an agency.
  if (DANGLING_END.test(body) || hasDutyWord(body)) return false;
  // A head alone ("Thanh tra", "Công an", "Sở") names no particular body.
  const head = properHead(body);
  return head !== null && body.split(' ').length > head.split(' ').length;
}
