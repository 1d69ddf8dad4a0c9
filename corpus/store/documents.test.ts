import { beforeAll, describe, expect, it } from 'vitest';
import type { Clause, PlanDocument, Task } from '../types.ts';
import { StoreError } from '../errors.ts';
import { storeBackends } from './backends.ts';
import { agencyMatches, foldAgency, PlanStore } from './documents.ts';

const DOC = 'nd-2024.txt';

function clause(section: string, order: number, text: string): Clause {
  return {
    id: `${DOC}#${section}`, docId: DOC, section, kind: 'item', label: `${section}.`, breadcrumb: ['NHIỆM VỤ'],
    text, parentId: null, order, depth: 1,
  };
}

function task(section: string, lead: string[], coordinators: string[] = []): Task {
  return {
    id: `ND24-${section.replace(/\W/g, '')}`, key: `${DOC}#${section}`, docId: DOC, clauseId: `${DOC}#${section}`, section,
    text: `Nhiệm vụ ${section}`, lead, coordinators, evaluators: [], reportTo: [], canonical: {}, now: {}, deadline: { text: 'trước ngày 30/6/2024', date: '2024-06-30' }, targets: ['80%'],
  };
}

function doc(sha256: string, sections: string[], extra: Partial<PlanDocument> = {}): PlanDocument {
  return {
    id: DOC, path: `corpus/plans/${DOC}`, sha256,
    header: { issuer: 'UBND tỉnh Nam Định', number: '12/KH-UBND', date: '2024-02-01', province: 'Nam Định', year: 2024, title: 'Kế hoạch', implements: null, kind: 'nq02' },
    clauses: sections.map((s, i) => clause(s, i, `Nội dung ${s}`)),
    tasks: sections.map((s) => task(s, ['Sở Tài chính'], ['Ủy ban nhân dân các huyện, thành phố'])),
    ...extra,
  };
}

async function counts(store: PlanStore) {
  const n = async (t: string) => (await store.sql.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${t}`))!.n;
  return { documents: await n('documents'), clauses: await n('clauses'), tasks: await n('tasks'), agencies: await n('task_agencies') };
}

async function logStatus(store: PlanStore, taskId: string, status: string, at: string) {
  await store.sql.run('INSERT INTO status_updates (task_id, user_id, status, percent, note, created_at) VALUES (?, 7, ?, 40, ?, ?)', [taskId, status, `note ${at}`, at]);
}

for (const backend of storeBackends()) {
describe.skipIf(!backend.available)(`the plan store on ${backend.name}`, () => {
describe('PlanStore.saveDocument', () => {
  it('ingests a new document and reads it back', async () => {
    const store = new PlanStore(await backend.open(), { now: () => '2024-03-01T00:00:00.000Z' });
    expect(await store.saveDocument(doc('a', ['1', '2']))).toEqual({ status: 'ingested', orphanedTasks: [] });
    const [summary] = await store.listDocuments();
    expect(summary).toMatchObject({ id: DOC, province: 'Nam Định', year: 2024, clauseCount: 2, taskCount: 2, ingestedAt: '2024-03-01T00:00:00.000Z' });
    expect((await store.listClauses(DOC)).map((c) => c.section)).toEqual(['1', '2']);
    expect(await store.getClause(`${DOC}#2`)).toMatchObject({ text: 'Nội dung 2', breadcrumb: ['NHIỆM VỤ'], order: 1 });
    expect(await store.getClause(`${DOC}#2`)).not.toHaveProperty('columns');
    const t = await store.getTask('nd24-1');
    expect(t).toMatchObject({ id: 'ND24-1', lead: ['Sở Tài chính'], deadline: { date: '2024-06-30' }, targets: ['80%'], removedAt: null, status: null });
    expect(await store.stats()).toEqual({ documents: 1, clauses: 2, tasks: 2, removedTasks: 0 });
  });

  it('keeps appendix row columns', async () => {
    const store = new PlanStore(await backend.open());
    const row: Clause = { ...clause('Phụ lục.II.03', 0, 'Chỉ số PCI'), kind: 'row', columns: { 'Chỉ tiêu': 'PCI', 'Đơn vị': 'điểm' } };
    await store.saveDocument(doc('a', [], { clauses: [row] }));
    expect((await store.getClause(row.id))?.columns).toEqual({ 'Chỉ tiêu': 'PCI', 'Đơn vị': 'điểm' });
  });

  it('is idempotent by content hash', async () => {
    const store = new PlanStore(await backend.open());
    await store.saveDocument(doc('a', ['1', '2']));
    const before = counts(store);
    const ingestedAt = (await store.getDocument(DOC))?.ingestedAt;
    expect(await store.saveDocument(doc('a', ['1', '2', '3']))).toEqual({ status: 'unchanged', orphanedTasks: [] });
    expect(counts(store)).toEqual(before);
    expect((await store.getDocument(DOC))?.ingestedAt).toBe(ingestedAt);
    expect(await store.saveDocument(doc('a', ['1', '2', '3']), { force: true })).toEqual({ status: 'replaced', orphanedTasks: [] });
    expect((await store.stats()).clauses).toBe(3);
  });

  it('replaces a changed document: surviving tasks keep id and status, vanished ones are marked not deleted', async () => {
    let clock = '2024-03-01';
    const store = new PlanStore(await backend.open(), { now: () => clock });
    await store.saveDocument(doc('a', ['1', '2', '3']));
    await logStatus(store, 'ND24-1', 'dang_thuc_hien', '2024-03-02');
    await logStatus(store, 'ND24-1', 'hoan_thanh', '2024-03-03');
    await logStatus(store, 'ND24-3', 'vuong_mac', '2024-03-02');

    clock = '2024-04-01';
    const changed = doc('b', ['1', '2', '4']);
    changed.tasks[0]!.lead = ['Sở Kế hoạch và Đầu tư'];
    expect(await store.saveDocument(changed)).toEqual({ status: 'replaced', orphanedTasks: ['ND24-3'] });

    expect((await store.listClauses(DOC)).map((c) => c.section)).toEqual(['1', '2', '4']);
    const kept = await store.getTask('ND24-1');
    expect(kept).toMatchObject({ lead: ['Sở Kế hoạch và Đầu tư'], status: { status: 'hoan_thanh', at: '2024-03-03', userId: 7, percent: 40 } });
    expect((await store.listTasks()).map((t) => t.id)).toEqual(['ND24-1', 'ND24-2', 'ND24-4']);
    const gone = await store.getTask('ND24-3');
    expect(gone).toMatchObject({ removedAt: '2024-04-01', status: { status: 'vuong_mac' }, lead: ['Sở Tài chính'] });
    expect(await store.listTasks({ includeRemoved: true })).toHaveLength(4);
    expect(await store.stats()).toMatchObject({ tasks: 3, removedTasks: 1 });

    // The task comes back in a later version: removed_at cleared, history intact.
    expect(await store.saveDocument(doc('c', ['1', '3']))).toEqual({ status: 'replaced', orphanedTasks: ['ND24-2', 'ND24-4'] });
    expect(await store.getTask('ND24-3')).toMatchObject({ removedAt: null, status: { status: 'vuong_mac' } });
  });

  it('leaves the database as before when a write fails mid-document', async () => {
    const store = new PlanStore(await backend.open());
    await store.saveDocument(doc('a', ['1', '2']));
    const before = { counts: await counts(store), clauses: await store.listClauses(), tasks: await store.listTasks(), docs: await store.listDocuments() };
    // The second clause repeats the first one's id: the insert fails after the document row,
    // the old clauses' deletion and one new clause were already written.
    const broken = doc('b', ['1', '3']);
    broken.clauses[1] = { ...broken.clauses[1]!, id: broken.clauses[0]!.id };
    await expect(store.saveDocument(broken)).rejects.toThrow(StoreError);
    expect({ counts: await counts(store), clauses: await store.listClauses(), tasks: await store.listTasks(), docs: await store.listDocuments() }).toEqual(before);
  });

  it('names the cause of a failed save', async () => {
    const store = new PlanStore(await backend.open());
    const broken = doc('a', ['1', '2']);
    broken.clauses[1] = { ...broken.clauses[1]!, id: broken.clauses[0]!.id };
    const err = (await store.saveDocument(broken).then(() => null, (e: unknown) => e)) as StoreError;
    expect(err.name).toBe('StoreError');
    expect(String((err.cause as Error).message)).toMatch(/unique/i);
    expect((await store.stats()).documents).toBe(0);
  });

  it('refuses two tasks with the same key or the same code (case-insensitive)', async () => {
    const store = new PlanStore(await backend.open());
    const sameKey = doc('a', ['1']);
    sameKey.tasks.push({ ...sameKey.tasks[0]!, id: 'OTHER' });
    await expect(store.saveDocument(sameKey)).rejects.toThrow(/share the key/);
    const sameId = doc('a', ['1', '2']);
    sameId.tasks[1]!.id = sameId.tasks[0]!.id.toLowerCase();
    await expect(store.saveDocument(sameId)).rejects.toThrow(/share the id/);
    expect((await store.stats()).documents).toBe(0);
  });
});

describe('PlanStore.listTasks filters', () => {
  let store: PlanStore;
  beforeAll(async () => {
    store = new PlanStore(await backend.open({ shared: true }));
    const d = doc('a', ['1', '2', '3']);
    d.tasks[0]!.lead = ['Sở Tài chính'];
    d.tasks[1]!.lead = ['Cục Thuế tỉnh'];
    d.tasks[1]!.coordinators = [];
    d.tasks[2]!.lead = ['Văn phòng UBND tỉnh'];
    d.tasks[2]!.coordinators = [];
    await store.saveDocument(d);
  });

  it('matches agencies without diacritics, on lead or coordinator, as a substring', async () => {
    expect((await store.listTasks({ agency: 'so tai chinh' })).map((t) => t.section)).toEqual(['1']);
    expect((await store.listTasks({ agency: 'CỤC THUẾ' })).map((t) => t.section)).toEqual(['2']);
    expect((await store.listTasks({ agency: 'Uỷ ban nhân dân các huyện' })).map((t) => t.section)).toEqual(['1']);
    expect((await store.listTasks({ agency: 'VP Ủy ban nhân dân' })).map((t) => t.section)).toEqual(['3']);
    expect((await store.listTasks({ agency: 'UBND huyện' })).map((t) => t.section)).toEqual(['1']);
    expect(await store.listTasks({ agency: 'Sở Y tế' })).toEqual([]);
  });

  it('finds an agency by the abbreviations of the alias table', async () => {
    expect((await store.listTasks({ agency: 'Sở TC' })).map((t) => t.section)).toEqual(['1']);
    expect((await store.listTasks({ agency: 'VP UBND tỉnh' })).map((t) => t.section)).toEqual(['3']);
  });

  it('filters by document', async () => {
    expect(await store.listTasks({ docId: DOC })).toHaveLength(3);
    expect(await store.listTasks({ docId: 'other.txt' })).toEqual([]);
  });

  it('returns null for unknown ids', async () => {
    expect(await store.getTask('nope')).toBeNull();
    expect(await store.getClause('nope')).toBeNull();
    expect(await store.getDocument('nope')).toBeNull();
  });
});

});
}

describe('agencyMatches', () => {
  it('accepts a substring or the query words in order, nothing looser', async () => {
    const a = foldAgency('UBND các huyện, thành phố');
    expect(agencyMatches(a, foldAgency('huyện, thành'))).toBe(true);
    expect(agencyMatches(a, foldAgency('UBND thành phố'))).toBe(true);
    expect(agencyMatches(a, foldAgency('thành phố UBND'))).toBe(false);
    expect(agencyMatches(a, foldAgency('UBND tỉnh'))).toBe(false);
  });
});

describe('foldAgency', () => {
  it('folds diacritics, đ and abbreviations', async () => {
    expect(foldAgency('Sở Nội vụ, Đài PT-TH')).toBe('so noi vu dai pt th');
    expect(foldAgency('UBND huyện')).toBe(foldAgency('Ủy ban nhân dân huyện'));
    expect(foldAgency('Uỷ ban')).toBe(foldAgency('Ủy ban'));
  });
});
