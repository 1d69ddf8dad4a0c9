import { describe, expect, it } from 'vitest';
import { currentUnit, membersOf, PLACES, placeByName, placeLabel } from './places.ts';

/** The 2025 mergers of Nghị quyết 202/2025/QH15: today's unit ← the provinces merged into it. */
const MERGERS: Record<string, string[]> = {
  'Tuyên Quang': ['Hà Giang', 'Tuyên Quang'],
  'Lào Cai': ['Yên Bái', 'Lào Cai'],
  'Thái Nguyên': ['Bắc Kạn', 'Thái Nguyên'],
  'Phú Thọ': ['Vĩnh Phúc', 'Hòa Bình', 'Phú Thọ'],
  'Bắc Ninh': ['Bắc Giang', 'Bắc Ninh'],
  'Hưng Yên': ['Thái Bình', 'Hưng Yên'],
  'Hải Phòng': ['Hải Dương', 'Hải Phòng'],
  'Ninh Bình': ['Hà Nam', 'Nam Định', 'Ninh Bình'],
  'Quảng Trị': ['Quảng Bình', 'Quảng Trị'],
  'Đà Nẵng': ['Quảng Nam', 'Đà Nẵng'],
  'Quảng Ngãi': ['Kon Tum', 'Quảng Ngãi'],
  'Gia Lai': ['Bình Định', 'Gia Lai'],
  'Khánh Hòa': ['Ninh Thuận', 'Khánh Hòa'],
  'Lâm Đồng': ['Đắk Nông', 'Bình Thuận', 'Lâm Đồng'],
  'Đắk Lắk': ['Phú Yên', 'Đắk Lắk'],
  'Hồ Chí Minh': ['Bình Dương', 'Bà Rịa - Vũng Tàu', 'Hồ Chí Minh'],
  'Đồng Nai': ['Bình Phước', 'Đồng Nai'],
  'Tây Ninh': ['Long An', 'Tây Ninh'],
  'Cần Thơ': ['Sóc Trăng', 'Hậu Giang', 'Cần Thơ'],
  'Vĩnh Long': ['Bến Tre', 'Trà Vinh', 'Vĩnh Long'],
  'Đồng Tháp': ['Tiền Giang', 'Đồng Tháp'],
  'Cà Mau': ['Bạc Liêu', 'Cà Mau'],
  'An Giang': ['Kiên Giang', 'An Giang'],
};
const UNCHANGED = ['Hà Nội', 'Huế', 'Lai Châu', 'Điện Biên', 'Sơn La', 'Lạng Sơn', 'Quảng Ninh', 'Thanh Hóa', 'Nghệ An', 'Hà Tĩnh', 'Cao Bằng'];

describe('the administrative map', () => {
  it('has the 34 units in force since 1 July 2025', () => {
    const today = PLACES.filter((p) => p.now === null).map((p) => p.name).sort();
    expect(today).toEqual([...Object.keys(MERGERS), ...UNCHANGED].sort());
    expect(today).toHaveLength(34);
  });

  it.each(Object.entries(MERGERS))('%s takes in its merged provinces, each with its legal basis', (unit, merged) => {
    const place = placeByName(unit)!;
    expect(membersOf(place).map((p) => p.name).sort()).toEqual([...merged].sort());
    for (const name of merged.filter((m) => m !== unit)) {
      const former = placeByName(name)!;
      expect(currentUnit(former).name).toBe(unit);
      expect(former.basis?.text).toMatch(/202\/2025\/QH15/);
      expect(former.basis?.effective).toBe('2025-07-01');
    }
  });

  it('leaves the unchanged units alone (Thừa Thiên Huế became the city of Huế)', () => {
    for (const name of UNCHANGED) expect(membersOf(placeByName(name)!).map((p) => p.name).filter((n) => n !== name && n !== 'Thừa Thiên Huế')).toEqual([]);
    expect(currentUnit(placeByName('Thừa Thiên Huế')!).name).toBe('Huế');
  });

  it('resolves centrally-run cities and their short forms', () => {
    const cases: Array<[string, string]> = [
      ['TP.HCM', 'Hồ Chí Minh'], ['TPHCM', 'Hồ Chí Minh'], ['HCM', 'Hồ Chí Minh'], ['HCMC', 'Hồ Chí Minh'], ['Sài Gòn', 'Hồ Chí Minh'],
      ['Thành phố Hồ Chí Minh', 'Hồ Chí Minh'], ['TP. Hồ Chí Minh', 'Hồ Chí Minh'], ['thanh pho ho chi minh', 'Hồ Chí Minh'],
      ['HN', 'Hà Nội'], ['Hanoi', 'Hà Nội'], ['TP. Hải Phòng', 'Hải Phòng'], ['TP Đà Nẵng', 'Đà Nẵng'], ['TP Cần Thơ', 'Cần Thơ'],
      ['thành phố Huế', 'Huế'], ['tỉnh Nam Định', 'Nam Định'], ['BR-VT', 'Bà Rịa - Vũng Tàu'],
    ];
    for (const [name, canonical] of cases) expect(placeByName(name)?.name, name).toBe(canonical);
    expect(placeByName('Atlantis')).toBeNull();
    expect(placeLabel(placeByName('HCMC')!)).toBe('thành phố Hồ Chí Minh');
  });
});
