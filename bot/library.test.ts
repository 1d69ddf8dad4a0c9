import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from './app.ts';
import { loadConfig } from './config.ts';
import { TELEGRAM_FILE_LIMIT } from './library.ts';
import { silentLogger } from './logger.ts';

const ADMIN = 1;
const SAMPLE = fileURLToPath(new URL('../corpus/plans/nam-dinh-2024-nq02.txt', import.meta.url));
const bytes = fs.readFileSync(SAMPLE);
const file = (name: string, content: Buffer = bytes) => ({ name, size: content.length, fetch: async () => content });
const VAT = 'Ở Nam Định năm 2024, cơ quan nào chủ trì hoàn thuế giá trị gia tăng?';

describe('plans added and retired from the chat', () => {
  let dir: string;
  let app: App;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tro-ly-library-'));
    app = await createApp(loadConfig({ LOG_LEVEL: 'silent', ADMIN_IDS: String(ADMIN) }, { dataDir: dir }), silentLogger());
    await app.tracking.ensureAdmins([ADMIN]);
  });
  afterAll(async () => {
    await app.shutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('checks the type and Telegram\'s 20 MB before anything is downloaded', async () => {
    expect(app.library.precheck({ name: 'bang-tinh.xlsx', size: 10 })).toMatch(/không phải định dạng/);
    expect(app.library.precheck({ name: 'ke-hoach.pdf', size: TELEGRAM_FILE_LIMIT + 1 })).toMatch(/quá lớn/);
    expect(app.library.precheck({ name: 'ke-hoach.doc', size: 1000 })).toBeNull();
  });

  it('stores, ingests and audits an upload; the same content twice changes nothing', async () => {
    const first = await app.library.upload(file('nam-dinh-2024-nq02.txt'), ADMIN);
    expect(first).toMatchObject({ status: 'ingested', doc: { id: 'nam-dinh-2024-nq02.txt', province: 'Nam Định', year: 2024 } });
    expect(fs.existsSync(path.join(dir, 'uploads', 'nam-dinh-2024-nq02.txt'))).toBe(true);
    const answer = await app.assistant.ask(VAT);
    expect(answer.citations[0]).toMatchObject({ doc: 'nam-dinh-2024-nq02.txt', section: 'IV.2.5.e' });
    const again = await app.library.upload(file('nam-dinh-2024-nq02.txt'), ADMIN);
    expect(again.status).toBe('unchanged');
    const audit = await app.tracking.auditLog('doc:nam-dinh-2024-nq02.txt');
    expect(audit.map((a) => [a.action, a.actorId, (a.after as { status: string }).status])).toEqual([
      ['plan.upload', ADMIN, 'ingested'],
      ['plan.upload', ADMIN, 'unchanged'],
    ]);
  });

  it('reports a broken file with the exact error and stores no plan', async () => {
    const out = await app.library.upload(file('hong.txt', Buffer.from([0xff, 0xfe, 0x00])), ADMIN);
    expect(out).toMatchObject({ status: 'failed' });
    expect(out.status === 'failed' && out.error).toMatch(/hong\.txt/);
    expect(await app.plans.getDocument('hong.txt')).toBeNull();
  });

  it('retires a plan: out of the search, its tasks and their history kept and marked removed, audited', async () => {
    const task = (await app.plans.listTasks({ docId: 'nam-dinh-2024-nq02.txt' })).find((t) => t.section === 'IV.2.5.e')!;
    await app.tracking.logUpdate({ taskId: task.id, userId: ADMIN, status: 'dang_thuc_hien', percent: 30 });
    const retired = await app.library.retire('nam-dinh-2024-nq02.txt', ADMIN);
    expect(retired?.tasks).toBeGreaterThan(10);
    expect((await app.plans.listDocuments()).map((d) => d.id)).not.toContain('nam-dinh-2024-nq02.txt');
    expect(await app.plans.listTasks({ docId: 'nam-dinh-2024-nq02.txt' })).toEqual([]);
    expect(await app.plans.getTask(task.id)).toMatchObject({ removedAt: expect.any(String), status: { status: 'dang_thuc_hien', percent: 30 } });
    expect(await app.tracking.history(task.id)).toHaveLength(1);
    expect(app.retriever.documents().map((d) => d.id)).not.toContain('nam-dinh-2024-nq02.txt');
    expect((await app.assistant.ask(VAT)).citations.map((c) => c.doc)).not.toContain('nam-dinh-2024-nq02.txt');
    expect((await app.tracking.auditLog('doc:nam-dinh-2024-nq02.txt')).at(-1)).toMatchObject({ action: 'plan.retire', actorId: ADMIN });
    expect(await app.library.retire('nam-dinh-2024-nq02.txt', ADMIN)).toBeNull();
  });

  it('brings a retired plan back when it is sent again, its task history intact', async () => {
    const back = await app.library.upload(file('nam-dinh-2024-nq02.txt'), ADMIN);
    expect(back.status).toBe('ingested');
    const task = (await app.plans.listTasks({ docId: 'nam-dinh-2024-nq02.txt' })).find((t) => t.section === 'IV.2.5.e')!;
    expect(task).toMatchObject({ removedAt: null, status: { status: 'dang_thuc_hien' } });
  });
});
