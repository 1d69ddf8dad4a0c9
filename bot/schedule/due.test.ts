import { describe, expect, it } from 'vitest';
import { parseDeadline } from '../../corpus/tasks/deadline.ts';
import { dueOn, recurringDays } from './due.ts';

/** The deadline as the task extractor reads it from a 2024 plan, then the day it means. */
const due = (text: string, today: string, planYear = 2024) => dueOn(parseDeadline(text, planYear) ?? { text, date: null }, today);

describe('the date a written deadline means (README "Nhắc việc")', () => {
  it('a day, a month, a quarter, a year, a span: one-off dates', () => {
    expect(due('hoàn thành trước ngày 30/6/2024', '2024-01-01')).toEqual({ date: '2024-06-30', recurring: false });
    expect(due('trước 05/6', '2024-01-01')).toEqual({ date: '2024-06-05', recurring: false });
    expect(due('trong tháng 6/2024', '2024-01-01')).toEqual({ date: '2024-06-30', recurring: false });
    expect(due('Tháng 12/2025', '2024-01-01')).toEqual({ date: '2025-12-31', recurring: false });
    expect(due('Tháng 2/2024', '2024-01-01')).toEqual({ date: '2024-02-29', recurring: false });
    expect(due('Quý III/2024', '2024-01-01')).toEqual({ date: '2024-09-30', recurring: false });
    expect(due('trong quý I năm 2026', '2024-01-01')).toEqual({ date: '2026-03-31', recurring: false });
    expect(due('năm 2026', '2024-01-01')).toEqual({ date: '2026-12-31', recurring: false });
    expect(dueOn({ text: '2026', date: null }, '2024-01-01')).toEqual({ date: '2026-12-31', recurring: false });
    expect(dueOn({ text: 'Giai đoạn 2026 - 2030', date: null }, '2024-01-01')).toEqual({ date: '2030-12-31', recurring: false });
    expect(dueOn({ text: '01/03/2026', date: null }, '2024-01-01')).toEqual({ date: '2026-03-01', recurring: false });
    // A one-off date stays what it is after it passed: that is what makes a task overdue.
    expect(due('trước ngày 30/6/2024', '2024-09-23')).toEqual({ date: '2024-06-30', recurring: false });
  });

  it('recurring deadlines recur: the next occurrence on or after the day asked about', () => {
    expect(due('trước 30/9 hằng năm', '2024-09-23')).toEqual({ date: '2024-09-30', recurring: true });
    expect(due('trước 30/9 hằng năm', '2024-10-01')).toEqual({ date: '2025-09-30', recurring: true });
    expect(due('báo cáo trước ngày 15 hằng tháng', '2024-09-20')).toEqual({ date: '2024-10-15', recurring: true });
    expect(due('định kỳ hằng quý, trước ngày 10 của tháng cuối quý', '2024-07-01')).toEqual({ date: '2024-09-10', recurring: true });
    expect(due('định kỳ 06 tháng (trước 05/6) và 01 năm (trước 05/12)', '2024-06-06')).toEqual({ date: '2024-12-05', recurring: true });
    expect(recurringDays('Định kỳ hằng năm (trước ngày 15 tháng 12)')).toEqual([[12, 15]]);
  });

  it('never invents a date the plan does not state', () => {
    expect(dueOn(null, '2024-01-01')).toBeNull();
    expect(due('thường xuyên', '2024-01-01')).toBeNull();
    expect(due('định kỳ hằng quý', '2024-01-01')).toBeNull();
    expect(due('hằng năm', '2024-01-01')).toBeNull();
    expect(dueOn({ text: 'Thực hiện thường xuyên, liên tục', date: null }, '2024-01-01')).toBeNull();
    // A start date where the deadline column is: nothing is due on it.
    expect(dueOn({ text: 'Từ ngày 03/12/2025', date: '2025-12-03' }, '2024-01-01')).toBeNull();
  });
});
