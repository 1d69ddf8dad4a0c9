/**
 * The progress workbook and the chart on the sample plans with a few logged updates: the xlsx
 * opened back with exceljs (sheets, cells, colours, filter, frozen header, the per-agency sums),
 * the PNG decoded (size, pixels, Vietnamese diacritics drawn by the bundled font).
 */
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingestPaths } from '../../corpus/ingest.ts';
import { openDatabase } from '../../corpus/store/db.ts';
import { PlanStore, type TaskRecord } from '../../corpus/store/documents.ts';
import { STATUS_CODES, TrackingStore } from '../../corpus/store/tracking.ts';
import { renderPng, statusChartPng, statusChartSvg } from './chart.ts';
import { buildReport, byLeadAgency, selectProvince, type StatusReport } from './summary.ts';
import { buildWorkbook, NOT_UPDATED, STATUS_COLOURS } from './xlsx.ts';

const PLANS = fileURLToPath(new URL('../../corpus/plans', import.meta.url));
const TODAY = '2024-09-23';
let plans: PlanStore;
let tracking: TrackingStore;
let report: StatusReport;
let byId: Map<string, TaskRecord>;
const EDITOR = 20;

beforeAll(async () => {
  const db = openDatabase(':memory:');
  plans = new PlanStore(db);
  await ingestPaths([PLANS], { store: plans, maxBytes: 50 * 1024 * 1024 });
  const clock = { at: '2024-09-20T02:15:00.000Z' };
  tracking = new TrackingStore(db, { now: () => clock.at });
  await tracking.ensureAdmins([1]);
  const tasks = await plans.listTasks();
  const [a, b, c] = tasks.filter((t) => t.docId === 'nam-dinh-2024-nq02.txt');
  await tracking.grant(1, EDITOR, 'editor', [a!.lead[0]!, b!.lead[0]!, c!.lead[0]!]);
  await tracking.rememberName(EDITOR, 'Trần Thị Bình');
  await tracking.logUpdate({ taskId: a!.id, userId: EDITOR, status: 'dang_thuc_hien', percent: 40, note: 'đã họp triển khai' });
  await tracking.logUpdate({ taskId: b!.id, userId: EDITOR, status: 'hoan_thanh', percent: 100 });
  await tracking.logUpdate({ taskId: c!.id, userId: EDITOR, status: 'vuong_mac', note: 'thiếu kinh phí' });
  report = buildReport(await plans.listDocuments(), await plans.listTasks(), TODAY);
  byId = new Map(report.tasks.map((t) => [t.id, t]));
}, 60_000);

async function readBack(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

describe('the progress workbook', () => {
  it('has a summary sheet and one sheet per plan, a row per task with its cells as the store holds them', async () => {
    const names = new Map((await tracking.listUsers()).map((u) => [u.id, u.name]));
    const wb = await readBack(await buildWorkbook({ report, today: TODAY, userName: (id) => names.get(id) ?? null }));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Tổng hợp', 'Bắc Giang 2024', 'Lạng Sơn 2021', 'Nam Định 2022', 'Nam Định 2024', 'Ninh Thuận 2024']);
    for (const doc of report.docs) {
      const ws = wb.worksheets[report.docs.indexOf(doc) + 1]!;
      const ids = ws.getColumn(1).values.slice(3);
      expect(ids).toEqual(report.tasks.filter((t) => t.docId === doc.id).map((t) => t.id));
      expect(ws.getRow(2).getCell(3).value).toBe('Nội dung nhiệm vụ');
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
      expect(ws.autoFilter).toBe('A2:M2');
    }
    const nd = wb.getWorksheet('Nam Định 2024')!;
    const row = (id: string) => nd.getRow((nd.getColumn(1).values as unknown[]).indexOf(id));
    for (let r = 3; r <= nd.rowCount; r++) {
      const t = byId.get(String(nd.getRow(r).getCell(1).value))!;
      expect(nd.getRow(r).getCell(3).value).toBe(t.text.replace(/\s+/g, ' ').trim());
      expect(nd.getRow(r).getCell(4).value).toBe(t.lead.join('; '));
    }
    const updated = report.tasks.filter((t) => t.status && t.docId === 'nam-dinh-2024-nq02.txt');
    expect(updated).toHaveLength(3);
    const doing = row(updated.find((t) => t.status!.status === 'dang_thuc_hien')!.id);
    expect(doing.getCell(8).value).toBe('đang thực hiện');
    expect(doing.getCell(9).value).toBe(40);
    // 02:15 UTC is 09:15 in Vietnam: the sheet shows Vietnam's wall clock.
    expect((doing.getCell(10).value as Date).toISOString()).toBe('2024-09-20T09:15:00.000Z');
    expect(doing.getCell(11).value).toBe('Trần Thị Bình');
    expect(doing.getCell(12).value).toBe('đã họp triển khai');
    expect(doing.getCell(8).fill).toMatchObject({ fgColor: { argb: STATUS_COLOURS.dang_thuc_hien } });
    const blocked = row(updated.find((t) => t.status!.status === 'vuong_mac')!.id);
    expect(blocked.getCell(8).fill).toMatchObject({ fgColor: { argb: STATUS_COLOURS.vuong_mac } });
    const untouched = row(report.tasks.find((t) => t.docId === 'nam-dinh-2024-nq02.txt' && !t.status)!.id);
    expect(untouched.getCell(8).value).toBe(NOT_UPDATED);
  });

  it('marks overdue tasks and dates them as real Excel dates', async () => {
    const wb = await readBack(await buildWorkbook({ report, today: TODAY, userName: () => null }));
    const late = report.overdue[0]!;
    const doc = report.docs.find((d) => d.id === late.docId)!;
    const ws = wb.worksheets[report.docs.indexOf(doc) + 1]!;
    const r = ws.getRow((ws.getColumn(1).values as unknown[]).indexOf(late.id));
    expect(r.getCell(13).value).toBe('x');
    expect((r.getCell(7).value as Date).toISOString().slice(0, 10)).toBe(late.deadline!.date);
    expect(r.getCell(7).numFmt).toBe('dd/mm/yyyy');
  });

  it('sums per lead agency on the summary sheet, and the totals row equals the report', async () => {
    const wb = await readBack(await buildWorkbook({ report, today: TODAY, userName: () => null }));
    const ws = wb.getWorksheet('Tổng hợp')!;
    const agencies = byLeadAgency(report, TODAY);
    expect(ws.rowCount).toBe(2 + agencies.length + 1);
    const first = ws.getRow(3);
    expect(String(first.getCell(1).value)).toContain(agencies[0]!.agency);
    expect(first.getCell(2).value).toBe(agencies[0]!.tasks);
    const total = ws.getRow(ws.rowCount);
    expect(total.getCell(1).value).toBe('Tổng cộng');
    expect(total.getCell(2).value).toBe(report.tasks.length);
    STATUS_CODES.forEach((c, i) => expect(total.getCell(3 + i).value).toBe(report.byStatus[c]));
    expect(total.getCell(8).value).toBe(report.neverUpdated.length);
    expect(total.getCell(9).value).toBe(report.overdue.length);
    // Every task counts once per lead: the per-agency sums cover at least every task.
    expect(agencies.reduce((n, a) => n + a.tasks, 0)).toBeGreaterThanOrEqual(report.tasks.length);
  });

  it('a province in force today takes in the provinces merged into it', async () => {
    const docs = await plans.listDocuments();
    expect(selectProvince(docs, 'Bắc Ninh').map((d) => d.id)).toEqual(['bac-giang-2024-nq02.txt']);
    expect(selectProvince(docs, 'bac giang').map((d) => d.id)).toEqual(['bac-giang-2024-nq02.txt']);
    expect(selectProvince(docs, 'Ninh Bình').map((d) => d.id).sort()).toEqual(['nam-dinh-2022-cchc.txt', 'nam-dinh-2024-nq02.txt']);
    expect(selectProvince(docs, 'Hà Giang')).toEqual([]);
  });
});

async function decode(png: Buffer) {
  const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
  let dark = 0;
  for (const v of data) if (v < 128) dark += 1;
  return { width: info.width, height: info.height, dark };
}

describe('the chart', () => {
  it('is a PNG a phone can show: 1080 px wide, as tall as its bars, decodable, with ink on it', async () => {
    const png = statusChartPng(report, TODAY, 'tất cả kế hoạch');
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const { height } = statusChartSvg(report, TODAY, 'tất cả kế hoạch');
    const img = await decode(png);
    expect(img.width).toBe(1080);
    expect(img.height).toBe(height);
    expect(img.height).toBeGreaterThan(800);
    expect(img.dark).toBeGreaterThan(5000);
    expect(png.length).toBeLessThan(1_000_000);
  });

  it('draws Vietnamese diacritics with the bundled font (no system fonts)', async () => {
    const text = (s: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"><text x="10" y="70" font-size="60" font-family="Noto Sans">${s}</text></svg>`;
    const [plain, marked, missing] = await Promise.all([decode(renderPng(text('o'))), decode(renderPng(text('ộ'))), decode(renderPng(text('')))]);
    expect(missing.dark).toBe(0);
    expect(plain.dark).toBeGreaterThan(0);
    // The dot below and the circumflex are drawn: more ink than the bare letter.
    expect(marked.dark).toBeGreaterThan(plain.dark * 1.15);
  });
});
