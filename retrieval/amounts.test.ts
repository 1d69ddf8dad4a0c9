import { describe, expect, it } from 'vitest';
import { asksAmountKind, countedUnit, statesAmount, statesAmountAsked } from './amounts.ts';
import { fold, words } from './normalize.ts';

const folded = (q: string) => words(q).map(fold).join(' ');

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

describe('the kind of amount asked for', () => {
  it('reads a sum of money however it is asked, before or after "bao nhiêu"', () => {
    for (const q of [
      'KH 172 bố trí tổng kinh phí bao nhiêu tỷ đồng?',
      'phan bo bao nhieu von ngan sach trung uong cho du an LEZ',
      'ngân sách tỉnh chi bao nhiêu cho đề án?',
      'how much funding does the plan set aside',
      'What budget has the province allocated for the roadmap?',
    ]) {
      expect(asksAmountKind(folded(q)), q).toBe(true);
      expect(statesAmountAsked(folded(q), 'Đạt 80% doanh nghiệp được hỗ trợ'), q).toBe(false);
      expect(statesAmountAsked(folded(q), 'Tổng kinh phí 12,5 tỷ đồng từ ngân sách tỉnh'), q).toBe(true);
    }
  });

  it('reads a share, English "what … rate" included', () => {
    for (const q of ['tỷ lệ hồ sơ trực tuyến đạt bao nhiêu?', 'What target rate of online payment does the directive set?', 'bao nhieu phan tram xa dat chuan']) {
      expect(asksAmountKind(folded(q)), q).toBe(true);
      expect(statesAmountAsked(folded(q), 'Kế hoạch số 64/KH-UBND về xây dựng 12 xã'), q).toBe(false);
      expect(statesAmountAsked(folded(q), 'phấn đấu đạt 20% xã, phường'), q).toBe(true);
    }
  });

  it('asks no kind for a plain count', () => {
    expect(asksAmountKind(folded('diễn tập tối thiểu mấy lần một năm'))).toBe(false);
    expect(statesAmountAsked(folded('diễn tập tối thiểu mấy lần một năm'), 'tổ chức diễn tập tối thiểu một lần/năm, 02 cuộc')).toBe(true);
  });

  it('reads what a count counts, as typed, abbreviations expanded; a share or a bare "bao nhiêu" counts nothing in particular', () => {
    expect(countedUnit('sản lượng thủy sản năm 2030 là bao nhiêu tấn?')).toBe('tan');
    expect(countedUnit('den 2030 can co it nhat bao nhieu dn khoi nghiep')).toBe('doanh');
    expect(countedUnit('thanh tra tối đa mấy lần trong năm?')).toBe('lan');
    expect(countedUnit('trang bị may tinh cho bao nhieu xa')).toBe('xa');
    expect(countedUnit('phấn đấu bao nhiêu % DN nhỏ và vừa')).toBeNull();
    expect(countedUnit('tỷ lệ là bao nhiêu?')).toBeNull();
    expect(countedUnit('kinh phí bao nhiêu tỷ đồng')).toBeNull();
  });

  it('a count needs a number of the thing counted, glued to it or not', () => {
    const q = folded('sản lượng khai thác năm 2030 bao nhiêu tấn');
    expect(statesAmountAsked(q, 'Sản lượng khai thác thủy sản tăng bình quân 5%/năm', 'tan')).toBe(false);
    expect(statesAmountAsked(q, 'Sản lượng khai thác đạt 180.000 tấn', 'tan')).toBe(true);
    expect(statesAmountAsked(folded('tối đa mấy lần'), 'thanh tra, kiểm tra không quá 1lần/năm', 'lan')).toBe(true);
    expect(statesAmountAsked(folded('tối thiểu mấy lần mỗi năm'), 'tổ chức diễn tập phương án ứng phó sự cố tối thiểu một lần/năm', 'lan')).toBe(true);
    expect(statesAmountAsked(folded('tối thiểu mấy lần mỗi năm'), 'tổ chức diễn tập phương án ứng phó sự cố hằng năm', 'lan')).toBe(false);
    // Typed without marks, "may" is no counted unit of its own (it may be "máy"), but "may lan" still counts times.
    expect(countedUnit('dien tap toi thieu may lan moi nam')).toBeNull();
    expect(statesAmountAsked(folded('dien tap toi thieu may lan moi nam'), 'diễn tập phương án ứng phó sự cố tối thiểu một lần/năm.')).toBe(true);
  });
});
