import type { Sql } from '../../corpus/store/sql.ts';
import { openDatabase, type DB } from '../../corpus/store/db.ts';
import { PlanStore } from '../../corpus/store/documents.ts';
import { ReminderStore } from '../../corpus/store/reminders.ts';
import { TrackingStore } from '../../corpus/store/tracking.ts';
import type { Clause, PlanDocument, Task } from '../../corpus/types.ts';
import type { AnswerObject } from '../../prompts/types.ts';
import { silentLogger } from '../logger.ts';
import { createCore, type ChatCore } from './core.ts';
import type { Assistant, CoreOptions } from './types.ts';

/**
 * Test fixtures shared by the core's unit tests and the end-to-end tests: a small plan with
 * real-looking clauses and tasks in an SQLite store, and a scriptable fake assistant.
 */
export const DOC_ID = 'tinh-a-2024-nq02.txt';
export const BULK_DOC_ID = 'tinh-b-2023-cchc.txt';

function clause(section: string, kind: Clause['kind'], label: string, text: string, order: number, parentId: string | null): Clause {
  return { id: `${DOC_ID}#${section}`, docId: DOC_ID, section, kind, label, breadcrumb: ['NHIỆM VỤ, GIẢI PHÁP'], text, parentId, order, depth: section.split('.').length };
}

const A1_TEXT = 'Sở Tài chính chủ trì, phối hợp với Sở Kế hoạch và Đầu tư rà soát thủ tục hoàn thuế <VAT> & phí, hoàn thành trước ngày 30/6/2024.';

function task(id: string, section: string, text: string, lead: string[], coordinators: string[], date: string | null, docId = DOC_ID): Task {
  return {
    id, key: `${docId}#${section}`, docId, clauseId: `${docId}#${section}`, section, text, lead, coordinators,
    evaluators: [], reportTo: [], canonical: {}, now: {}, deadline: date ? { text: `trước ngày ${date}`, date } : null, targets: [],
  };
}

export function sampleDocuments(): PlanDocument[] {
  const main: PlanDocument = {
    id: DOC_ID, path: DOC_ID, sha256: 'a',
    header: { issuer: 'Ủy ban nhân dân tỉnh A', number: '12/KH-UBND', date: '2024-02-01', province: 'Tỉnh A', year: 2024,
      title: 'Kế hoạch thực hiện Nghị quyết số 02/NQ-CP năm 2024', implements: null, kind: 'nq02' },
    clauses: [
      clause('II', 'part', 'II.', 'NHIỆM VỤ, GIẢI PHÁP', 0, null),
      clause('II.1', 'item', '1.', 'Cải thiện môi trường kinh doanh', 1, `${DOC_ID}#II`),
      clause('II.1.a', 'point', 'a)', A1_TEXT, 2, `${DOC_ID}#II.1`),
      { ...clause('II.1.a', 'bullet', '-', 'Báo cáo kết quả về Ủy ban nhân dân tỉnh.', 3, `${DOC_ID}#II.1.a`), id: `${DOC_ID}#II.1.a~1` },
      clause('II.1.b', 'point', 'b)', 'Sở Y tế chủ trì nâng cao chất lượng khám chữa bệnh.', 4, `${DOC_ID}#II.1`),
      clause('II.1.c', 'point', 'c)', 'Ủy ban nhân dân các huyện triển khai bộ phận một cửa.', 5, `${DOC_ID}#II.1`),
    ],
    tasks: [
      task('A24-0001', 'II.1.a', A1_TEXT, ['Sở Tài chính'], ['Sở Kế hoạch và Đầu tư'], '2024-06-30'),
      task('A24-0002', 'II.1.b', 'Sở Y tế chủ trì nâng cao chất lượng khám chữa bệnh.', ['Sở Y tế'], [], '2099-12-31'),
      task('A24-0003', 'II.1.c', 'Ủy ban nhân dân các huyện triển khai bộ phận một cửa.', ['Ủy ban nhân dân các huyện'], [], null),
    ],
  };
  const bulkTasks = Array.from({ length: 20 }, (_, i) =>
    task(`B23-${String(i + 1).padStart(4, '0')}`, `I.${i + 1}`, `Sở Nội vụ thực hiện nhiệm vụ cải cách số ${i + 1}.`, ['Sở Nội vụ'], [], '2023-12-31', BULK_DOC_ID));
  const bulk: PlanDocument = {
    id: BULK_DOC_ID, path: BULK_DOC_ID, sha256: 'b',
    header: { issuer: null, number: null, date: null, province: 'Tỉnh B', year: 2023, title: 'Kế hoạch cải cách hành chính năm 2023', implements: null, kind: 'cchc' },
    clauses: bulkTasks.map((t, i) => ({
      id: t.clauseId, docId: BULK_DOC_ID, section: t.section, kind: 'item', label: `${i + 1}.`, breadcrumb: [], text: t.text, parentId: null, order: i, depth: 1,
    })),
    tasks: bulkTasks,
  };
  return [main, bulk];
}

export async function seedPlans(db: DB | Sql): Promise<PlanStore> {
  const plans = new PlanStore(db);
  for (const d of sampleDocuments()) await plans.saveDocument(d);
  return plans;
}

/** An answer citing the first task, with the question echoed (to test escaping). */
export function taskAnswer(question: string): AnswerObject {
  return {
    question, answerable: true, answer: `Sở Tài chính chủ trì (câu hỏi: ${question}).`, ms: 3, lang: 'vi', taskId: 'A24-0001', mode: 'extractive',
    citations: [
      { doc: DOC_ID, section: 'II.1.a', title: 'Kế hoạch thực hiện Nghị quyết số 02/NQ-CP năm 2024', province: 'Tỉnh A', year: 2024, text: A1_TEXT, number: '12/KH-UBND', taskId: 'A24-0001' },
      { doc: DOC_ID, section: 'II.1.b', title: 'Kế hoạch thực hiện Nghị quyết số 02/NQ-CP năm 2024', province: 'Tỉnh A', year: 2024, text: 'Sở Y tế chủ trì', number: '12/KH-UBND' },
    ],
    hits: [{ doc: DOC_ID, section: 'II.1.a', text: A1_TEXT, score: 0.9, clauseId: `${DOC_ID}#II.1.a` }],
  };
}

/** A fake assistant answering through `respond`; it records the questions it was asked. */
export class FakeAssistant implements Assistant {
  readonly asked: string[] = [];
  dense = false;

  constructor(public respond: (q: string) => AnswerObject | Promise<AnswerObject> = taskAnswer) {}

  async ask(question: string): Promise<AnswerObject> {
    this.asked.push(question);
    return this.respond(question);
  }

  status() {
    return { denseAvailable: this.dense, modelId: this.dense ? 'Xenova/multilingual-e5-small' : null };
  }
}

export const ADMIN = 1;
export const EDITOR = 2;
export const VIEWER = 3;

export interface Fixture {
  db: DB;
  plans: PlanStore;
  tracking: TrackingStore;
  assistant: FakeAssistant;
  core: ChatCore;
  clock: { now: Date };
}

/** Admin 1, editor 2 bound to Sở Tài chính, viewer 3; the clock starts 2024-09-01. */
export async function createFixture(options: Partial<CoreOptions> = {}): Promise<Fixture> {
  const db = openDatabase(':memory:');
  const plans = await seedPlans(db);
  const clock = { now: new Date('2024-09-01T03:00:00Z') };
  const tracking = new TrackingStore(db, { now: () => clock.now.toISOString() });
  const assistant = new FakeAssistant();
  const core = createCore({
    plans, tracking, assistant, logger: silentLogger(), now: () => clock.now, reminders: new ReminderStore(db, { now: () => clock.now.toISOString() }),
    options: { publicQa: true, rateLimitPerMinute: 100, adminIds: [ADMIN], ...options },
  });
  await tracking.ensureAdmins([ADMIN]);
  await tracking.grant(ADMIN, EDITOR, 'editor', ['So Tai chinh']);
  await tracking.grant(ADMIN, VIEWER, 'viewer');
  return { db, plans, tracking, assistant, core, clock };
}
