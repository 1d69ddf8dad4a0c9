import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Clause } from '../types.ts';
import { appendixHasTable, parseAppendix } from './appendix.ts';

const ctx = { docId: 'doc', startOrder: 0, parentId: null };
const rows = (cs: Clause[]): Clause[] => cs.filter((c) => c.kind === 'row');

describe('parseAppendix layouts', () => {
  it('markdown `| a | b |` rows with letter and Roman groups and empty cells', () => {
    const clauses = parseAppendix(
      [
        '**PHỤ LỤC II**',
        'DANH MỤC NHIỆM VỤ',
        '*(Kèm theo Kế hoạch số 12/KH-UBND)*',
        '| STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |',
        '|---|---|---|---|---|',
        '| A | **NHÓM THỂ CHẾ** | | | |',
        '| I | Hoàn thiện quy định | | | |',
        '| 1 | Rà soát văn bản quy phạm | Sở Tư pháp | Các sở, ngành | Quý IV/2025 |',
        '| 2 | Ban hành quy chế | Văn phòng UBND tỉnh | | Năm 2026 |',
      ],
      ctx,
    );
    expect(clauses.map((c) => [c.kind, c.section])).toEqual([
      ['appendix', 'Phụ lục II'],
      ['appendix', 'Phụ lục II.A'],
      ['appendix', 'Phụ lục II.A.I'],
      ['row', 'Phụ lục II.A.I.1'],
      ['row', 'Phụ lục II.A.I.2'],
    ]);
    expect(clauses[1]?.text).toBe('NHÓM THỂ CHẾ');
    expect(clauses[3]?.columns).toEqual({
      STT: '1',
      'Nhiệm vụ': 'Rà soát văn bản quy phạm',
      'Cơ quan chủ trì': 'Sở Tư pháp',
      'Cơ quan phối hợp': 'Các sở, ngành',
      'Thời gian hoàn thành': 'Quý IV/2025',
    });
    expect(clauses[4]?.text).toBe('Ban hành quy chế Văn phòng UBND tỉnh Năm 2026');
    expect(clauses[4]?.breadcrumb).toEqual(['Phụ lục II DANH MỤC NHIỆM VỤ', 'NHÓM THỂ CHẾ', 'Hoàn thiện quy định']);
  });

  it('one pipe per line, cells broken over lines, a missing cell placed by its kind', () => {
    const clauses = parseAppendix(
      ['PHỤ LỤC', 'NHIỆM VỤ', '|', 'TT', '|', 'Nhiệm vụ', '|', 'Chủ trì', '|', 'Phối hợp', '|', 'Thời gian', '|', '|',
        'I', '|', 'Nhóm giải pháp', '|', '|', '1', '|', 'Xây dựng cơ sở', 'dữ liệu dùng chung', '|', 'Sở Khoa học và Công nghệ', '|',
        'Thường xuyên', '|'],
      ctx,
    );
    const [row] = rows(clauses);
    expect(row?.section).toBe('Phụ lục.I.1');
    expect(row?.columns).toEqual({ TT: '1', 'Nhiệm vụ': 'Xây dựng cơ sở dữ liệu dùng chung', 'Chủ trì': 'Sở Khoa học và Công nghệ', 'Thời gian': 'Thường xuyên' });
  });

  it('tab table: sub-rows inherit the agency columns, keep their own text', () => {
    const clauses = parseAppendix(
      ['Phụ lục', 'CHỈ TIÊU', '\tSTT', '\tChỉ tiêu', '\tĐơn vị', '\tChỉ tiêu năm 2025', '\tCơ quan chủ trì thực hiện', '',
        '\t1', '\tTỷ lệ hồ sơ trực tuyến', '\tSở, ban, ngành thuộc tỉnh', '', '\t1.1', '\tĐối với cấp tỉnh', '\t%', '\tTối thiểu 70', '\t', '',
        '\tGhi chú: cấp xã giảm 5%'],
      ctx,
    );
    const [parent, sub] = rows(clauses);
    expect(parent?.columns).toEqual({ STT: '1', 'Chỉ tiêu': 'Tỷ lệ hồ sơ trực tuyến', 'Cơ quan chủ trì thực hiện': 'Sở, ban, ngành thuộc tỉnh' });
    expect(sub?.columns?.['Cơ quan chủ trì thực hiện']).toBe('Sở, ban, ngành thuộc tỉnh');
    expect(sub).toMatchObject({ section: 'Phụ lục.1.1', text: 'Đối với cấp tỉnh % Tối thiểu 70', parentId: parent?.id, depth: 2 });
    const note = clauses.at(-1);
    expect(note).toMatchObject({ kind: 'paragraph', section: 'Phụ lục.1', id: 'doc#Phụ lục.1~1', text: 'Ghi chú: cấp xã giảm 5%' });
  });

  it('reads a flattened table typed without diacritics', () => {
    const clauses = parseAppendix(
      ['Phu luc', 'CHI TIEU NAM 2024', 'STT Chi tieu', 'Don', 'vi', 'Chi tieu', 'nam 2024', 'Co quan chu tri', 'thuc hien',
        '01', 'Ty le ho so truc tuyen tren tong so', 'ho so tiep nhan.', '%', 'Toi thieu', '50', 'So Thong tin va', 'Truyen thong'],
      ctx,
    );
    expect(rows(clauses)[0]?.columns).toEqual({
      STT: '01',
      'Chi tieu': 'Ty le ho so truc tuyen tren tong so ho so tiep nhan.',
      'Don vi': '%',
      'Chi tieu nam 2024': 'Toi thieu 50',
      'Co quan chu tri thuc hien': 'So Thong tin va Truyen thong',
    });
  });

  it('an appendix without a table: title to the "(Kèm theo ...)" line, then an outline numbered as a plan body is', () => {
    const lines = ['Phụ lục', 'MẪU BÁO CÁO', '(Kèm theo Kế hoạch số 5/KH-UBND', 'của UBND tỉnh)', 'Nội dung báo cáo', 'gồm ba phần:', '1. Kết quả'];
    expect(appendixHasTable(lines)).toBe(false);
    const clauses = parseAppendix(lines, ctx);
    expect(clauses.map((c) => [c.kind, c.id, c.text])).toEqual([
      ['appendix', 'doc#Phụ lục', 'MẪU BÁO CÁO (Kèm theo Kế hoạch số 5/KH-UBND của UBND tỉnh)'],
      ['paragraph', 'doc#Phụ lục~1', 'Nội dung báo cáo gồm ba phần:'],
      ['item', 'doc#Phụ lục.1', 'Kết quả'],
    ]);
    expect(appendixHasTable(['Phụ lục', 'X', 'STT', 'Nội dung'])).toBe(true);
  });

  it('an outline appendix (procedures under fields, as HCM 2842 prints its own): sections, parents and headings follow the numbering', () => {
    const lines = [
      'Phụ lục',
      'PHƯƠNG ÁN ĐƠN GIẢN HÓA THỦ TỤC HÀNH CHÍNH',
      '',
      'I. LĨNH VỰC HOẠT ĐỘNG BƯU CHÍNH (02 TTHC)',
      '',
      '1. Thủ tục',
      'cấp giấy phép bưu chính',
      '',
      '1.1. Nội dung đề xuất đơn giản hóa',
      '',
      'Bãi bỏ thành phần hồ sơ: Bản',
      'sao giấy chứng nhận đăng ký doanh nghiệp',
      '',
      '1.2. Kiến nghị thực thi',
      '',
      'Điều chỉnh điểm b khoản 4 Điều 1 Nghị định số 25/2022/NĐ-CP.',
      '',
      '2. Thủ tục cấp văn bản xác nhận thông báo hoạt động bưu chính',
    ];
    const clauses = parseAppendix(lines, ctx);
    const byText = (t: string) => clauses.find((c) => c.text.startsWith(t))!;
    const removed = byText('Bãi bỏ thành phần hồ sơ');
    expect(removed.text).toBe('Bãi bỏ thành phần hồ sơ: Bản sao giấy chứng nhận đăng ký doanh nghiệp');
    expect(removed.section).toBe('Phụ lục.I.1.1');
    expect(removed.breadcrumb).toEqual([
      'Phụ lục PHƯƠNG ÁN ĐƠN GIẢN HÓA THỦ TỤC HÀNH CHÍNH',
      'LĨNH VỰC HOẠT ĐỘNG BƯU CHÍNH (02 TTHC)',
      'Thủ tục cấp giấy phép bưu chính',
      'Nội dung đề xuất đơn giản hóa',
    ]);
    expect(byText('Thủ tục cấp văn bản').section).toBe('Phụ lục.I.2');
    expect(byText('LĨNH VỰC').parentId).toBe('doc#Phụ lục');
    expect(clauses.map((c) => c.order)).toEqual(clauses.map((_, k) => ctx.startOrder + k));
  });

  it('garbage input never throws and yields well-formed, uniquely identified clauses', () => {
    const line = fc.oneof(
      fc.string(),
      fc.constantFrom('|', '\t', '', 'Phụ lục', 'STT', 'I', '1', '1.1', '%', 'Tối thiểu', 'Sở Y tế', '| 1 | a |', '\tSTT'),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), fc.integer({ min: 0, max: 1000 }), (lines, startOrder) => {
        const clauses = parseAppendix(lines, { docId: 'g', startOrder, parentId: 'g#root' });
        expect(clauses.length).toBeGreaterThanOrEqual(1);
        expect(new Set(clauses.map((c) => c.id)).size).toBe(clauses.length);
        clauses.forEach((c, k) => {
          expect(c.order).toBe(startOrder + k);
          expect(c.text).toBe(c.text.normalize('NFC'));
        });
      }),
      { numRuns: 300 },
    );
  });
});
