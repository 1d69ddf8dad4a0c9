/**
 * Vietnam's provinces and centrally-run cities as data: the 63 units before the 2025 merger
 * (the 34 after it all keep one of these names, plus "Huế" on its own). Matched without
 * diacritics so "Nam Dinh", "NAM ĐỊNH" and "Nam Định" meet.
 */
import { fold } from '../text/fold.ts';

export const PROVINCES: readonly string[] = [
  'An Giang', 'Bà Rịa - Vũng Tàu', 'Bạc Liêu', 'Bắc Giang', 'Bắc Kạn', 'Bắc Ninh', 'Bến Tre',
  'Bình Dương', 'Bình Định', 'Bình Phước', 'Bình Thuận', 'Cà Mau', 'Cao Bằng', 'Cần Thơ',
  'Đà Nẵng', 'Đắk Lắk', 'Đắk Nông', 'Điện Biên', 'Đồng Nai', 'Đồng Tháp', 'Gia Lai', 'Hà Giang',
  'Hà Nam', 'Hà Nội', 'Hà Tĩnh', 'Hải Dương', 'Hải Phòng', 'Hậu Giang', 'Hòa Bình', 'Hưng Yên',
  'Khánh Hòa', 'Kiên Giang', 'Kon Tum', 'Lai Châu', 'Lạng Sơn', 'Lào Cai', 'Lâm Đồng', 'Long An',
  'Nam Định', 'Nghệ An', 'Ninh Bình', 'Ninh Thuận', 'Phú Thọ', 'Phú Yên', 'Quảng Bình', 'Quảng Nam',
  'Quảng Ngãi', 'Quảng Ninh', 'Quảng Trị', 'Sóc Trăng', 'Sơn La', 'Tây Ninh', 'Thái Bình',
  'Thái Nguyên', 'Thanh Hóa', 'Thừa Thiên Huế', 'Tiền Giang', 'Hồ Chí Minh', 'Trà Vinh',
  'Tuyên Quang', 'Vĩnh Long', 'Vĩnh Phúc', 'Yên Bái',
  // Since 1 July 2025 Thừa Thiên Huế is the centrally-run city of Huế.
  'Huế',
];

/** Other spellings met in plans, folded: key → canonical name. */
const ALIASES: ReadonlyArray<[string, string]> = [
  ['hcm', 'Hồ Chí Minh'],
  ['dac lak', 'Đắk Lắk'],
  ['dac nong', 'Đắk Nông'],
  ['ba ria vung tau', 'Bà Rịa - Vũng Tàu'],
];

/** Lower case, no diacritics, "đ" → "d", punctuation to single spaces. */
export function foldName(text: string): string {
  return fold(text).replace(/[^a-z0-9]+/g, ' ').trim();
}

/** Longest first so "Thừa Thiên Huế" wins over "Huế". */
const FOLDED: ReadonlyArray<[string, string]> = [
  ...PROVINCES.map((p): [string, string] => [foldName(p), p]),
  ...ALIASES,
].sort((a, b) => b[0].length - a[0].length);

const NAME_ALT = FOLDED.map(([f]) => f).join('|');
/** "tỉnh X", "thành phố X", "TP. X" in folded text. */
const PREFIXED = new RegExp(`(?:^| )(?:tinh|thanh pho|tp) (${NAME_ALT})(?= |$)`, 'g');
const BARE = new RegExp(`(?:^| )(${NAME_ALT})(?= |$)`);

function canonical(folded: string): string | null {
  return FOLDED.find(([f]) => f === folded)?.[1] ?? null;
}

/** The first province named in the text, prefixed by "tỉnh"/"thành phố" unless `bare`. */
export function findProvince(text: string, opts: { bare?: boolean } = {}): string | null {
  const folded = foldName(text);
  if (opts.bare) {
    const m = BARE.exec(folded);
    return m ? canonical(m[1] ?? '') : null;
  }
  const m = new RegExp(PREFIXED.source).exec(folded);
  return m ? canonical(m[1] ?? '') : null;
}

/** The province a text names most often as "tỉnh X" / "thành phố X" (first mention breaks ties). */
export function dominantProvince(text: string): string | null {
  const counts = new Map<string, number>();
  for (const m of foldName(text).matchAll(PREFIXED)) {
    const name = canonical(m[1] ?? '');
    if (name) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  let best: string | null = null;
  for (const [name, n] of counts) if (best === null || n > (counts.get(best) ?? 0)) best = name;
  return best;
}
