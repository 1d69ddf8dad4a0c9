import { describe, expect, it } from 'vitest';
import type { PlanDocument, Task } from '../types.ts';
import { storeBackends, type Backend } from './backends.ts';
import { PlanStore } from './documents.ts';
import { agencyMatchKey, TrackingError, TrackingStore } from './tracking.ts';

const DOC = 'nd-2024.txt';

function task(id: string, lead: string[], coordinators: string[] = []): Task {
  return {
    id, key: `${DOC}#${id}`, docId: DOC, clauseId: `${DOC}#${id}`, section: id, text: `Nhiệm vụ ${id}`,
    lead, coordinators, evaluators: [], reportTo: [], canonical: {}, now: {}, deadline: null, targets: [],
  };
}

async function setup(backend: Backend) {
  let tick = 0;
  const now = () => new Date(Date.UTC(2024, 4, 1, 0, 0, tick++)).toISOString();
  const db = await backend.open();
  const plans = new PlanStore(db, { now });
  const doc: PlanDocument = {
    id: DOC, path: DOC, sha256: 'x',
    header: { issuer: null, number: null, date: null, province: 'Nam Định', year: 2024, title: 'KH', implements: null, kind: null },
    clauses: [],
    tasks: [task('T1', ['Sở Tài chính']), task('T2', ['Sở Y tế'], ['Sở Kế hoạch và Đầu tư'])],
  };
  await plans.saveDocument(doc);
  const store = new TrackingStore(db, { now });
  await store.ensureAdmins([1]);
  return { db, store };
}

async function count(store: TrackingStore, table: string): Promise<number> {
  return (await store.sql.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))!.n;
}

for (const backend of storeBackends()) {
describe.skipIf(!backend.available)(`the tracking store on ${backend.name}`, () => {

describe('TrackingStore roles', () => {
  it('bootstraps admins once and audits it', async () => {
    const { store } = await setup(backend);
    await store.ensureAdmins([1, 2]);
    expect((await store.getUser(2))?.role).toBe('admin');
    expect((await store.auditLog()).map((a) => [a.action, a.subject])).toEqual([['role.bootstrap', 'user:1'], ['role.bootstrap', 'user:2']]);
  });

  it('grants an editor the agency of their pending request and closes it', async () => {
    const { store } = await setup(backend);
    await store.requestAccess(5, 'Chị Lan', '  Sở  Tài chính ');
    expect(await store.pendingRequests()).toMatchObject([{ userId: 5, agency: 'Sở Tài chính' }]);
    const { before, after } = await store.grant(1, 5, 'editor');
    expect(before).toBeNull();
    expect(after).toMatchObject({ id: 5, name: 'Chị Lan', role: 'editor', agencies: ['Sở Tài chính'] });
    expect(await store.pendingRequests()).toEqual([]);
    expect(await store.auditLog('user:5')).toMatchObject([{ actorId: 1, action: 'role.grant', before: null, after: { role: 'editor', agencies: ['Sở Tài chính'] } }]);
  });

  it('remembers display names of known users only', async () => {
    const { store } = await setup(backend);
    await store.rememberName(1, ' Anh Minh ');
    await store.rememberName(9, 'Ai đó');
    expect((await store.getUser(1))?.name).toBe('Anh Minh');
    expect(await store.getUser(9)).toBeNull();
  });

  it('refuses grants from non-admins and editors without agencies', async () => {
    const { store } = await setup(backend);
    await store.grant(1, 5, 'viewer');
    await expect(store.grant(5, 6, 'admin')).rejects.toThrow(TrackingError);
    await expect(store.grant(1, 6, 'editor')).rejects.toThrow(/at least one agency/);
    expect(await store.getUser(6)).toBeNull();
  });

  it('matches agencies without diacritics, case or "và"', async () => {
    expect(agencyMatchKey('Sở Kế hoạch và Đầu tư')).toBe(agencyMatchKey('so ke hoach dau tu'));
    expect(agencyMatchKey('UBND tỉnh')).toBe(agencyMatchKey('Ủy ban nhân dân Tỉnh'));
    const { store } = await setup(backend);
    await store.grant(1, 5, 'editor', ['so ke hoach dau tu']);
    await store.grant(1, 6, 'viewer');
    const t2 = { lead: ['Sở Y tế'], coordinators: ['Sở Kế hoạch và Đầu tư'] };
    expect(await store.canEdit(5, t2)).toBe(true);
    expect(await store.canEdit(5, { lead: ['Sở Tài chính'], coordinators: [] })).toBe(false);
    expect(await store.canEdit(6, t2)).toBe(false);
    expect(await store.canEdit(99, t2)).toBe(false);
    expect(await store.canEdit(1, t2)).toBe(true);
  });
});

describe('TrackingStore status updates', () => {
  it('logs an update and its audit row in one go, returning before and after', async () => {
    const { store } = await setup(backend);
    await store.grant(1, 5, 'editor', ['Sở Tài chính']);
    const first = await store.logUpdate({ taskId: 't1', userId: 5, status: 'dang_thuc_hien', percent: 40, note: ' đã họp ' });
    expect(first.before).toBeNull();
    expect(first.after).toMatchObject({ taskId: 'T1', status: 'dang_thuc_hien', percent: 40, note: 'đã họp', userId: 5 });
    const second = await store.logUpdate({ taskId: 'T1', userId: 1, status: 'hoan_thanh' });
    expect(second.before).toMatchObject({ status: 'dang_thuc_hien', percent: 40 });
    expect(await store.latest('T1')).toMatchObject({ status: 'hoan_thanh', percent: null, userId: 1 });
    expect((await store.history('T1')).map((u) => u.status)).toEqual(['dang_thuc_hien', 'hoan_thanh']);
    const audit = await store.auditLog('task:T1');
    expect(audit).toHaveLength(2);
    expect(audit[1]).toMatchObject({ actorId: 1, action: 'status.update', before: { status: 'dang_thuc_hien' }, after: { status: 'hoan_thanh' } });
  });

  it('changes nothing when the user may not edit the task', async () => {
    const { store } = await setup(backend);
    await store.grant(1, 5, 'editor', ['Sở Tài chính']);
    const auditBefore = await count(store, 'audit_log');
    await expect(store.logUpdate({ taskId: 'T2', userId: 5, status: 'vuong_mac' })).rejects.toThrow(expect.objectContaining({ reason: 'forbidden' }));
    await expect(store.logUpdate({ taskId: 'NOPE', userId: 1, status: 'vuong_mac' })).rejects.toThrow(expect.objectContaining({ reason: 'unknown_task' }));
    await expect(store.logUpdate({ taskId: 'T1', userId: 5, status: 'dang_thuc_hien', percent: 140 })).rejects.toThrow(/percent/);
    expect(await count(store, 'status_updates')).toBe(0);
    expect(await count(store, 'audit_log')).toBe(auditBefore);
  });

  it('rolls the status row back when the audit write fails', async () => {
    const { store, db } = await setup(backend);
    if (db.dialect === 'sqlite') {
      await db.run("CREATE TRIGGER fail_audit BEFORE INSERT ON audit_log WHEN NEW.action = 'status.update' BEGIN SELECT RAISE(ABORT, 'disk full'); END;");
    } else {
      await db.run("CREATE FUNCTION fail_audit() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN IF NEW.action = 'status.update' THEN RAISE EXCEPTION 'disk full'; END IF; RETURN NEW; END $f$");
      await db.run('CREATE TRIGGER fail_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION fail_audit()');
    }
    await expect(store.logUpdate({ taskId: 'T1', userId: 1, status: 'hoan_thanh' })).rejects.toThrow(/disk full/);
    expect(await count(store, 'status_updates')).toBe(0);
  });

  it('keeps status updates and the audit log append-only', async () => {
    const { store, db } = await setup(backend);
    await store.logUpdate({ taskId: 'T1', userId: 1, status: 'hoan_thanh' });
    await expect(db.run("UPDATE status_updates SET status = 'vuong_mac'")).rejects.toThrow(/append-only/);
    await expect(db.run('DELETE FROM status_updates')).rejects.toThrow(/append-only/);
    await expect(db.run("UPDATE audit_log SET action = 'x'")).rejects.toThrow(/append-only/);
    await expect(db.run('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    // PostgreSQL has TRUNCATE, which skips row triggers: a statement trigger refuses it too.
    if (db.dialect === 'postgres') await expect(db.run('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    expect(await count(store, 'status_updates')).toBe(1);
  });
});

describe('TrackingStore feedback', () => {
  it('stores votes with the question and cited section', async () => {
    const { store } = await setup(backend);
    await store.recordFeedback({ userId: 5, question: 'ai chủ trì?', docId: DOC, section: 'T1', answer: 'Sở Tài chính', vote: 1 });
    await store.recordFeedback({ userId: null, question: 'q', vote: -1 });
    expect(await store.listFeedback()).toMatchObject([
      { userId: 5, question: 'ai chủ trì?', docId: DOC, section: 'T1', vote: 1 },
      { userId: null, docId: null, vote: -1 },
    ]);
  });
});
});
}
