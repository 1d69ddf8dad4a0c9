import { openDatabase, type DB } from '../../corpus/store/db.ts';
import { PlanStore } from '../../corpus/store/documents.ts';
import { ReminderStore } from '../../corpus/store/reminders.ts';
import { TrackingStore } from '../../corpus/store/tracking.ts';
import { parseDeadline } from '../../corpus/tasks/deadline.ts';
import type { PlanDocument, Task } from '../../corpus/types.ts';
import { silentLogger } from '../logger.ts';
import { DEFAULT_SETTINGS } from './plan.ts';
import type { SchedulerDeps } from './scheduler.ts';

/**
 * A plan with one task per deadline form the reminder rules know, for the scheduler's tests:
 * ingested 2024-08-01, read on a fake clock. Users: administrator 1, editor 2 (Sở Tài chính),
 * editor 3 (Sở Y tế), viewer 4.
 */
export const DOC = 'tinh-c-2024-kh.txt';
export const ADMIN = 1;
export const FINANCE = 2;
export const HEALTH = 3;
export const VIEWER = 4;

function task(id: string, section: string, text: string, lead: string[], coordinators: string[] = []): Task {
  return {
    id, key: `${DOC}#${section}`, docId: DOC, clauseId: `${DOC}#${section}`, section, text, lead, coordinators,
    evaluators: [], reportTo: [], canonical: {}, now: {}, deadline: parseDeadline(text, 2024), targets: [],
  };
}

export const TASKS: Task[] = [
  task('C24-DAY', 'I.1', 'Sở Tài chính chủ trì rà soát thủ tục hoàn thuế, hoàn thành trước ngày 27/9/2024.', ['Sở Tài chính']),
  task('C24-MONTH', 'I.2', 'Sở Xây dựng chủ trì, phối hợp với Sở Tài chính ban hành đơn giá, hoàn thành trong tháng 9/2024.', ['Sở Xây dựng'], ['Sở Tài chính']),
  task('C24-QUARTER', 'I.3', 'Sở Tài chính chủ trì công khai dự toán ngân sách, hoàn thành trong Quý III/2024.', ['Sở Tài chính']),
  task('C24-LATE', 'I.4', 'Sở Tài chính chủ trì số hóa hồ sơ thuế, hoàn thành trước ngày 30/6/2024.', ['Sở Tài chính']),
  task('C24-YEARLY', 'I.5', 'Sở Tài chính báo cáo kết quả thực hiện trước 30/9 hằng năm.', ['Sở Tài chính']),
  task('C24-FAR', 'I.6', 'Sở Tài chính chủ trì xây dựng kho dữ liệu tài chính trong năm 2026.', ['Sở Tài chính']),
  task('C24-HEALTH', 'I.7', 'Sở Y tế chủ trì nâng cao chất lượng khám chữa bệnh, hoàn thành trước ngày 25/9/2024.', ['Sở Y tế']),
  task('C24-NONE', 'I.8', 'Sở Tài chính thường xuyên theo dõi, đôn đốc việc giải ngân.', ['Sở Tài chính']),
];

export function planDocument(): PlanDocument {
  return {
    id: DOC, path: DOC, sha256: 'c',
    header: { issuer: 'Ủy ban nhân dân tỉnh C', number: '88/KH-UBND', date: '2024-07-15', province: 'Tỉnh C', year: 2024, title: 'Kế hoạch cải thiện môi trường kinh doanh năm 2024', implements: null, kind: 'nq02' },
    clauses: TASKS.map((t, i) => ({ id: t.clauseId, docId: DOC, section: t.section, kind: 'item', label: `${i + 1}.`, breadcrumb: ['NHIỆM VỤ'], text: t.text, parentId: null, order: i, depth: 2 })),
    tasks: TASKS,
  };
}

export interface ScheduleFixture {
  db: DB;
  plans: PlanStore;
  tracking: TrackingStore;
  reminders: ReminderStore;
  clock: { now: Date };
  deps: SchedulerDeps;
}

/** Opens (or reopens, for a restart) the store at `file`; seeds it when `seed` is set. */
export async function openSchedule(file: string, clock: { now: Date }, seed: boolean): Promise<ScheduleFixture> {
  const db = openDatabase(file);
  const iso = () => clock.now.toISOString();
  const plans = new PlanStore(db, { now: iso });
  const tracking = new TrackingStore(db, { now: iso });
  const reminders = new ReminderStore(db, { now: iso });
  if (seed) {
    const at = clock.now;
    clock.now = new Date('2024-08-01T02:00:00Z');
    await plans.saveDocument(planDocument());
    await tracking.ensureAdmins([ADMIN]);
    await tracking.grant(ADMIN, FINANCE, 'editor', ['Sở Tài chính']);
    await tracking.grant(ADMIN, HEALTH, 'editor', ['Sở Y tế']);
    await tracking.grant(ADMIN, VIEWER, 'viewer');
    clock.now = at;
  }
  const deps: SchedulerDeps = { plans, tracking, reminders, adminIds: [ADMIN], settings: DEFAULT_SETTINGS, logger: silentLogger(), now: () => clock.now };
  return { db, plans, tracking, reminders, clock, deps };
}

/** An instant in Vietnam time: "2024-09-23 08:30" → the UTC Date. */
export function vn(local: string): Date {
  return new Date(`${local.replace(' ', 'T')}:00+07:00`);
}
