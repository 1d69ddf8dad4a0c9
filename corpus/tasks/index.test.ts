import { describe, expect, it } from 'vitest';
import type { Clause, ParsedDocument } from '../types.ts';
import { extractTasks } from './index.ts';

const DOC = 'test-plan.txt';
let order = 0;

function clause(section: string, kind: Clause['kind'], text: string, parent: string | null, extra: Partial<Clause> = {}): Clause {
  const id = `${DOC}#${section}`;
  // Unnumbered children share their numbered ancestor's section: "II.1.a~1" has section "II.1.a".
  return { id, docId: DOC, section: section.replace(/~\d+$/, ''), kind, label: null, breadcrumb: [], text, parentId: parent ? `${DOC}#${parent}` : null, order: order++, depth: 0, ...extra };
}

function doc(clauses: Clause[]): ParsedDocument {
  return {
    id: DOC,
    header: { issuer: null, number: null, date: null, province: 'Bắc Giang', year: 2024, title: null, implements: null, kind: 'nq02' },
    clauses,
  };
}

const plan = doc([
  clause('I', 'part', 'MỤC ĐÍCH, YÊU CẦU', null),
  clause('I.1', 'item', 'Sở Kế hoạch và Đầu tư chủ trì theo dõi mục tiêu chung.', 'I', { breadcrumb: ['MỤC ĐÍCH, YÊU CẦU'] }),
  clause('II', 'part', 'NHIỆM VỤ VÀ GIẢI PHÁP', null),
  clause('II.1', 'item', 'Tháo gỡ bất cập pháp lý', 'II'),
  clause('II.1.a', 'point', 'Các sở: KH&ĐT, Xây dựng và Ban Quản lý các Khu công nghiệp tỉnh', 'II.1'),
  clause('II.1.a~1', 'bullet', 'Nắm bắt kịp thời bất cập, hoàn thành trong tháng 03/2024.', 'II.1.a'),
  clause('II.1.b', 'point', 'NHNN chi nhánh tỉnh: Chủ trì, phối hợp với Sở Tài chính, Cục Thuế tỉnh bảo đảm tối thiểu 80% hồ sơ.', 'II.1'),
  clause('II.1.b~1', 'bullet', 'Chủ trì, phối hợp với Bộ Tài chính hướng dẫn.', 'II.1.b'),
  clause('II.1.b~2', 'bullet', 'Thường xuyên rà soát.', 'II.1.b'),
  clause('II.1.c', 'point', 'Tăng cường trách nhiệm của cơ quan chủ trì.', 'II.1'),
  clause('Phụ lục', 'appendix', 'Phụ lục CHỈ TIÊU', null),
  clause('Phụ lục.2', 'row', '2 Tỷ lệ thanh toán trực tuyến Sở, ban, ngành thuộc tỉnh; UBND huyện, thành phố VP UBND tỉnh', 'Phụ lục', {
    columns: { STT: '2', 'Chỉ tiêu': 'Tỷ lệ thanh toán trực tuyến', 'Cơ quan chủ trì thực hiện': 'Sở, ban, ngành thuộc tỉnh; UBND huyện, thành phố', 'Cơ quan chủ trì đánh giá': 'VP UBND tỉnh' },
  }),
  clause('Phụ lục.2.1', 'row', '2.1 Đối với cấp tỉnh % Tối thiểu 60', 'Phụ lục.2', {
    columns: { STT: '2.1', 'Chỉ tiêu': 'Đối với cấp tỉnh', 'Đơn vị': '%', 'Chỉ tiêu năm 2024': 'Tối thiểu 60' },
  }),
  clause('Phụ lục.8.5', 'row', '8.5 Tỷ lệ bệnh viện thanh toán viện phí % Tối thiểu 50 Sở Y tế phối hợp với bảo hiểm xã hội tỉnh', 'Phụ lục', {
    columns: { STT: '8.5', 'Đơn vị': '%', 'Chỉ tiêu năm 2024': 'Tối thiểu 50', 'Cơ quan chủ trì thực hiện': 'Sở Y tế phối hợp với bảo hiểm xã hội tỉnh' },
  }),
  clause('back', 'back', 'Nơi nhận: - Sở Tư pháp chủ trì', null),
]);

describe('extractTasks', () => {
  const tasks = extractTasks(plan);
  const at = (section: string) => tasks.find((t) => t.section === section);

  it('emits tasks in document order with unique codes and verbatim text', () => {
    expect(tasks.map((t) => t.section)).toEqual(['II.1.a', 'II.1.b', 'II.1.b', 'II.1.b', 'Phụ lục.2', 'Phụ lục.2.1', 'Phụ lục.8.5']);
    expect(new Set(tasks.map((t) => t.id)).size).toBe(tasks.length);
    for (const t of tasks) {
      expect(t.id).toMatch(/^BG24-[0-9A-Z]{4,}$/);
      expect(plan.clauses.find((c) => c.id === t.clauseId)?.text).toBe(t.text);
      expect(t.key).toBe(t.clauseId);
    }
  });

  it('skips goal sections, bare headings, generic leads and the signature block', () => {
    expect(at('I.1')).toBeUndefined();
    expect(tasks.find((t) => t.clauseId.endsWith('#II.1.a'))).toBeUndefined();
    expect(at('II.1.c')).toBeUndefined();
    expect(at('back')).toBeUndefined();
  });

  it('lets bullets inherit the expanded lead list of their heading', () => {
    const bullet = tasks.find((t) => t.clauseId.endsWith('#II.1.a~1'));
    expect(bullet?.lead).toEqual(['Sở Kế hoạch và Đầu tư', 'Sở Xây dựng', 'Ban Quản lý các Khu công nghiệp tỉnh']);
    expect(bullet?.deadline).toEqual({ text: 'hoàn thành trong tháng 03/2024', date: '2024-03-31' });
  });

  it('keeps names as written, their canonical forms (scoped by the plan province) apart', () => {
    const b = tasks.find((t) => t.clauseId.endsWith('#II.1.b'));
    expect(b?.lead).toEqual(['NHNN chi nhánh tỉnh']);
    expect(b?.canonical).toEqual({ 'NHNN chi nhánh tỉnh': 'Ngân hàng Nhà nước chi nhánh tỉnh Bắc Giang' });
    expect(b?.coordinators).toEqual(['Sở Tài chính', 'Cục Thuế tỉnh']);
    expect(b?.targets).toEqual(['tối thiểu 80%']);
  });

  it('uses a bullet\'s own coordinators, else the heading\'s', () => {
    expect(tasks.find((t) => t.clauseId.endsWith('~1') && t.section === 'II.1.b')?.coordinators).toEqual(['Bộ Tài chính']);
    expect(tasks.find((t) => t.clauseId.endsWith('~2'))?.coordinators).toEqual(['Sở Tài chính', 'Cục Thuế tỉnh']);
  });

  it('reads rows: lead column, inherited lead for sub-rows, unit + target, coordination inside the lead cell', () => {
    expect(at('Phụ lục.2')?.lead).toEqual(['Sở, ban, ngành thuộc tỉnh', 'UBND huyện, thành phố']);
    expect(at('Phụ lục.2')?.canonical).toMatchObject({ 'Sở, ban, ngành thuộc tỉnh': 'Các sở, ban, ngành' });
    expect(at('Phụ lục.2.1')?.lead).toEqual(['Sở, ban, ngành thuộc tỉnh', 'UBND huyện, thành phố']);
    expect(at('Phụ lục.2.1')?.targets).toEqual(['Tối thiểu 60%']);
    expect(at('Phụ lục.8.5')?.lead).toEqual(['Sở Y tế']);
    expect(at('Phụ lục.8.5')?.coordinators).toEqual(['bảo hiểm xã hội tỉnh']);
  });

  it('reads an assessing column as evaluators, not as leads', () => {
    expect(at('Phụ lục.2')?.evaluators).toEqual(['VP UBND tỉnh']);
    expect(at('Phụ lục.2')?.lead).not.toContain('VP UBND tỉnh');
  });
});

describe('extractTasks with the agency on its own line under a bare number', () => {
  it('lets the siblings after a heading paragraph inherit its lead', () => {
    const d = doc([
      clause('IV', 'part', 'TỔ CHỨC THỰC HIỆN', null),
      clause('IV.1', 'item', '', 'IV'),
      clause('IV.1~1', 'paragraph', 'Sở Nông nghiệp và Môi trường', 'IV.1'),
      clause('IV.1~2', 'bullet', 'Chủ trì, theo dõi, kiểm tra việc thực hiện Kế hoạch này.', 'IV.1'),
    ]);
    const tasks = extractTasks(d);
    expect(tasks.map((t) => [t.clauseId.split('#')[1], t.lead])).toEqual([['IV.1~2', ['Sở Nông nghiệp và Môi trường']]]);
  });
});
