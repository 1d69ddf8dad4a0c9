import { describe, expect, it } from 'vitest';
import { succeeds, successorMap, successorOf } from './successors.ts';

const before = { date: '2024-01-19', year: 2024, province: 'Nam Định' };
const after = { date: '2025-11-20', year: 2025, province: 'Bắc Ninh' };

describe('the agency successor table', () => {
  it.each([
    ['Sở Kế hoạch và Đầu tư', 'Sở Tài chính'],
    ['Sở KH&ĐT', 'Sở Tài chính'],
    ['Sở Giao thông vận tải', 'Sở Xây dựng'],
    ['Sở Tài nguyên và Môi trường', 'Sở Nông nghiệp và Môi trường'],
    ['Sở Nông nghiệp và Phát triển nông thôn', 'Sở Nông nghiệp và Môi trường'],
    ['Sở Thông tin và Truyền thông', 'Sở Khoa học và Công nghệ'],
    ['Sở Lao động - Thương binh và Xã hội', 'Sở Nội vụ'],
    ['Bộ Kế hoạch và Đầu tư', 'Bộ Tài chính'],
    ['UBND các huyện, thành phố', 'UBND cấp xã'],
    ['UBND cấp huyện', 'UBND cấp xã'],
  ])('%s → %s, with its legal basis', (name, to) => {
    const s = successorOf(name, before);
    expect(s?.to).toBe(to);
    expect(s?.basis.text).toMatch(/\d+\/2025\/(NĐ-CP|QH15)/);
  });

  it('leaves agencies the reorganisation kept, and plans issued after it, alone', () => {
    expect(successorOf('Sở Tư pháp', before)).toBeNull();
    expect(successorOf('Cục Thuế tỉnh', before)).toBeNull();
    expect(successorOf('Sở Kế hoạch và Đầu tư', after)).toBeNull();
    expect(successorMap(['Sở Kế hoạch và Đầu tư', 'Sở Tư pháp'], after)).toEqual({});
    expect(successorMap(['Sở Kế hoạch và Đầu tư', 'Sở Tư pháp'], before)).toEqual({ 'Sở Kế hoạch và Đầu tư': 'Sở Tài chính' });
  });

  it('knows which name is the successor of which', () => {
    expect(succeeds('Sở Tài chính', 'Sở Kế hoạch và Đầu tư', null)).toBe(true);
    expect(succeeds('so tai chinh', 'Sở KH&ĐT', null)).toBe(true);
    expect(succeeds('Sở Xây dựng', 'Sở Kế hoạch và Đầu tư', null)).toBe(false);
  });
});
