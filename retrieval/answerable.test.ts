import { describe, expect, it } from 'vitest';
import { statesAmount } from './answerable.ts';

describe('statesAmount', () => {
  it('finds a clause\'s own amounts', () => {
    expect(statesAmount('Tỷ lệ hồ sơ trực tuyến đạt tối thiểu 50%.')).toBe(true);
    expect(statesAmount('không quá 01 lần/năm đối với một doanh nghiệp')).toBe(true);
    expect(statesAmount('nằm trong nhóm 25 tỉnh, thành phố dẫn đầu')).toBe(true);
  });

  it('does not count years, dates or the numbers of cited documents', () => {
    expect(statesAmount('Nâng cao chỉ số hài lòng của người dân năm 2022, giai đoạn 2021 - 2025.')).toBe(false);
    expect(statesAmount('theo Nghị quyết số 02/NQ-CP ngày 05/01/2024 của Chính phủ')).toBe(false);
    expect(statesAmount('Kế hoạch số 111/KH-UBND ngày 29/9/2021 của UBND tỉnh')).toBe(false);
    expect(statesAmount('trước ngày 15/12/2024')).toBe(false);
  });
});
