/**
 * The reminder rules on a fake clock, over a plan ingested 2024-08-01 with one task per deadline
 * form: who gets what on a working-day morning, nothing at night or on a weekend, nothing for a
 * done task or an opted-out user, and never the same reminder twice, across a restart or two
 * schedulers sharing one database.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, FINANCE, HEALTH, openSchedule, vn, type ScheduleFixture } from './fixture.ts';
import { dueReminders, runTick, type SendOutcome } from './scheduler.ts';
import type { Reminder } from './plan.ts';

let dir: string;
let f: ScheduleFixture;
const clock = { now: vn('2024-09-23 08:30') };

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tlkh-remind-'));
  clock.now = vn('2024-09-23 08:30');
  f = await openSchedule(path.join(dir, 'db.sqlite'), clock, true);
  // C24-DAY got news on 10 September; C24-QUARTER is done.
  clock.now = vn('2024-09-10 10:00');
  await f.tracking.logUpdate({ taskId: 'C24-DAY', userId: FINANCE, status: 'dang_thuc_hien', percent: 40 });
  await f.tracking.logUpdate({ taskId: 'C24-QUARTER', userId: FINANCE, status: 'hoan_thanh', percent: 100 });
  clock.now = vn('2024-09-23 08:30');
});

afterEach(async () => {
  f.db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const ids = (list: Reminder[], userId: number, kind: Reminder['kind']) => list.filter((r) => r.userId === userId && r.kind === kind).flatMap((r) => r.tasks.map((t) => t.id));

/** A sender that records what it was asked to send and answers with `outcome`. */
function recorder(outcome: (userId: number) => SendOutcome | Error = () => 'sent') {
  const sent: Array<{ userId: number; html: string }> = [];
  const send = async (userId: number, html: string): Promise<SendOutcome> => {
    const o = outcome(userId);
    if (o instanceof Error) throw o;
    sent.push({ userId, html });
    return o;
  };
  return { sent, send };
}

describe('reminder rules on a Monday morning (2024-09-23 08:30, Vietnam time)', () => {
  it('editors get their tasks due within 7 days, those overdue, and the quiet ones apart', async () => {
    const list = await dueReminders(f.deps, clock.now);
    expect(ids(list, FINANCE, 'due')).toEqual(['C24-DAY', 'C24-MONTH', 'C24-YEARLY']);
    const due = list.find((r) => r.userId === FINANCE && r.kind === 'due')!;
    expect(due.tasks.map((t) => [t.date, t.days, t.role])).toEqual([['2024-09-27', 4, 'lead'], ['2024-09-30', 7, 'coordinator'], ['2024-09-30', 7, 'lead']]);
    expect(ids(list, FINANCE, 'overdue')).toEqual(['C24-LATE']);
    expect(list.find((r) => r.kind === 'overdue')!.tasks[0]).toMatchObject({ date: '2024-06-30', days: 85, deadline: 'trước ngày 30/6/2024' });
    // Never updated since the plan came in on 1 August (53 days ≥ 30); C24-DAY had news on the 10th.
    expect(ids(list, FINANCE, 'stale')).toEqual(['C24-MONTH', 'C24-LATE', 'C24-YEARLY', 'C24-FAR', 'C24-NONE']);
    // The done task is never reminded; "năm 2026" is not near; "thường xuyên" has no date.
    expect(list.flatMap((r) => r.tasks.map((t) => t.id))).not.toContain('C24-QUARTER');
    expect(ids(list, HEALTH, 'due')).toEqual(['C24-HEALTH']);
  });

  it('administrators get the weekly digest per plan: counts, overdue, never updated, the most overdue', async () => {
    const digest = (await dueReminders(f.deps, clock.now)).filter((r) => r.kind === 'digest');
    expect(digest).toHaveLength(1);
    expect(digest[0]).toMatchObject({
      userId: ADMIN,
      digest: { doc: 'tinh-c-2024-kh.txt', tasks: 8, overdue: 1, neverUpdated: 6, byStatus: { dang_thuc_hien: 1, hoan_thanh: 1, chua_bat_dau: 0 } },
    });
    expect(digest[0]!.tasks.map((t) => t.id)).toEqual(['C24-LATE']);
    // Before 08:00 on Monday the digest is not due yet.
    expect((await dueReminders(f.deps, vn('2024-09-23 07:59'))).length).toBe(0);
  });

  it('sends nothing at night or on a weekend, and the next working hours catch up', async () => {
    expect(await dueReminders(f.deps, vn('2024-09-23 17:00'))).toEqual([]);
    expect(await dueReminders(f.deps, vn('2024-09-21 10:00'))).toEqual([]);
    expect(await dueReminders(f.deps, vn('2024-09-22 10:00'))).toEqual([]);
    expect(ids(await dueReminders(f.deps, vn('2024-09-24 16:59')), FINANCE, 'due')).toEqual(['C24-DAY', 'C24-MONTH', 'C24-YEARLY']);
  });

  it('a recurring deadline recurs: after 30 September the next one is a year away, and it is never "overdue"', async () => {
    const list = await dueReminders(f.deps, vn('2024-10-01 09:00'));
    expect(ids(list, FINANCE, 'due')).not.toContain('C24-YEARLY');
    expect(ids(list, FINANCE, 'overdue')).toEqual(['C24-LATE', 'C24-DAY', 'C24-MONTH']);
    expect(ids(await dueReminders(f.deps, vn('2025-09-25 09:00')), FINANCE, 'due')).toContain('C24-YEARLY');
  });

  it('/nhacnho tat turns one user off and nobody else', async () => {
    await f.reminders.setOptOut(HEALTH, true);
    const list = await dueReminders(f.deps, clock.now);
    expect(list.some((r) => r.userId === HEALTH)).toBe(false);
    expect(ids(list, FINANCE, 'due')).toHaveLength(3);
    await f.reminders.setOptOut(HEALTH, false);
    expect(ids(await dueReminders(f.deps, clock.now), HEALTH, 'due')).toEqual(['C24-HEALTH']);
  });
});

describe('the scheduler sends each reminder once', () => {
  it('one message per user per tick; a second tick the same day sends nothing', async () => {
    const r = recorder();
    const first = await runTick(f.deps, r.send, clock.now);
    expect(r.sent.map((m) => m.userId).sort()).toEqual([ADMIN, FINANCE, HEALTH]);
    const finance = r.sent.find((m) => m.userId === FINANCE)!.html;
    expect(finance).toContain('Đến hạn trong 7 ngày tới (3)');
    expect(finance).toContain('<code>C24-DAY</code>');
    expect(finance).toContain('“trước ngày 27/9/2024”');
    expect(finance).toContain('Quá hạn (1)');
    expect(finance).toContain('Chưa có cập nhật trong 30 ngày (5)');
    expect(finance).toContain('/nhacnho tat');
    expect(r.sent.find((m) => m.userId === ADMIN)!.html).toContain('Tổng hợp tiến độ hằng tuần');
    expect(first.sent.length).toBeGreaterThan(0);

    clock.now = vn('2024-09-23 10:00');
    expect((await runTick(f.deps, r.send, clock.now)).sent).toEqual([]);
    clock.now = vn('2024-09-24 09:00');
    expect((await runTick(f.deps, r.send, clock.now)).sent).toEqual([]);
    expect(r.sent).toHaveLength(3);
  });

  it('a restart on the same database sends nothing already sent', async () => {
    const r = recorder();
    await runTick(f.deps, r.send, clock.now);
    f.db.close();
    f = await openSchedule(path.join(dir, 'db.sqlite'), clock, false);
    expect(await dueReminders(f.deps, clock.now)).toEqual([]);
    expect((await runTick(f.deps, r.send, clock.now)).sent).toEqual([]);
    expect(r.sent).toHaveLength(3);
  });

  it('two schedulers on one database (two replicas) send each message once between them', async () => {
    const other = await openSchedule(path.join(dir, 'db.sqlite'), clock, false);
    try {
      const r = recorder();
      await Promise.all([runTick(f.deps, r.send, clock.now), runTick(other.deps, r.send, clock.now)]);
      expect(r.sent.map((m) => m.userId).sort()).toEqual([ADMIN, FINANCE, HEALTH]);
    } finally {
      other.db.close();
    }
  });

  it('a failed send is retried on the next tick; an unreachable user is not retried', async () => {
    let down = true;
    const r = recorder((userId) => (userId === FINANCE && down ? new Error('network down') : userId === HEALTH ? 'unreachable' : 'sent'));
    const first = await runTick(f.deps, r.send, clock.now);
    expect(first.failed).toEqual([FINANCE]);
    expect(first.unreachable).toEqual([HEALTH]);
    down = false;
    clock.now = vn('2024-09-23 08:35');
    const second = await runTick(f.deps, r.send, clock.now);
    expect(second.sent.map((x) => x.userId)).toEqual([FINANCE, FINANCE, FINANCE]);
    expect(second.unreachable).toEqual([]);
  });

  it('the next week: overdue again once, the digest again, nothing for a task marked done since', async () => {
    const r = recorder();
    await runTick(f.deps, r.send, clock.now);
    clock.now = vn('2024-09-25 09:00');
    await f.tracking.logUpdate({ taskId: 'C24-LATE', userId: FINANCE, status: 'hoan_thanh', percent: 100 });
    clock.now = vn('2024-09-30 08:05');
    const list = await dueReminders(f.deps, clock.now);
    expect(ids(list, FINANCE, 'overdue')).toEqual(['C24-DAY']);
    expect(ids(list, FINANCE, 'due')).toEqual([]);
    expect(list.filter((x) => x.kind === 'digest').map((x) => x.userId)).toEqual([ADMIN]);
  });
});
