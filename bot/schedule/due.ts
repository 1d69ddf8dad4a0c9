/**
 * When a task is due, from its deadline as the plan writes it. One documented rule per form
 * (README "Nhắc việc"); a deadline the plan does not state is never invented:
 *
 * - a day ("trước ngày 30/6/2024", "01/03/2026", "trước 05/6" with the plan's year) → that day
 * - a month ("trong tháng 6/2024", "Tháng 12/2025")                        → its last day
 * - a quarter ("Quý III/2024", "trong quý I năm 2026")                      → its last day
 * - a year ("trong năm 2026", "năm 2026", a deadline column "2026")         → 31 December
 * - a span of years ("2026 - 2030", "Giai đoạn 2026 - 2030")               → 31 December of the last
 * - a start, not an end ("Từ ngày 03/12/2025", "từ năm 2026")              → no date
 * - every year on a day ("trước 30/9 hằng năm", "định kỳ 06 tháng (trước 05/6) và 01 năm
 *   (trước 05/12)")                                                         → each of those days, every year
 * - every month on a day ("trước ngày 15 hằng tháng")                      → that day each month
 * - every quarter ("trước ngày 10 của tháng cuối quý")                     → that day of March, June, September, December
 * - recurring without a day ("định kỳ hằng quý", "thường xuyên")           → no date: no reminder
 */
import type { Deadline } from '../../corpus/types.ts';
import { foldAligned } from '../../corpus/text/fold.ts';

export interface Due {
  /** ISO date of the occurrence meant. */
  date: string;
  /** A recurring deadline: the next occurrence on or after the day asked about; never "overdue". */
  recurring: boolean;
}

const iso = (y: number, m: number, d: number): string | null => {
  if (m < 1 || m > 12 || d < 1) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d ? dt.toISOString().slice(0, 10) : null;
};

const folded = (s: string) => foldAligned(s.normalize('NFC')).toLowerCase();

/** "năm 2026", "2026", "Giai đoạn 2026 - 2030" standing alone (a deadline column): the end of the last year. */
const BARE_YEARS = /^(?:hoan thanh\s+)?(?:(?:trong|den het|den)\s+)?(?:giai doan\s+)?(?:nam\s+)?((?:19|20)\d\d)(?:\s*[-–]\s*((?:19|20)\d\d))?\.?$/;
/** "Tháng 12/2025", "trong tháng 6 năm 2024". */
const MONTH = /^(?:hoan thanh\s+)?(?:trong\s+)?thang\s+(\d{1,2})\s*(?:\/|-|\s+nam\s+)\s*((?:19|20)\d\d)\.?$/;
/** A bare day in a deadline column: "01/03/2026". */
const BARE_DAY = /^(\d{1,2})\s*\/\s*(\d{1,2})\s*\/\s*((?:19|20)\d\d)\.?$/;
/** A start written where a deadline would be: nothing to remind about. */
const START = /^(?:tu|bat dau(?:\s+tu)?)\s+(?:ngay|nam|thang|quy)\b/;
const RECURRING = /hang\s+(nam|thang|quy)|dinh\s+ky|thuong\s+xuyen|moi\s+(nam|thang|quy)/;
const DAY_MONTH = /(?<![\d/])(\d{1,2})\s*(?:\/|\s+thang\s+)\s*(\d{1,2})(?!\s*\/\s*\d{4})(?![\d/])/g;
const MONTHLY = /ngay\s+(\d{1,2})\s+(?:hang|moi)\s+thang/;
const QUARTERLY = /ngay\s+(\d{1,2})\s+(?:cua\s+)?thang\s+cuoi\s+(?:moi\s+)?quy/;

/** The occurrences of a recurring deadline in a year, as [month, day] pairs; empty when it states no day. */
export function recurringDays(text: string): Array<[number, number]> {
  const f = folded(text);
  if (!RECURRING.test(f)) return [];
  const monthly = MONTHLY.exec(f);
  if (monthly) return Array.from({ length: 12 }, (_, i) => [i + 1, Number(monthly[1])] as [number, number]);
  const quarterly = QUARTERLY.exec(f);
  if (quarterly) return [3, 6, 9, 12].map((m) => [m, Number(quarterly[1])] as [number, number]);
  return [...f.matchAll(DAY_MONTH)].map((m) => [Number(m[2]), Number(m[1])] as [number, number]).filter(([m, d]) => iso(2000, m, d) !== null);
}

/**
 * The occurrence of a deadline that matters on `today` (yyyy-mm-dd): a one-off date as such;
 * for a recurring one, the next occurrence on or after today. Null when the plan states no day.
 */
export function dueOn(deadline: Deadline | null, today: string): Due | null {
  if (!deadline) return null;
  const days = recurringDays(deadline.text);
  if (days.length) {
    const year = Number(today.slice(0, 4));
    const next = [year, year + 1]
      .flatMap((y) => days.map(([m, d]) => iso(y, m, d)))
      .filter((d): d is string => d !== null && d >= today)
      .sort()[0];
    return next ? { date: next, recurring: true } : null;
  }
  const f = folded(deadline.text).replace(/\s+/g, ' ').trim();
  if (START.test(f)) return null;
  if (deadline.date) return { date: deadline.date, recurring: false };
  const once = (date: string | null): Due | null => (date ? { date, recurring: false } : null);
  const month = MONTH.exec(f);
  if (month) return once(lastOfMonth(Number(month[2]), Number(month[1])));
  const day = BARE_DAY.exec(f);
  if (day) return once(iso(Number(day[3]), Number(day[2]), Number(day[1])));
  const years = BARE_YEARS.exec(f);
  if (years) return once(iso(Number(years[2] ?? years[1]), 12, 31));
  return null;
}

function lastOfMonth(year: number, month: number): string | null {
  if (month < 1 || month > 12) return null;
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}
