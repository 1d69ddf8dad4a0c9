import { describe, expect, it } from 'vitest';
import { parseDeadline } from './deadline.ts';

describe('parseDeadline', () => {
  it.each([
    ['xây dựng phần mềm, hoàn thành trong tháng 03/2024.', 2024, 'hoàn thành trong tháng 03/2024', '2024-03-31'],
    ['gửi báo cáo trước 05/6', 2024, 'trước 05/6', '2024-06-05'],
    ['báo cáo Ủy ban nhân dân tỉnh trước ngày 10 tháng 12 năm 2021.', 2020, 'trước ngày 10 tháng 12 năm 2021', '2021-12-10'],
    ['từ ngày 01/12/2022 đối với các TTHC', null, 'từ ngày 01/12/2022', '2022-12-01'],
    ['hoàn thành trong Quý I/2024', 2023, 'hoàn thành trong Quý I/2024', '2024-03-31'],
    ['ban hành danh mục trong quý III năm 2024.', null, 'trong quý III năm 2024', '2024-09-30'],
    ['Đến hết năm 2021, thực hiện đầy đủ', 2021, 'Đến hết năm 2021', '2021-12-31'],
    ['bao cao truoc ngay 10/12/2021', null, 'truoc ngay 10/12/2021', '2021-12-10'],
  ])('%s', (text, year, expectedText, date) => {
    expect(parseDeadline(text, year)).toEqual({ text: expectedText, date });
  });

  it('takes a missing year from later in the phrase before the plan year', () => {
    expect(parseDeadline('tổng hợp trước ngày 01 tháng 6 và ngày 01 tháng 12 năm 2024.', 2023)).toEqual({
      text: 'trước ngày 01 tháng 6',
      date: '2024-06-01',
    });
  });

  it('gives recurring and relative deadlines no date', () => {
    expect(parseDeadline('Định kỳ 06 tháng, các sở báo cáo', 2024)).toEqual({ text: 'Định kỳ 06 tháng', date: null });
    expect(parseDeadline('hằng quý, trước ngày 15 của tháng cuối quý', 2024)).toEqual({
      text: 'hằng quý, trước ngày 15 của tháng cuối quý',
      date: null,
    });
    expect(parseDeadline('Định kỳ hằng quý, hằng năm (trước ngày 10 của tháng cuối quý và trước ngày 10 tháng 12), các cơ quan', 2021)?.date).toBeNull();
  });

  it('ignores document dates, impossible dates and text without deadlines', () => {
    expect(parseDeadline('Nghị quyết số 02/NQ-CP ngày 05/01/2024 của Chính phủ', 2024)).toBeNull();
    expect(parseDeadline('báo cáo trước 31/2', 2024)).toBeNull();
    expect(parseDeadline('Sở Tư pháp chủ trì thẩm định', 2024)).toBeNull();
  });

  it('keeps the words but no date when the year is unknown', () => {
    expect(parseDeadline('trước 05/6', null)).toEqual({ text: 'trước 05/6', date: null });
  });
});

describe('recurring deadlines written after their day', () => {
  it('reads "trước 30/9 hằng năm" as recurring, not as one date in the plan year', () => {
    expect(parseDeadline('Báo cáo kết quả trước ngày 15/12 hằng năm.', 2024)).toEqual({ text: 'trước ngày 15/12 hằng năm', date: null });
    expect(parseDeadline('trước 30/9 hằng năm', 2024)).toEqual({ text: 'trước 30/9 hằng năm', date: null });
    expect(parseDeadline('định kỳ 06 tháng (trước 05/6) và 01 năm (trước 05/12)', 2024)).toEqual({ text: 'định kỳ 06 tháng (trước 05/6) và 01 năm (trước 05/12)', date: null });
    // A day not followed by a recurrence keeps its date.
    expect(parseDeadline('hoàn thành trước 30/9, báo cáo UBND tỉnh', 2024)).toEqual({ text: 'trước 30/9', date: '2024-09-30' });
  });
});
