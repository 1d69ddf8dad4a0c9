import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../parse/index.ts';
import type { Task } from '../types.ts';
import { extractTasks } from './index.ts';

/**
 * Spot checks of leads, coordinators, deadlines and targets on the five sample plans, read
 * off the source text by eye (several mirror the dev questions' `agencies`).
 */

const PLANS = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'plans');
const cache = new Map<string, Task[]>();

function tasksOf(file: string): Task[] {
  let tasks = cache.get(file);
  if (!tasks) {
    tasks = extractTasks(parseDocument(file, fs.readFileSync(path.join(PLANS, file), 'utf8')));
    cache.set(file, tasks);
  }
  return tasks;
}

/** All tasks of a section (a point and its bullets share the section). */
function at(file: string, section: string): Task[] {
  const found = tasksOf(file).filter((t) => t.section === section);
  expect(found.length, `${file} ${section} has tasks`).toBeGreaterThan(0);
  return found;
}

/** Names as written and their canonical forms: the checks name agencies as the alias table does. */
const withCanonical = (t: Task, names: string[]) => names.flatMap((n) => [n, t.canonical[n] ?? n]);
const leadsAt = (file: string, section: string) => new Set(at(file, section).flatMap((t) => withCanonical(t, t.lead)));
const coordinatorsAt = (file: string, section: string) => new Set(at(file, section).flatMap((t) => withCanonical(t, t.coordinators)));

type Check = [file: string, section: string, role: 'lead' | 'coordinators', agencies: string[]];

const ND24 = 'nam-dinh-2024-nq02.txt';
const BG24 = 'bac-giang-2024-nq02.txt';
const LS21 = 'lang-son-2021-nq02.txt';
const ND22 = 'nam-dinh-2022-cchc.txt';
const NT24 = 'ninh-thuan-2024-cctthc.txt';

const CHECKS: Check[] = [
  [ND24, 'IV.2.5.e', 'lead', ['Cục Thuế tỉnh']],
  [ND24, 'IV.2.5.e', 'coordinators', ['UBND các huyện, thành phố Nam Định']],
  [ND24, 'IV.2.1.b', 'lead', ['Tổ công tác đặc biệt của Chủ tịch UBND tỉnh', 'Tổ công tác 874']],
  [ND24, 'IV.2.1.c', 'lead', ['Sở Kế hoạch và Đầu tư', 'Ban Quản lý các Khu công nghiệp tỉnh']],
  [ND24, 'IV.2.1.d', 'lead', ['Sở Tài nguyên và Môi trường']],
  [ND24, 'IV.2.1.f', 'lead', ['Sở Giao thông vận tải']],
  [ND24, 'IV.2.1.g', 'lead', ['Công an tỉnh']],
  [ND24, 'IV.2.1.g', 'coordinators', ['Sở Xây dựng', 'UBND các huyện, thành phố Nam Định']],
  [ND24, 'IV.2.2.e', 'coordinators', ['Công an tỉnh']],
  [ND24, 'IV.2.4.a', 'lead', ['Sở Thông tin và Truyền thông']],
  [ND24, 'IV.2.5.a', 'lead', ['Ngân hàng Nhà nước chi nhánh tỉnh Nam Định']],
  [ND24, 'IV.2.6.a', 'coordinators', ['Bộ Khoa học và Công nghệ']],
  [ND24, 'V.2', 'lead', ['Sở Kế hoạch và Đầu tư']],
  [ND24, 'V.2', 'coordinators', ['Văn phòng Ủy ban nhân dân tỉnh', 'Sở Nội vụ']],
  [ND24, 'Phụ lục.I.01', 'lead', ['Các sở, ban, ngành', 'UBND các huyện, thành phố']],
  [ND24, 'Phụ lục.II.08', 'coordinators', ['Bảo hiểm xã hội tỉnh']],
  [BG24, 'II.5.b', 'lead', ['Cục Thuế tỉnh']],
  [BG24, 'II.1.a', 'lead', ['Sở Kế hoạch và Đầu tư', 'Sở Tài nguyên và Môi trường', 'Sở Xây dựng', 'Ban Quản lý các Khu công nghiệp tỉnh']],
  [BG24, 'II.3.a', 'lead', ['Sở Công Thương', 'Công an tỉnh', 'Sở Lao động - Thương binh và Xã hội', 'Sở Văn hóa, Thể thao và Du lịch']],
  [BG24, 'II.4.c', 'coordinators', ['Sở Tài nguyên và Môi trường', 'Cục Thuế tỉnh', 'Ban Quản lý các Khu công nghiệp tỉnh']],
  [BG24, 'II.4.d', 'lead', ['Sở Thông tin và Truyền thông']],
  [BG24, 'II.4.đ', 'lead', ['Ngân hàng Nhà nước chi nhánh tỉnh Bắc Giang']],
  [BG24, 'II.7.c', 'lead', ['Sở Tài nguyên và Môi trường', 'UBND cấp huyện']],
  [BG24, 'II.7.d', 'lead', ['Sở Tư pháp']],
  [BG24, 'Phụ lục.II.2', 'lead', ['Sở Thông tin và Truyền thông']],
  [LS21, 'II.1.a', 'lead', ['Sở Công Thương', 'Cục Thuế tỉnh', 'Ngân hàng Nhà nước chi nhánh tỉnh Lạng Sơn', 'Tòa án nhân dân tỉnh']],
  [LS21, 'II.2.d', 'lead', ['Sở Tài nguyên và Môi trường']],
  [LS21, 'II.2.d', 'coordinators', ['Sở Xây dựng']],
  [LS21, 'II.2.đ', 'lead', ['Sở Tư pháp', 'UBND các huyện, thành phố']],
  [LS21, 'II.4.e', 'lead', ['Thanh tra tỉnh']],
  [LS21, 'II.5.l', 'lead', ['Văn phòng Ủy ban nhân dân tỉnh']],
  [LS21, 'II.6.a', 'lead', ['Sở Khoa học và Công nghệ']],
  [LS21, 'III.1', 'lead', ['Sở Kế hoạch và Đầu tư']],
  [ND22, 'II.4.8', 'lead', ['Sở Thông tin và Truyền thông']],
  [ND22, 'III.1.1', 'lead', ['Thủ trưởng các sở, ban, ngành', 'Chủ tịch UBND các huyện, thành phố']],
  [ND22, 'III.1.3', 'lead', ['Văn phòng Ủy ban nhân dân tỉnh']],
  [ND22, 'III.1.3', 'coordinators', ['Sở Thông tin và Truyền thông', 'Bưu điện tỉnh']],
  [ND22, 'III.1.4', 'lead', ['Sở Thông tin và Truyền thông']],
  [NT24, 'Điều 3', 'lead', ['Văn phòng Ủy ban nhân dân tỉnh']],
  [NT24, 'IV.1.c', 'lead', ['Văn phòng Ủy ban nhân dân tỉnh']],
  [NT24, 'IV.1.c', 'coordinators', ['Sở Nội vụ', 'Sở Thông tin và Truyền thông']],
  [NT24, 'IV.2', 'lead', ['Sở Tài chính']],
  [NT24, 'IV.5', 'lead', ['Sở Tư pháp']],
  [NT24, 'IV.7', 'coordinators', ['Văn phòng Ủy ban nhân dân tỉnh', 'Sở Thông tin và Truyền thông']],
  [NT24, 'Phụ lục.7.1', 'lead', ['Sở Kế hoạch và Đầu tư']],
  [NT24, 'Phụ lục.8.5', 'lead', ['Sở Y tế']],
  [NT24, 'Phụ lục.8.5', 'coordinators', ['Bảo hiểm xã hội tỉnh']],
  [NT24, 'Phụ lục.2.1', 'lead', ['Các sở, ban, ngành', 'UBND các huyện, thành phố']],
];

describe('golden leads and coordinators on the sample plans', () => {
  it.each(CHECKS)('%s %s %s', (file, section, role, agencies) => {
    const found = role === 'lead' ? leadsAt(file, section) : coordinatorsAt(file, section);
    for (const agency of agencies) expect([...found], agency).toContain(agency);
  });
});

describe('agencies as written, their roles and successors, on real sample rows', () => {
  const one = (file: string, section: string) => at(file, section)[0]!;

  it('keeps the plan\'s own spelling of a name, the alias table\'s form apart', () => {
    const t = at(LS21, 'II.1.a').find((x) => x.lead.includes('Tòa án tỉnh'));
    expect(t, 'Lạng Sơn II.1.a names "Tòa án tỉnh"').toBeDefined();
    expect(t!.canonical['Tòa án tỉnh']).toBe('Tòa án nhân dân tỉnh');
  });

  it('reads the appendix column of the assessing agency as evaluators', () => {
    expect(one(ND24, 'Phụ lục.I.01').evaluators).toEqual(['VP UBND tỉnh']);
    expect(one(ND24, 'Phụ lục.I.01').lead).not.toContain('VP UBND tỉnh');
    expect(one(NT24, 'Phụ lục.2').evaluators).toEqual(['Văn phòng UBND tỉnh']);
  });

  it('reads who reports go to', () => {
    expect(one(NT24, 'IV.6.f').reportTo).toEqual(['Văn phòng ủy ban tỉnh']);
    expect(at(ND22, 'III.1.1').find((t) => t.reportTo.length > 0)?.reportTo).toEqual(['Ủy ban nhân dân tỉnh', 'Sở Nội vụ']);
  });

  it('maps names a pre-2025 plan uses to today\'s successors, quotes untouched', () => {
    const t = one(ND24, 'IV.2.1.c');
    expect(t.now).toMatchObject({ 'Sở Kế hoạch và Đầu tư': 'Sở Tài chính' });
    expect(t.text).toContain('Sở Kế hoạch và Đầu tư');
    expect(at(ND22, 'II.4.8').find((x) => x.lead.includes('Sở Thông tin và Truyền thông'))?.now).toMatchObject({ 'Sở Thông tin và Truyền thông': 'Sở Khoa học và Công nghệ' });
    expect(at(ND22, 'III.1.1').find((x) => x.lead.includes('Chủ tịch UBND các huyện, thành phố'))?.now).toMatchObject({ 'Chủ tịch UBND các huyện, thành phố': 'Chủ tịch UBND cấp xã' });
  });
});

describe('golden details', () => {
  it('no generic or requirement-section leads', () => {
    for (const file of [ND24, BG24, LS21, ND22, NT24]) {
      for (const t of tasksOf(file)) {
        expect(t.lead.length, t.section).toBeGreaterThan(0);
        for (const name of [...t.lead, ...t.coordinators]) expect(name, `${file} ${t.section}`).not.toMatch(/^(các )?(cơ quan|đơn vị)(,? (cơ quan|đơn vị|có liên quan|liên quan|chủ trì))*$/iu);
      }
      expect(tasksOf(file).filter((t) => /^I\./.test(t.section) && file !== NT24 && file !== LS21)).toEqual([]);
    }
    expect(tasksOf(ND24).some((t) => t.section.startsWith('III.'))).toBe(false);
  });

  it('deadlines and targets', () => {
    expect(at(BG24, 'II.4.c')[0]?.deadline).toEqual({ text: 'hoàn thành trong tháng 03/2024', date: '2024-03-31' });
    expect(at(NT24, 'IV.4.c')[0]?.deadline?.date).toBe('2024-03-31');
    expect(at(LS21, 'II.4.e')[0]?.deadline).toEqual({ text: 'trước ngày 10 tháng 12 năm 2021', date: '2021-12-10' });
    expect(at(ND24, 'IV.2.1.h')[0]?.targets).toContain('ít nhất 02 cuộc');
  });

  it('appendix row targets: unit + target cell', () => {
    expect(at(ND24, 'Phụ lục.II.03')[0]?.targets).toEqual(['Tối thiểu 50%']);
    expect(at(BG24, 'Phụ lục.II.2')[0]?.targets).toEqual(['Trên 60%']);
  });

  it('task codes are unique and keyed by clause', () => {
    for (const file of [ND24, BG24, LS21, ND22, NT24]) {
      const tasks = tasksOf(file);
      expect(new Set(tasks.map((t) => t.id)).size).toBe(tasks.length);
      expect(new Set(tasks.map((t) => t.key)).size).toBe(tasks.length);
    }
    expect(tasksOf(ND24)[0]?.id).toMatch(/^ND24-/);
    expect(tasksOf(NT24)[0]?.id).toMatch(/^NT24-/);
  });
});
