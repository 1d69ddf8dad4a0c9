import { describe, expect, it } from 'vitest';
import type { PlanDocument, Task } from '../types.ts';
import { openDatabase } from './db.ts';
import { PlanStore } from './documents.ts';
import { agencyMatchKey, TrackingError, TrackingStore } from './tracking.ts';

const DOC = 'nd-2024.txt';

function task(id: string, lead: string[], coordinators: string[] = []): Task {
  return {
    id, key: `${DOC}#${id}`, docId: DOC, clauseId: `${DOC}#${id}`, section: id, text: `Nhiệm vụ ${id}`,
    lead, coordinators, evaluators: [], reportTo: [], canonical: {}, now: {}, deadline: null, targets: [],
  };
}

function setup() {
  let tick = 0;
  const now = () => new Date(Date.UTC(2024, 4, 1, 0, 0, tick++)).toISOString();
  const db = openDatabase(':memory:');
  const plans = new PlanStore(db, { now });
  const doc: PlanDocument = {
    id: DOC, path: DOC, sha256: 'x',
    header: { issuer: null, number: null, date: null, province: 'Nam Định', year: 2024, title: 'KH', implements: null, kind: null },
    clauses: [],
    tasks: [task('T1', ['Sở Tài chính']), task('T2', ['Sở Y tế'], ['Sở Kế hoạch và Đầu tư'])],
  };
  plans.saveDocument(doc);
  const store = new TrackingStore(db, { now });
  store.ensureAdmins([1]);
  return { db, store };
}

function count(store: TrackingStore, table: string): number {
  return (store.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
}

describe('TrackingStore roles', () => {
  it('bootstraps admins once and audits it', () => {
    const { store } = setup();
    store.ensureAdmins([1, 2]);
    expect(store.getUser(2)?.role).toBe('admin');
    expect(store.auditLog().map((a) => [a.action, a.subject])).toEqual([['role.bootstrap', 'user:1'], ['role.bootstrap', 'user:2']]);
  });

  it('grants an editor the agency of their pending request and closes it', () => {
    const { store } = setup();
    store.requestAccess(5, 'Chị Lan', '  Sở  Tài chính ');
    expect(store.pendingRequests()).toMatchObject([{ userId: 5, agency: 'Sở Tài chính' }]);
    const { before, after } = store.grant(1, 5, 'editor');
    expect(before).toBeNull();
    expect(after).toMatchObject({ id: 5, name: 'Chị Lan', role: 'editor', agencies: ['Sở Tài chính'] });
    expect(store.pendingRequests()).toEqual([]);
    expect(store.auditLog('user:5')).toMatchObject([{ actorId: 1, action: 'role.grant', before: null, after: { role: 'editor', agencies: ['Sở Tài chính'] } }]);
  });

  it('remembers display names of known users only', () => {
    const { store } = setup();
    store.rememberName(1, ' Anh Minh ');
    store.rememberName(9, 'Ai đó');
    expect(store.getUser(1)?.name).toBe('Anh Minh');
    expect(store.getUser(9)).toBeNull();
  });

  it('refuses grants from non-admins and editors without agencies', () => {
    const { store } = setup();
    store.grant(1, 5, 'viewer');
    expect(() => store.grant(5, 6, 'admin')).toThrow(TrackingError);
    expect(() => store.grant(1, 6, 'editor')).toThrow(/at least one agency/);
    expect(store.getUser(6)).toBeNull();
  });

  it('matches agencies without diacritics, case or "và"', () => {
    expect(agencyMatchKey('Sở Kế hoạch và Đầu tư')).toBe(agencyMatchKey('so ke hoach dau tu'));
    expect(agencyMatchKey('UBND tỉnh')).toBe(agencyMatchKey('Ủy ban nhân dân Tỉnh'));
    const { store } = setup();
    store.grant(1, 5, 'editor', ['so ke hoach dau tu']);
    store.grant(1, 6, 'viewer');
    const t2 = { lead: ['Sở Y tế'], coordinators: ['Sở Kế hoạch và Đầu tư'] };
    expect(store.canEdit(5, t2)).toBe(true);
    expect(store.canEdit(5, { lead: ['Sở Tài chính'], coordinators: [] })).toBe(false);
    expect(store.canEdit(6, t2)).toBe(false);
    expect(store.canEdit(99, t2)).toBe(false);
    expect(store.canEdit(1, t2)).toBe(true);
  });
});

describe('TrackingStore status updates', () => {
  it('logs an update and its audit row in one go, returning before and after', () => {
    const { store } = setup();
    store.grant(1, 5, 'editor', ['Sở Tài chính']);
    const first = store.logUpdate({ taskId: 't1', userId: 5, status: 'dang_thuc_hien', percent: 40, note: ' đã họp ' });
    expect(first.before).toBeNull();
    expect(first.after).toMatchObject({ taskId: 'T1', status: 'dang_thuc_hien', percent: 40, note: 'đã họp', userId: 5 });
    const second = store.logUpdate({ taskId: 'T1', userId: 1, status: 'hoan_thanh' });
    expect(second.before).toMatchObject({ status: 'dang_thuc_hien', percent: 40 });
    expect(store.latest('T1')).toMatchObject({ status: 'hoan_thanh', percent: null, userId: 1 });
    expect(store.history('T1').map((u) => u.status)).toEqual(['dang_thuc_hien', 'hoan_thanh']);
    const audit = store.auditLog('task:T1');
    expect(audit).toHaveLength(2);
    expect(audit[1]).toMatchObject({ actorId: 1, action: 'status.update', before: { status: 'dang_thuc_hien' }, after: { status: 'hoan_thanh' } });
  });

  it('changes nothing when the user may not edit the task', () => {
    const { store } = setup();
    store.grant(1, 5, 'editor', ['Sở Tài chính']);
    const auditBefore = count(store, 'audit_log');
    expect(() => store.logUpdate({ taskId: 'T2', userId: 5, status: 'vuong_mac' })).toThrow(expect.objectContaining({ reason: 'forbidden' }));
    expect(() => store.logUpdate({ taskId: 'NOPE', userId: 1, status: 'vuong_mac' })).toThrow(expect.objectContaining({ reason: 'unknown_task' }));
    expect(() => store.logUpdate({ taskId: 'T1', userId: 5, status: 'dang_thuc_hien', percent: 140 })).toThrow(/percent/);
    expect(count(store, 'status_updates')).toBe(0);
    expect(count(store, 'audit_log')).toBe(auditBefore);
  });

  it('rolls the status row back when the audit write fails', () => {
    const { store, db } = setup();
    db.exec("CREATE TRIGGER fail_audit BEFORE INSERT ON audit_log WHEN NEW.action = 'status.update' BEGIN SELECT RAISE(ABORT, 'disk full'); END;");
    expect(() => store.logUpdate({ taskId: 'T1', userId: 1, status: 'hoan_thanh' })).toThrow(/disk full/);
    expect(count(store, 'status_updates')).toBe(0);
  });

  it('keeps status updates and the audit log append-only', () => {
    const { store, db } = setup();
    store.logUpdate({ taskId: 'T1', userId: 1, status: 'hoan_thanh' });
    expect(() => db.exec("UPDATE status_updates SET status = 'vuong_mac'")).toThrow(/append-only/);
    expect(() => db.exec('DELETE FROM status_updates')).toThrow(/append-only/);
    expect(() => db.exec('DELETE FROM audit_log')).toThrow(/append-only/);
  });
});

describe('TrackingStore feedback', () => {
  it('stores votes with the question and cited section', () => {
    const { store } = setup();
    store.recordFeedback({ userId: 5, question: 'ai chủ trì?', docId: DOC, section: 'T1', answer: 'Sở Tài chính', vote: 1 });
    store.recordFeedback({ userId: null, question: 'q', vote: -1 });
    expect(store.listFeedback()).toMatchObject([
      { userId: 5, question: 'ai chủ trì?', docId: DOC, section: 'T1', vote: 1 },
      { userId: null, docId: null, vote: -1 },
    ]);
  });
});
