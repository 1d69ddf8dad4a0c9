import { describe, expect, it } from 'vitest';
import { provinceInitials } from './initials.ts';
import { prepareQuery } from './query.ts';

const INDEXED = provinceInitials(['Nam Định', 'Bắc Giang', 'Lạng Sơn', 'Ninh Thuận', null]);
const provinces = (q: string) => prepareQuery(q, INDEXED).filters.provinces;

describe('province initials', () => {
  it('are derived from the provinces the index holds, two-word names only', () => {
    expect([...INDEXED.entries()]).toEqual([['nd', 'Nam Định'], ['bg', 'Bắc Giang'], ['ls', 'Lạng Sơn'], ['nt', 'Ninh Thuận']]);
    expect(provinceInitials(['Thành phố Hồ Chí Minh']).size).toBe(0);
  });

  it('leave out initials two indexed provinces share', () => {
    expect(provinceInitials(['Hà Nam', 'Hà Nội', 'Bắc Giang']).has('hn')).toBe(false);
  });

  it('name a province when standing alone, and leave the search terms', () => {
    expect(provinces('BG 2024: chỉ tiêu tỷ lệ xử lý PAKN đúng hạn là bao nhiêu?')).toEqual(['Bắc Giang']);
    expect(provinces('Sở KH&CN NĐ (KH NQ02/2024) tham mưu góp ý những luật nào?')).toEqual(['Nam Định']);
    expect(provinces('NĐ 2024: ai chủ trì?')).toEqual(['Nam Định']);
    expect(provinces('ls 2021 ai chu tri so hoa ho so')).toEqual(['Lạng Sơn']);
    expect(prepareQuery('Báo BG có nhiệm vụ gì?', INDEXED).terms.unigrams).not.toContain('bg');
  });

  it('never read a lowercase syllable into them', () => {
    const withNgheAn = provinceInitials(['Nghệ An']);
    expect(prepareQuery('NA 2025 ai chủ trì?', withNgheAn).filters.provinces).toEqual(['Nghệ An']);
    expect(prepareQuery('qua na ai trong', withNgheAn).filters.provinces).toEqual([]);
  });

  it('never read a decree number or an unindexed province into them', () => {
    expect(provinces('theo Nghị định 73/2023/NĐ-CP ai chủ trì?')).toEqual([]);
    expect(provinces('theo NĐ 73 ai chủ trì?')).toEqual([]);
    expect(provinces('NĐ-CP quy định gì?')).toEqual([]);
    // Part of an agency's abbreviation: "Sở GD&ĐT" is no Đồng Tháp, "KH&ĐT" no Nam Định.
    expect(prepareQuery('Sở GD&ĐT phối hợp với ai?', provinceInitials(['Đồng Tháp'])).filters.provinces).toEqual([]);
    expect(provinces('HG 2024 ai chủ trì?')).toEqual([]);
    expect(provinces('BG 2024 ai chủ trì?')).toEqual(['Bắc Giang']);
    expect(prepareQuery('BG 2024 ai chủ trì?').filters.provinces).toEqual([]);
  });
});
