import { describe, expect, it } from 'vitest';
import type { PlanDocument, Task } from '../types.ts';
import { lookupAgency, syncAgencyDirectory } from './agencies.ts';
import { openDatabase, type DB } from './db.ts';
import { PlanStore } from './documents.ts';

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

function snapshot(db: DB) {
  return {
    agencies: db.prepare('SELECT id, name, province FROM agencies ORDER BY id').all(),
    aliases: db.prepare('SELECT alias, province, agency_id FROM agency_aliases ORDER BY alias, province').all(),
  };
}

function ingestBoth(): PlanStore {
  const store = new PlanStore(openDatabase(':memory:'));
  store.saveDocument(BAC_NINH);
  store.saveDocument(NATIONAL);
  return store;
}

describe('agency directory', () => {
  it('holds the alias table, province-scoped bodies and the agencies tasks name after ingest', () => {
    const { db } = ingestBoth();
    const rows = db.prepare('SELECT name, province FROM agencies').all() as { name: string; province: string }[];
    const has = (name: string, province: string) => rows.some((r) => r.name === name && r.province === province);
    expect(has('Sở Kế hoạch và Đầu tư', '')).toBe(true);
    expect(has('Văn phòng Ủy ban nhân dân tỉnh', '')).toBe(true);
    expect(has('Ngân hàng Nhà nước chi nhánh tỉnh Bắc Ninh', 'Bắc Ninh')).toBe(true);
    expect(has('Tổ công tác cải cách thủ tục hành chính', 'Bắc Ninh')).toBe(true);
    expect(has('Bộ Nông nghiệp và Môi trường', '')).toBe(true);
    // A name the alias table knows is not duplicated per province.
    expect(rows.filter((r) => r.name === 'Sở Kế hoạch và Đầu tư')).toHaveLength(1);
    const alias = db
      .prepare('SELECT a.name FROM agency_aliases al JOIN agencies a ON a.id = al.agency_id WHERE al.alias = ? AND al.province = ?')
      .pluck();
    expect(alias.get('so khdt', '')).toBe('Sở Kế hoạch và Đầu tư');
    expect(alias.get('nhnn chi nhanh tinh bac ninh', 'Bắc Ninh')).toBe('Ngân hàng Nhà nước chi nhánh tỉnh Bắc Ninh');
    expect(alias.get('cuc thue tinh bac ninh', 'Bắc Ninh')).toBe('Cục Thuế tỉnh');
  });

  it('changes no row when the same documents are ingested or synced again', () => {
    const store = ingestBoth();
    const before = snapshot(store.db);
    expect(before.agencies.length).toBeGreaterThan(30);
    store.saveDocument(BAC_NINH, { force: true });
    store.saveDocument(NATIONAL, { force: true });
    const again = syncAgencyDirectory(store.db, [{ province: 'Bắc Ninh', agencies: ['Sở KH&ĐT', 'Tổ công tác cải cách thủ tục hành chính'] }]);
    expect(again).toEqual({ agenciesAdded: 0, aliasesAdded: 0 });
    expect(snapshot(store.db)).toEqual(before);
  });

  it('adds the agencies of a changed document', () => {
    const store = ingestBoth();
    store.saveDocument(planDoc('bn.txt', 'Bắc Ninh', [[['Ban Chỉ đạo chuyển đổi số tỉnh'], []]], 'v2'));
    expect(lookupAgency(store.db, 'Ban Chỉ đạo chuyển đổi số tỉnh', 'Bắc Ninh')).toBe('Ban Chỉ đạo chuyển đổi số tỉnh');
  });
});

describe('lookupAgency', () => {
  const { db } = ingestBoth();

  it('resolves abbreviations and spellings to the canonical name', () => {
    expect(lookupAgency(db, 'SKHĐT', null)).toBe('Sở Kế hoạch và Đầu tư');
    expect(lookupAgency(db, 'so ke hoach dau tu', null)).toBe('Sở Kế hoạch và Đầu tư');
    expect(lookupAgency(db, 'VP UBND tỉnh', 'Bắc Ninh')).toBe('Văn phòng Ủy ban nhân dân tỉnh');
  });

  it('prefers the province\'s own body and finds names only tasks gave', () => {
    expect(lookupAgency(db, 'NHNN chi nhánh tỉnh', 'Bắc Ninh')).toBe('Ngân hàng Nhà nước chi nhánh tỉnh Bắc Ninh');
    expect(lookupAgency(db, 'NHNN chi nhánh tỉnh', null)).toBe('Ngân hàng Nhà nước chi nhánh tỉnh');
    expect(lookupAgency(db, 'to cong tac cai cach thu tuc hanh chinh', 'Bắc Ninh')).toBe('Tổ công tác cải cách thủ tục hành chính');
    expect(lookupAgency(db, 'Tổ công tác cải cách thủ tục hành chính', 'Lai Châu')).toBeNull();
  });

  it('returns null for unknown or empty text', () => {
    expect(lookupAgency(db, 'Sở Du hành vũ trụ', null)).toBeNull();
    expect(lookupAgency(db, '  ', null)).toBeNull();
  });
});
