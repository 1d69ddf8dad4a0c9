import { beforeAll, describe, expect, it } from 'vitest';
import type { PlanDocument, Task } from '../types.ts';
import { lookupAgency, syncAgencyDirectory } from './agencies.ts';
import { storeBackends, type Backend } from './backends.ts';
import { PlanStore } from './documents.ts';
import type { Sql } from './sql.ts';

function task(docId: string, n: number, lead: string[], coordinators: string[]): Task {
  const key = `${docId}#${n}`;
  return { id: `${docId.slice(0, 2).toUpperCase()}-${n}`, key, docId, clauseId: key, section: `${n}`, text: `Nhiệm vụ ${n}`, lead, coordinators, evaluators: [], reportTo: [], canonical: {}, now: {}, deadline: null, targets: [] };
}

function planDoc(id: string, province: string | null, tasks: [string[], string[]][], sha256 = 'v1'): PlanDocument {
  return {
    id, path: `plans/${id}`, sha256,
    header: { issuer: null, number: null, date: null, province, year: 2025, title: null, implements: null, kind: null },
    clauses: tasks.map((_, i) => ({
      id: `${id}#${i + 1}`, docId: id, section: `${i + 1}`, kind: 'item' as const, label: `${i + 1}.`, breadcrumb: [], text: `Nhiệm vụ ${i + 1}`,
      parentId: null, order: i, depth: 1,
    })),
    tasks: tasks.map(([lead, coordinators], i) => task(id, i + 1, lead, coordinators)),
  };
}

const BAC_NINH = planDoc('bn.txt', 'Bắc Ninh', [
  [['Sở Kế hoạch và Đầu tư'], ['Ngân hàng Nhà nước chi nhánh tỉnh Bắc Ninh']],
  [['Tổ công tác cải cách thủ tục hành chính'], ['Sở Tư pháp']],
]);
const NATIONAL = planDoc('qg.txt', null, [[['Bộ Nông nghiệp và Môi trường'], ['UBND các tỉnh, thành phố trực thuộc trung ương']]]);

async function snapshot(db: Sql) {
  return {
    agencies: await db.all('SELECT id, name, province FROM agencies ORDER BY id'),
    aliases: await db.all('SELECT alias, province, agency_id FROM agency_aliases ORDER BY alias, province'),
  };
}

async function ingestBoth(backend: Backend, opts?: { shared?: boolean }): Promise<PlanStore> {
  const store = new PlanStore(await backend.open(opts));
  await store.saveDocument(BAC_NINH);
  await store.saveDocument(NATIONAL);
  return store;
}

for (const backend of storeBackends()) {
describe.skipIf(!backend.available)(`the agency directory on ${backend.name}`, () => {
describe('agency directory', () => {
  it('holds the alias table, province-scoped bodies and the agencies tasks name after ingest', async () => {
    const db = (await ingestBoth(backend)).sql;
    const rows = await db.all<{ name: string; province: string }>('SELECT name, province FROM agencies');
    const has = (name: string, province: string) => rows.some((r) => r.name === name && r.province === province);
    expect(has('Sở Kế hoạch và Đầu tư', '')).toBe(true);
    expect(has('Văn phòng Ủy ban nhân dân tỉnh', '')).toBe(true);
    expect(has('Ngân hàng Nhà nước chi nhánh tỉnh Bắc Ninh', 'Bắc Ninh')).toBe(true);
    expect(has('Tổ công tác cải cách thủ tục hành chính', 'Bắc Ninh')).toBe(true);
    expect(has('Bộ Nông nghiệp và Môi trường', '')).toBe(true);
    // A name the alias table knows is not duplicated per province.
    expect(rows.filter((r) => r.name === 'Sở Kế hoạch và Đầu tư')).toHaveLength(1);
    const alias = async (a: string, province: string) => (await db.get<{ name: string }>(
      'SELECT a.name FROM agency_aliases al JOIN agencies a ON a.id = al.agency_id WHERE al.alias = ? AND al.province = ?', [a, province]))?.name;
    expect(await alias('so khdt', '')).toBe('Sở Kế hoạch và Đầu tư');
    expect(await alias('nhnn chi nhanh tinh bac ninh', 'Bắc Ninh')).toBe('Ngân hàng Nhà nước chi nhánh tỉnh Bắc Ninh');
    expect(await alias('cuc thue tinh bac ninh', 'Bắc Ninh')).toBe('Cục Thuế tỉnh');
  });

  it('changes no row when the same documents are ingested or synced again', async () => {
    const store = await ingestBoth(backend);
    const before = await snapshot(store.sql);
    expect(before.agencies.length).toBeGreaterThan(30);
    await store.saveDocument(BAC_NINH, { force: true });
    await store.saveDocument(NATIONAL, { force: true });
    const again = await syncAgencyDirectory(store.sql, [{ province: 'Bắc Ninh', agencies: ['Sở KH&ĐT', 'Tổ công tác cải cách thủ tục hành chính'] }]);
    expect(again).toEqual({ agenciesAdded: 0, aliasesAdded: 0 });
    expect(await snapshot(store.sql)).toEqual(before);
  });

  it('adds the agencies of a changed document', async () => {
    const store = await ingestBoth(backend);
    await store.saveDocument(planDoc('bn.txt', 'Bắc Ninh', [[['Ban Chỉ đạo chuyển đổi số tỉnh'], []]], 'v2'));
    expect(await lookupAgency(store.sql, 'Ban Chỉ đạo chuyển đổi số tỉnh', 'Bắc Ninh')).toBe('Ban Chỉ đạo chuyển đổi số tỉnh');
  });
});

describe('lookupAgency', () => {
  let db: Sql;
  beforeAll(async () => {
    db = (await ingestBoth(backend, { shared: true })).sql;
  });

  it('resolves abbreviations and spellings to the canonical name', async () => {
    expect(await lookupAgency(db, 'SKHĐT', null)).toBe('Sở Kế hoạch và Đầu tư');
    expect(await lookupAgency(db, 'so ke hoach dau tu', null)).toBe('Sở Kế hoạch và Đầu tư');
    expect(await lookupAgency(db, 'VP UBND tỉnh', 'Bắc Ninh')).toBe('Văn phòng Ủy ban nhân dân tỉnh');
  });

  it('prefers the province\'s own body and finds names only tasks gave', async () => {
    expect(await lookupAgency(db, 'NHNN chi nhánh tỉnh', 'Bắc Ninh')).toBe('Ngân hàng Nhà nước chi nhánh tỉnh Bắc Ninh');
    expect(await lookupAgency(db, 'NHNN chi nhánh tỉnh', null)).toBe('Ngân hàng Nhà nước chi nhánh tỉnh');
    expect(await lookupAgency(db, 'to cong tac cai cach thu tuc hanh chinh', 'Bắc Ninh')).toBe('Tổ công tác cải cách thủ tục hành chính');
    expect(await lookupAgency(db, 'Tổ công tác cải cách thủ tục hành chính', 'Lai Châu')).toBeNull();
  });

  it('returns null for unknown or empty text', async () => {
    expect(await lookupAgency(db, 'Sở Du hành vũ trụ', null)).toBeNull();
    expect(await lookupAgency(db, '  ', null)).toBeNull();
  });
});
});
}
