import { describe, expect, it } from 'vitest';
import { extractTargets, rowTarget } from './targets.ts';

describe('extractTargets', () => {
  it.each([
    ['số doanh nghiệp gia nhập thị trường tăng ít nhất 10%; rút lui tăng dưới 10% so với năm 2023', ['tăng ít nhất 10%', 'dưới 10%']],
    ['thực hiện cung cấp 100% thủ tục hành chính; tỷ lệ tối thiểu 80% hồ sơ', ['100%', 'tối thiểu 80%']],
    ['thanh tra, kiểm tra không quá 1lần/năm đối với doanh nghiệp', ['không quá 1lần/năm']],
    ['tối đa 01 lần/năm', ['tối đa 01 lần/năm']],
    ['duy trì hàng năm ít nhất 02 cuộc đối thoại', ['ít nhất 02 cuộc']],
    ['50%, 40%, 35% đối với kết quả thuộc thẩm quyền', ['50%', '40%', '35%']],
    ['đạt trên 95%,', ['đạt trên 95%']],
    ['nằm trong nhóm 25 tỉnh, thành phố dẫn đầu', ['nhóm 25 tỉnh']],
    ['toi thieu 80% ho so', ['toi thieu 80%']],
  ])('%s', (text, expected) => {
    expect(extractTargets(text)).toEqual(expected);
  });

  it('does not read dates or document numbers as targets', () => {
    expect(extractTargets('từ ngày 01/12/2022 theo Nghị quyết số 02/NQ-CP')).toEqual([]);
  });
});

describe('rowTarget', () => {
  it('joins the unit cell and the target cell', () => {
    expect(rowTarget('%', 'Tối thiểu 50')).toBe('Tối thiểu 50%');
    expect(rowTarget('%', 'Tối thiểu 80 %')).toBe('Tối thiểu 80%');
    expect(rowTarget('%', 'Trên 60%')).toBe('Trên 60%');
    expect(rowTarget('lần', '2')).toBe('2 lần');
    expect(rowTarget('%', '')).toBeNull();
  });
});
