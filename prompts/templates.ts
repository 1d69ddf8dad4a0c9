/**
 * The words the extractive composer puts around the plans' own words, in Vietnamese and
 * English. Agency names, values and quoted sentences stay as the plan writes them.
 */
import { currentUnit, membersOf, placeByName, placeLabel } from '../corpus/places.ts';
import type { QueryFilters } from '../retrieval/types.ts';
import type { Lang } from './intent.ts';

/**
 * "A", "A và B", "A, B và C"; commas only when a name holds "và" itself ("Sở Tài nguyên và
 * Môi trường"). English joins with semicolons because Vietnamese names hold commas.
 */
export function listNames(names: readonly string[], lang: Lang): string {
  if (lang === 'en') return names.join('; ');
  if (names.length <= 1) return names[0] ?? '';
  if (names.some((n) => /\svà\s/u.test(n))) return names.join(', ');
  return `${names.slice(0, -1).join(', ')} và ${names[names.length - 1]}`;
}

const stop = (s: string) => (/[.!?…]$/u.test(s) ? s : `${s}.`);

/**
 * "Cục Thuế tỉnh chủ trì, phối hợp với …" / "Lead: …. Coordinating: …." `focal` keeps the
 * plan's "làm đầu mối" (the agency tracking an index) instead of "chủ trì".
 */
export function leadLine(leads: readonly string[], coordinators: readonly string[], lang: Lang, focal = false): string {
  if (lang === 'en') {
    const coord = coordinators.length ? ` Coordinating: ${stop(listNames(coordinators, lang))}` : '';
    return `Lead: ${stop(listNames(leads, lang))}${coord}`;
  }
  const coord = coordinators.length ? `, phối hợp với ${listNames(coordinators, lang)}` : '';
  return stop(`${listNames(leads, lang)} ${focal ? 'làm đầu mối' : 'chủ trì'}${coord}`);
}

export interface RowRoles {
  lead?: string;
  evaluator?: string;
  coordinators?: string;
}

/** An appendix row's agency columns, each cell as written. */
export function rowRolesLine(roles: RowRoles, lang: Lang): string {
  const labels = lang === 'en'
    ? { lead: 'Lead (implementing)', evaluator: 'Lead (assessing)', coordinators: 'Coordinating' }
    : { lead: 'Cơ quan chủ trì thực hiện', evaluator: 'Cơ quan chủ trì đánh giá', coordinators: 'Phối hợp' };
  const parts: string[] = [];
  if (roles.lead) parts.push(stop(`${labels.lead}: ${roles.lead}`));
  if (roles.coordinators) parts.push(stop(`${labels.coordinators}: ${roles.coordinators}`));
  if (roles.evaluator) parts.push(stop(`${labels.evaluator}: ${roles.evaluator}`));
  return parts.join(' ');
}

/** dd/mm/yyyy, as dates are written in the plans. */
export function vnDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** The computed date is shown only when the words give none ("trong quý I" → 31/03); "trước ngày 10 tháng 12 năm 2021" says it already. */
export function deadlineLine(text: string, date: string | null, lang: Lang): string {
  const shown = date && !/(19|20)\d\d/.test(text) ? ` (${vnDate(date)})` : '';
  return stop(`${lang === 'en' ? 'Deadline' : 'Thời hạn'}: ${text}${shown}`);
}

export function targetLine(values: readonly string[], lang: Lang): string {
  return stop(`${lang === 'en' ? 'Target' : 'Chỉ tiêu'}: ${values.join('; ')}`);
}

/** The plan's sentence behind a value or a name, quoted after the short answer. */
export function fromPlan(sentence: string, lang: Lang): string {
  return lang === 'en' ? `From the plan: “${sentence}”` : `Kế hoạch nêu: “${sentence}”`;
}

/** "Sở Tư pháp: …" ahead of the duty when the duty's sentences do not name the agency themselves. */
export function dutyLine(leads: readonly string[], duty: string, lang: Lang): string {
  if (!leads.length) return duty;
  return lang === 'en' ? `Lead: ${stop(listNames(leads, lang))} Task: ${duty}` : `${listNames(leads, lang)}: ${duty}`;
}

/** "tỉnh Nam Định (nay thuộc tỉnh Ninh Bình)", "tỉnh Ninh Bình (gồm cả Hà Nam, Nam Định trước 01/7/2025)". */
function placeText(name: string, lang: Lang): string {
  const place = placeByName(name);
  if (!place) return name;
  if (place.now !== null) {
    const today = currentUnit(place);
    return lang === 'en' ? `${place.name} (now part of ${today.name})` : `${placeLabel(place)} (nay thuộc ${placeLabel(today)})`;
  }
  const merged = membersOf(place).slice(1).filter((p) => p.basis?.text.includes('202/2025'));
  if (merged.length === 0) return lang === 'en' ? place.name : placeLabel(place);
  const names = merged.map((p) => p.name).join(', ');
  return lang === 'en' ? `${place.name} (including ${names} before the 2025 merger)` : `${placeLabel(place)} (kể cả ${names} trước khi hợp nhất)`;
}

function scopeText(filters: QueryFilters, lang: Lang): string {
  const places = filters.provinces.map((p) => placeText(p, lang)).join(', ');
  const years = filters.years.join(', ');
  if (lang === 'en') return [places, years].filter(Boolean).join(' ');
  return [places, years ? `năm ${years}` : ''].filter(Boolean).join(' ');
}

/** Why nothing is answered: the plan asked about is not loaded, or no clause answers. */
export function notFound(refusal: string | undefined, filters: QueryFilters, lang: Lang): string {
  const scope = scopeText(filters, lang);
  if (lang === 'en') {
    const why = refusal === 'unknown_scope' && scope
      ? `no plan for ${scope} has been loaded.`
      : `no clause answers this question${scope ? ` in the plans for ${scope}` : ''}.`;
    return `Not found in the loaded plans: ${why}`;
  }
  const why = refusal === 'unknown_scope' && scope
    ? `chưa nạp kế hoạch nào của ${scope}.`
    : `không có điều khoản nào trả lời câu hỏi này${scope ? ` trong các kế hoạch của ${scope}` : ''}.`;
  return `Không tìm thấy trong các kế hoạch đã nạp: ${why}`;
}
