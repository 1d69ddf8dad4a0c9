import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanDocument } from '../clean.ts';
import type { Clause } from '../types.ts';
import { parseDocument } from './index.ts';

function tokens(text: string): string[] {
  return Array.from(text.normalize('NFC').toLowerCase().matchAll(/[\p{L}\p{N}]+/gu), (m) => m[0]);
}

function sorted(words: string[]): string[] {
  return [...words].sort();
}

function parse(lines: string[]): Clause[] {
  return parseDocument('t.txt', lines.join('\n')).clauses;
}

function sections(clauses: Clause[]): string[] {
  return clauses.map((c) => c.id.replace('t.txt#', ''));
}

describe('clause tree', () => {
  it('builds contract sections for parts, items, dotted items and points', () => {
    const clauses = parse([
      'I. MỤC TIÊU',
      '1. Mục tiêu chung',
      '',
      'II. NHIỆM VỤ',
      '2. Giải pháp cụ thể',
      '',
      '2.1. Tháo gỡ khó khăn',
      '2.2. Tăng khả năng tiếp cận vốn',
      'a) Ngân hàng Nhà nước chỉ đạo.',
      'b) Cục Thuế tỉnh chủ trì, phối hợp với các sở.',
    ]);
    expect(sections(clauses)).toEqual(['I', 'I.1', 'II', 'II.2', 'II.2.1', 'II.2.2', 'II.2.2.a', 'II.2.2.b']);
    const b = clauses[7];
    expect(b).toMatchObject({ kind: 'point', label: 'b)', text: 'Cục Thuế tỉnh chủ trì, phối hợp với các sở.', depth: 3 });
    expect(b?.breadcrumb).toEqual(['NHIỆM VỤ', 'Giải pháp cụ thể', 'Tăng khả năng tiếp cận vốn']);
    expect(b?.parentId).toBe('t.txt#II.2.2');
  });

  it('does not take a wrapped year, a code or an out-of-sequence number for a marker', () => {
    const clauses = parse([
      'I. MỤC TIÊU',
      '1. Phấn đấu giảm tỷ lệ hồ sơ trễ hạn trong',
      '2024. Tăng số doanh nghiệp theo Nghị quyết số',
      '02/NQ-CP của Chính phủ và mục tiêu tại khoản',
      '5. Năm sau tiếp tục thực hiện.',
      '2. Mục tiêu cụ thể',
    ]);
    expect(sections(clauses)).toEqual(['I', 'I.1', 'I.2']);
    expect(clauses[1]?.text).toContain('khoản 5. Năm sau');
  });

  it('gives bullets and unmarked paragraphs their numbered ancestor section with ~n ids', () => {
    const clauses = parse([
      'II. NHIỆM VỤ',
      '1. Tăng cường trách nhiệm',
      '',
      'a) Về cải thiện môi trường kinh doanh',
      '- Sở Kế hoạch và Đầu tư làm đầu mối.',
      '- Cục Thuế tỉnh làm đầu mối theo dõi chỉ số',
      'Nộp thuế.',
      '+ Chi tiết thứ nhất;',
      'b) Về năng lực cạnh tranh',
      '',
      'Sở Tư pháp làm đầu mối.',
    ]);
    expect(sections(clauses)).toEqual(['II', 'II.1', 'II.1.a', 'II.1.a~1', 'II.1.a~2', 'II.1.a~3', 'II.1.b', 'II.1.b~1']);
    expect(clauses.map((c) => c.section)).toContain('II.1.a');
    expect(clauses[4]).toMatchObject({ kind: 'bullet', section: 'II.1.a', text: 'Cục Thuế tỉnh làm đầu mối theo dõi chỉ số Nộp thuế.' });
    expect(clauses[5]?.parentId).toBe(clauses[4]?.id);
    expect(clauses[7]).toMatchObject({ kind: 'paragraph', section: 'II.1.b', parentId: 't.txt#II.1.b' });
  });

  it('treats a dash continuing a phrase as text, not a bullet', () => {
    const clauses = parse(['I. MỤC TIÊU', '1. Phát triển khoa học', '- công nghệ trong sản xuất.']);
    expect(clauses[1]?.text).toBe('Phát triển khoa học - công nghệ trong sản xuất.');
  });

  it('follows Vietnamese point order (đ after d, g after e) and restarts under each item', () => {
    const clauses = parse(['I. A', '1. B', 'a) x', 'e) sai thứ tự', 'b) y', 'c) z', 'd) t', 'đ) u', 'e) v', 'g) w', '2. C', 'a) k']);
    expect(sections(clauses)).toEqual(['I', 'I.1', 'I.1.a', 'I.1.b', 'I.1.c', 'I.1.d', 'I.1.đ', 'I.1.e', 'I.1.g', 'I.2', 'I.2.a']);
  });

  it('keeps a decision and the plan it issues: articles, back matter, then parts', () => {
    const clauses = parse([
      'QUYẾT ĐỊNH',
      'Căn cứ Luật Tổ chức chính quyền địa phương;',
      'Điều 1. Ban hành kèm theo Quyết định này Kế hoạch.',
      'Điều 3. Sai thứ tự thì là văn bản.',
      'Điều 2. Quyết định này có hiệu lực.',
      'Điều 3. Các sở chịu trách nhiệm thi hành.',
      'Nơi nhận:',
      '- Như Điều 3;',
      'CHỦ TỊCH',
      'Trần Văn A',
      'KẾ HOẠCH',
      'Nhằm triển khai có hiệu quả.',
      'I. MỤC ĐÍCH',
      '1. Đẩy mạnh cải cách.',
    ]);
    const byKind = clauses.map((c) => `${c.kind}:${c.section}`);
    expect(byKind).toEqual([
      'front:Mở đầu',
      'article:Điều 1',
      'article:Điều 2',
      'article:Điều 3',
      'back:Nơi nhận',
      'back:Nơi nhận',
      'front:Mở đầu',
      'part:I',
      'item:I.1',
    ]);
    expect(clauses[1]?.text).toContain('Điều 3. Sai thứ tự');
    expect(new Set(clauses.map((c) => c.id)).size).toBe(clauses.length);
  });

  it('starts the issued document at a running title in capitals captioned "Ban hành kèm theo"', () => {
    const clauses = parse([
      'QUYẾT ĐỊNH',
      'Điều 1. Ban hành kèm theo Quyết định này Quy trình rà soát đối tượng.',
      'Nơi nhận:',
      '- Như Điều 3;',
      'KT. CHỦ TỊCH',
      'Nguyễn Văn B',
      'QUY TRÌNH RÀ SOÁT ĐỐI TƯỢNG, QUY ĐỊNH ĐỐI TƯỢNG ƯU TIÊN THỰC',
      'HIỆN DỰ ÁN 1, DỰ ÁN 2 TRÊN ĐỊA BÀN THÀNH PHỐ HUẾ',
      '(Ban hành kèm theo Quyết định số 125/2025/QĐ-UBND)',
      'Chương I',
      'QUY ĐỊNH CHUNG',
      'Điều 1. Phạm vi điều chỉnh',
      'Quyết định này quy định quy trình rà soát đối tượng.',
    ]);
    expect(clauses.filter((c) => c.kind === 'back').map((c) => c.text).join(' ')).not.toContain('Phạm vi điều chỉnh');
    expect(clauses.some((c) => c.kind === 'article' && c.text.includes('Quyết định này quy định quy trình rà soát'))).toBe(true);
  });

  it('reads "Nơi nhận kết quả" in a procedure as text, not as the recipient list', () => {
    const clauses = parse(['QUYẾT ĐỊNH', 'Điều 1. Nộp hồ sơ tại Trung tâm.', 'Nơi nhận kết quả.', '- Tại Bộ phận Một cửa.', 'Điều 2. Thời hạn giải quyết.']);
    expect(clauses.some((c) => c.kind === 'back')).toBe(false);
    expect(clauses.at(-1)?.section).toBe('Điều 2');
  });

  it('keeps a running capitals line in the signature block when no caption follows', () => {
    const clauses = parse(['QUYẾT ĐỊNH', 'Điều 1. Nội dung.', 'Nơi nhận:', '- Như Điều 3;', 'KT. CHỦ TỊCH', 'QUY ĐỊNH VỀ SỬ DỤNG CON DẤU', 'Nguyễn Văn B']);
    expect(clauses.at(-1)?.kind).toBe('back');
  });

  it('gives a number alone on its line the words below it, so its points carry it as their heading (Đồng Nai 182)', () => {
    const clauses = parse(['III. TỔ CHỨC THỰC HIỆN', '1.', 'Công an tỉnh', '- Chủ trì, phối hợp các sở triển khai Kế hoạch.', '2.', 'Sở Y tế', '- Quản lý thuốc gây nghiện.']);
    expect(clauses.map((c) => [c.id.replace('t.txt#', ''), c.kind, c.text])).toEqual([
      ['III', 'part', 'TỔ CHỨC THỰC HIỆN'],
      ['III.1', 'item', 'Công an tỉnh'],
      ['III.1~1', 'bullet', 'Chủ trì, phối hợp các sở triển khai Kế hoạch.'],
      ['III.2', 'item', 'Sở Y tế'],
      ['III.2~1', 'bullet', 'Quản lý thuốc gây nghiện.'],
    ]);
    expect(clauses[2]?.breadcrumb).toEqual(['TỔ CHỨC THỰC HIỆN', 'Công an tỉnh']);
  });

  it('reads a list numbered afresh after the signer\'s name as a body of its own, not more signature (Bộ VHTTDL 6225)', () => {
    const clauses = parse([
      'I. NHIỆM VỤ', '1. Văn phòng Bộ theo dõi, đôn đốc.', 'Nơi nhận:', '- Như trên;', 'BỘ TRƯỞNG', 'Nguyễn Văn A',
      'Danh mục các văn bản đã ban hành', 'I. QUYẾT ĐỊNH', '1.', 'Quyết định số 1381/QĐ-BVHTTDL ngày 15/5/2025 ban hành Kế hoạch năm 2025.', 'II. KẾ HOẠCH', '1. Kế hoạch số 3137/KH-BVHTTDL ngày 30/6/2025.',
    ]);
    const signature = clauses.find((c) => c.text.startsWith('BỘ TRƯỞNG'));
    expect(signature?.text).toBe('BỘ TRƯỞNG Nguyễn Văn A Danh mục các văn bản đã ban hành');
    const decision = clauses.find((c) => c.text.startsWith('Quyết định số 1381'));
    expect(decision).toMatchObject({ kind: 'item', section: 'I.1', breadcrumb: ['QUYẾT ĐỊNH'] });
    expect(clauses.find((c) => c.text.startsWith('Kế hoạch số 3137'))).toMatchObject({ section: 'II.1', breadcrumb: ['KẾ HOẠCH'] });
  });

  it('takes a capitals title wrapped under "PHỤ LỤC" as that appendix\'s title, not a second appendix (Bộ VHTTDL 6225)', () => {
    const clauses = parse([
      'I. NHIỆM VỤ', '1. Các đơn vị thực hiện nhiệm vụ tại Phụ lục.',
      'PHỤ LỤC', 'DANH MỤC CÁC NHIỆM VỤ, GIẢI', 'PHÁP TRỌNG TÂM TRIỂN KHAI TRONG NHỮNG THÁNG CUỐI NĂM 2025', '(Kèm theo Công văn số 6225/BVHTTDL-VP)',
      '|', 'STT', '|', 'Nhiệm vụ', '|', 'Đơn vị chủ trì', '|', '|', '1', '|', 'Xây dựng mô hình du lịch thông minh', '|', 'Cục Du lịch Quốc gia Việt Nam', '|',
    ]);
    const appendices = clauses.filter((c) => c.kind === 'appendix');
    expect(appendices).toHaveLength(1);
    expect(appendices[0]?.text).toContain('DANH MỤC CÁC NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM');
  });

  it('attaches a lifted footnote to the clause that cites it', () => {
    const raw = ['II. NHIỆM VỤ', '1. Thực hiện phương châm “3 dám, 5 rõ”4, kiên quyết xử lý.', ' '.repeat(43), '4 05 rõ (rõ người, rõ việc)', ' 2. Tiếp tục.'].join('\n');
    const clauses = parseDocument('t.txt', raw).clauses;
    expect(clauses[1]?.text).toBe('Thực hiện phương châm “3 dám, 5 rõ”, kiên quyết xử lý. 05 rõ (rõ người, rõ việc)');
    expect(clauses[2]?.section).toBe('II.2');
  });

  it('gives the same ids on a re-parse', () => {
    const lines = ['I. A', '- x', '- y', 'Đoạn văn.'];
    expect(parse(lines).map((c) => c.id)).toEqual(parse(lines).map((c) => c.id));
  });
});

const WORD = fc.constantFrom('cải', 'cách', 'Sở', 'Nội', 'vụ', 'năm', '2024', 'chủ', 'trì', 'phối', 'hợp', 'Điều', 'đ', 'a');
const MARKER = fc.constantFrom('I.', 'II.', 'IV -', '1.', '2.', '3.', '2.1.', '2.2', '1.2.3.', 'a)', 'b)', 'đ)', 'e)', '-', '+', '•', 'Điều 1.', 'Điều 2.', 'Nơi nhận:', 'KẾ HOẠCH', 'CHỦ TỊCH', '');
const LINE = fc.tuple(MARKER, fc.array(WORD, { maxLength: 8 }), fc.boolean()).map(([m, ws, punct]) => `${m} ${ws.join(' ')}${punct ? '.' : ''}`.trim());

describe('clause tree properties', () => {
  it('never throws and loses or adds no word (structured text)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(LINE, fc.constant('')), { maxLength: 40 }), (lines) => {
        const raw = lines.join('\n');
        const { text, footnotes } = cleanDocument(raw);
        const clauses = parseDocument('p.txt', raw).clauses;
        const got = clauses.flatMap((c) => [...tokens(c.label ?? ''), ...tokens(c.text)]);
        expect(sorted(got)).toEqual(sorted([...tokens(text), ...footnotes.flatMap((f) => tokens(f.text))]));
        expect(new Set(clauses.map((c) => c.id)).size).toBe(clauses.length);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary text and keeps every word', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (raw) => {
        const { text, footnotes } = cleanDocument(raw);
        const clauses = parseDocument('p.txt', raw).clauses;
        const got = clauses.flatMap((c) => [...tokens(c.label ?? ''), ...tokens(c.text)]);
        expect(sorted(got)).toEqual(sorted([...tokens(text), ...footnotes.flatMap((f) => tokens(f.text))]));
      }),
      { numRuns: 300 },
    );
  });
});
