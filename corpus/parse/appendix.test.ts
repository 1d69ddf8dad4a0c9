import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Clause } from '../types.ts';
import { parseAppendix } from './appendix.ts';
import { BAC_GIANG_ROWS, NAM_DINH_ROWS, NINH_THUAN_ROWS, type GoldenRow } from './appendix-golden.fixture.ts';

const PLANS = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'plans');

/** The colleague's cleaner when it exists; else NFC and page breaks dropped. */
async function cleanLines(text: string): Promise<string[]> {
  const modPath = '../clean.ts';
  const mod = (await import(modPath).catch(() => null)) as { cleanText?: (t: string) => unknown } | null;
  const cleaned = mod?.cleanText?.(text);
  if (typeof cleaned === 'string') return cleaned.split('\n');
  if (Array.isArray(cleaned)) return cleaned.map(String);
  // No page numbers sit inside these appendices, and a bare number there is a row number.
  return text.normalize('NFC').split('\n').filter((l) => l !== '\f');
}

/** Appendix lines of a sample: from the line that is exactly "Phụ lục" to the end. */
async function appendixOf(file: string): Promise<Clause[]> {
  const lines = await cleanLines(fs.readFileSync(path.join(PLANS, file), 'utf8'));
  const start = lines.findIndex((l) => l.trim() === 'Phụ lục');
  return parseAppendix(lines.slice(start), { docId: file, startOrder: 500, parentId: `${file}#root` });
}

/** The contract's evidence rule: NFC, lowercase, letter/digit runs, one contiguous run. */
function holdsEvidence(text: string, evidence: string): boolean {
  const tokens = (s: string): string[] => s.normalize('NFC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const hay = tokens(text).join(' ');
  return ` ${hay} `.includes(` ${tokens(evidence).join(' ')} `);
}

const bySection = (clauses: Clause[], section: string): Clause | undefined =>
  clauses.find((c) => c.kind === 'row' && c.section === section);

function expectGolden(clauses: Clause[], golden: readonly GoldenRow[]): void {
  const rows = clauses.filter((c) => c.kind === 'row');
  const names = ['Chỉ tiêu', 'Đơn vị', 'Chỉ tiêu năm 2024', 'Cơ quan chủ trì thực hiện', 'Cơ quan chủ trì đánh giá'];
  const actual = rows.map((r) => [r.section.replace(/^Phụ lục\.?/, ''), ...names.map((n) => r.columns?.[n] ?? '')]);
  expect(actual).toEqual(golden.map((g) => [...g]));
}

describe('parseAppendix on the sample plans', () => {
  it('Nam Định: one-cell-per-line table, Roman groups, zero-padded rows', async () => {
    const clauses = await appendixOf('nam-dinh-2024-nq02.txt');
    expectGolden(clauses, NAM_DINH_ROWS);
    const heading = clauses[0];
    expect(heading).toMatchObject({ kind: 'appendix', section: 'Phụ lục', parentId: 'nam-dinh-2024-nq02.txt#root', order: 500 });
    expect(heading?.text).toContain('QUY ĐỊNH KINH DOANH NĂM 2024 (Kèm theo Kế hoạch số');
    expect(heading?.text).toContain('STT Chỉ tiêu Đơn vị Chỉ tiêu năm 2024 Cơ quan chủ trì thực hiện Cơ quan chủ trì đánh giá');
    const groups = clauses.filter((c) => c.kind === 'appendix' && c !== heading);
    expect(groups.map((g) => [g.section, g.label, g.parentId])).toEqual([
      ['Phụ lục.I', 'I', heading?.id],
      ['Phụ lục.II', 'II', heading?.id],
    ]);
    expect(groups[1]?.text).toBe('Nâng cao chất lượng phục vụ người dân, doanh nghiệp trong thực hiện thủ tục hành chính, dịch vụ công');
  });

  it('Nam Định row: text is the cells after STT, verbatim; label, breadcrumb, parent, depth', async () => {
    const clauses = await appendixOf('nam-dinh-2024-nq02.txt');
    const row = bySection(clauses, 'Phụ lục.II.03');
    expect(row?.text).toBe(
      'Tỷ lệ hồ sơ trực tuyến trên tổng số hồ sơ tiếp nhận, giải quyết thủ tục hành chính. % Tối thiểu 50 ' +
        'Sở, ban, ngành, UBND các huyện và thành phố Sở Thông tin truyền thông',
    );
    expect(row).toMatchObject({ id: 'nam-dinh-2024-nq02.txt#Phụ lục.II.03', label: '03', parentId: 'nam-dinh-2024-nq02.txt#Phụ lục.II' });
    expect(row?.columns?.STT).toBe('03');
    expect(row?.breadcrumb).toEqual([
      'Phụ lục MỘT SỐ CHỈ TIÊU CẢI CÁCH THỦ TỤC HÀNH CHÍNH, QUY ĐỊNH KINH DOANH NĂM 2024',
      'Nâng cao chất lượng phục vụ người dân, doanh nghiệp trong thực hiện thủ tục hành chính, dịch vụ công',
    ]);
    expect(row?.depth).toBe(3);
    expect(clauses.map((c) => c.order)).toEqual(clauses.map((_, k) => 500 + k));
  });

  it('Bắc Giang: "1." numbering and an unnumbered first row', async () => {
    const clauses = await appendixOf('bac-giang-2024-nq02.txt');
    expectGolden(clauses, BAC_GIANG_ROWS);
    const first = clauses.find((c) => c.kind === 'row');
    expect(first).toMatchObject({ id: 'bac-giang-2024-nq02.txt#Phụ lục.I~1', label: null, section: 'Phụ lục.I' });
    expect(bySection(clauses, 'Phụ lục.II.11')?.text).toBe(
      'Tỷ lệ xử lý phản ánh, kiến nghị đúng hạn. % 100% Các sở, ngành; UBND cấp huyện, UBND cấp xã',
    );
    expect(bySection(clauses, 'Phụ lục.II.11')?.label).toBe('11.');
  });

  it('Ninh Thuận: tab cells, sub-rows inherit agencies, the note is its own paragraph', async () => {
    const clauses = await appendixOf('ninh-thuan-2024-cctthc.txt');
    expectGolden(clauses, NINH_THUAN_ROWS);
    const parent = bySection(clauses, 'Phụ lục.2');
    const sub = bySection(clauses, 'Phụ lục.2.1');
    expect(sub?.text).toBe('Đối với cấp tỉnh % Tối thiểu 60');
    expect(sub?.parentId).toBe(parent?.id);
    expect(sub?.breadcrumb.at(-1)).toBe(parent?.columns?.['Chỉ tiêu']);
    const notes = clauses.filter((c) => c.kind === 'paragraph');
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ id: 'ninh-thuan-2024-cctthc.txt#Phụ lục.2~1', section: 'Phụ lục.2', parentId: parent?.id });
    expect(clauses.filter((c) => c.kind === 'row' && c.text.includes('Bác Ái'))).toEqual([]);
  });

  it('Ninh Thuận parses the same when the cleaner strips tabs and blank lines', async () => {
    const text = fs.readFileSync(path.join(PLANS, 'ninh-thuan-2024-cctthc.txt'), 'utf8');
    const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
    const start = lines.indexOf('Phụ lục');
    const flat = parseAppendix(lines.slice(start), { docId: 'nt', startOrder: 0, parentId: null });
    const tabbed = parseAppendix(text.split('\n').slice(text.split('\n').indexOf('Phụ lục')), { docId: 'nt', startOrder: 0, parentId: null });
    expect(flat).toEqual(tabbed);
  });

  it.each([
    ['nam-dinh-2024-nq02.txt', 'Phụ lục.II.03', 'trên tổng số hồ sơ tiếp nhận, giải quyết thủ tục hành chính. % Tối thiểu 50'],
    ['nam-dinh-2024-nq02.txt', 'Phụ lục.I.01', 'Cập nhật dữ liệu quy định kinh doanh trên Cổng Tham vấn và Tra cứu quy định kinh doanh'],
    ['ninh-thuan-2024-cctthc.txt', 'Phụ lục.2', 'Riêng đối với huyện Bác Ái, các xã thuộc vùng dân tộc thiểu số và miền núi giảm 10%'],
    ['ninh-thuan-2024-cctthc.txt', 'Phụ lục.8.5', 'Sở Y tế phối hợp với bảo hiểm xã hội tỉnh trên cơ sở hướng dẫn của Bộ Y tế'],
    ['ninh-thuan-2024-cctthc.txt', 'Phụ lục.7.1', 'tra cứu quy định kinh doanh % 100 Sở Kế hoạch đầu tư'],
  ])('dev evidence: %s %s', async (file, section, evidence) => {
    const clauses = await appendixOf(file);
    const atSection = clauses.filter((c) => c.section === section);
    expect(atSection.some((c) => holdsEvidence(c.text, evidence))).toBe(true);
  });

  it('q093: lead and evaluating agency of Nam Định I.01', async () => {
    const row = bySection(await appendixOf('nam-dinh-2024-nq02.txt'), 'Phụ lục.I.01');
    expect(row?.columns?.['Cơ quan chủ trì thực hiện']).toBe('Sở, ban, ngành, UBND các huyện và thành phố');
    expect(row?.columns?.['Cơ quan chủ trì đánh giá']).toBe('VP UBND tỉnh');
  });
});
