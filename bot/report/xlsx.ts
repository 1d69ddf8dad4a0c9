import ExcelJS from 'exceljs';
import type { DocumentSummary, TaskRecord, TaskStatusCode } from '../../corpus/store/documents.ts';
import { STATUS_CODES, STATUS_LABELS } from '../../corpus/store/tracking.ts';
import { byLeadAgency, isOverdue, type AgencyProgress, type StatusReport } from './summary.ts';

/**
 * The progress workbook `/baocao` sends and `npm run report -- --xlsx` writes: a summary sheet
 * per lead agency, then one sheet per plan with a row per task, status cells coloured, a filter
 * and a frozen header on every sheet. Dates are real Excel dates (Vietnam wall time).
 */

/** Fill colours (ARGB) of the status cells; the chart uses the same hues. */
export const STATUS_COLOURS: Readonly<Record<TaskStatusCode | 'none', string>> = {
  chua_bat_dau: 'FFD9D9D9',
  dang_thuc_hien: 'FFBDD7EE',
  hoan_thanh: 'FFC6EFCE',
  cham_tien_do: 'FFFFEB9C',
  vuong_mac: 'FFFFC7CE',
  none: 'FFFFFFFF',
};

export const NOT_UPDATED = 'chưa cập nhật';

export interface WorkbookInput {
  report: StatusReport;
  /** yyyy-mm-dd, Vietnam time: what "overdue" is measured against. */
  today: string;
  /** Who logged an update, by Telegram user id. */
  userName: (id: number) => string | null;
  scopeLabel?: string;
}

const PLAN_COLUMNS: ReadonlyArray<{ header: string; width: number }> = [
  { header: 'Mã', width: 13 },
  { header: 'Mục', width: 12 },
  { header: 'Nội dung nhiệm vụ', width: 70 },
  { header: 'Cơ quan chủ trì', width: 28 },
  { header: 'Cơ quan phối hợp', width: 32 },
  { header: 'Thời hạn (theo kế hoạch)', width: 22 },
  { header: 'Hạn (ngày)', width: 12 },
  { header: 'Trạng thái', width: 17 },
  { header: 'Tỷ lệ (%)', width: 9 },
  { header: 'Cập nhật lần cuối', width: 17 },
  { header: 'Người cập nhật', width: 22 },
  { header: 'Ghi chú', width: 30 },
  { header: 'Quá hạn', width: 9 },
];

const SUMMARY_COLUMNS: ReadonlyArray<{ header: string; width: number }> = [
  { header: 'Cơ quan chủ trì', width: 40 },
  { header: 'Số nhiệm vụ', width: 12 },
  ...STATUS_CODES.map((c) => ({ header: capitalise(STATUS_LABELS[c]), width: 15 })),
  { header: 'Chưa cập nhật', width: 14 },
  { header: 'Quá hạn', width: 10 },
  { header: 'Tỷ lệ hoàn thành (%)', width: 14 },
];

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** An ISO instant as the Vietnam wall-clock time Excel shows (Excel dates carry no zone). */
function vnWallClock(iso: string): Date {
  return new Date(Date.parse(iso) + 7 * 3600_000);
}

const dayDate = (ymd: string) => new Date(`${ymd}T00:00:00Z`);

/** Excel's rules for sheet names: at most 31 characters, none of []:*?/\, unique in the book. */
export function sheetName(doc: DocumentSummary, taken: Set<string>): string {
  const base = [doc.province, doc.year, doc.number].filter((x) => x !== null && x !== undefined && x !== '').join(' ') || doc.id.replace(/\.[a-z]+$/i, '');
  const clean = base.replace(/[[\]:*?/\\]/g, '-').slice(0, 31).trim() || 'Kế hoạch';
  let name = clean;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${clean.slice(0, 31 - String(i).length - 1)} ${i}`;
  taken.add(name.toLowerCase());
  return name;
}

function header(ws: ExcelJS.Worksheet, row: number, columns: ReadonlyArray<{ header: string; width: number }>): void {
  columns.forEach((c, i) => (ws.getColumn(i + 1).width = c.width));
  const r = ws.getRow(row);
  r.values = columns.map((c) => c.header);
  r.font = { bold: true };
  r.alignment = { vertical: 'middle', wrapText: true };
  r.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  ws.views = [{ state: 'frozen', ySplit: row, xSplit: 0 }];
  ws.autoFilter = { from: { row, column: 1 }, to: { row, column: columns.length } };
}

function title(ws: ExcelJS.Worksheet, text: string, span: number): void {
  ws.mergeCells(1, 1, 1, span);
  const cell = ws.getCell(1, 1);
  cell.value = text;
  cell.font = { bold: true, size: 13 };
  cell.alignment = { wrapText: true, vertical: 'middle' };
  ws.getRow(1).height = 36;
}

function planSheet(wb: ExcelJS.Workbook, doc: DocumentSummary, tasks: readonly TaskRecord[], input: WorkbookInput, taken: Set<string>): void {
  const ws = wb.addWorksheet(sheetName(doc, taken));
  title(ws, [doc.title ?? doc.id, doc.number ? `số ${doc.number}` : null, doc.province, doc.year].filter(Boolean).join(' · '), PLAN_COLUMNS.length);
  header(ws, 2, PLAN_COLUMNS);
  for (const t of tasks) {
    const s = t.status;
    const row = ws.addRow([
      t.id, t.section, t.text.replace(/\s+/g, ' ').trim(), t.lead.join('; '), t.coordinators.join('; '), t.deadline?.text ?? '',
      t.deadline?.date ? dayDate(t.deadline.date) : null, s ? STATUS_LABELS[s.status] : NOT_UPDATED, s?.percent ?? null,
      s ? vnWallClock(s.at) : null, s ? input.userName(s.userId) ?? `người dùng ${s.userId}` : '', s?.note ?? '', isOverdue(t, input.today) ? 'x' : '',
    ]);
    row.alignment = { vertical: 'top', wrapText: true };
    row.getCell(7).numFmt = 'dd/mm/yyyy';
    row.getCell(10).numFmt = 'dd/mm/yyyy hh:mm';
    const status = row.getCell(8);
    status.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: STATUS_COLOURS[s?.status ?? 'none'] } };
    if (isOverdue(t, input.today)) row.getCell(13).font = { bold: true, color: { argb: 'FFC00000' } };
  }
}

/** "Sở Tài chính (gồm: Sở Kế hoạch và Đầu tư)": the names the plans used for an agency merged since. */
function agencyCell(a: AgencyProgress): string {
  if (!a.formerly.length) return a.agency;
  const shown = a.formerly.slice(0, 3).join('; ');
  return `${a.agency} (gồm: ${shown}${a.formerly.length > 3 ? ` và ${a.formerly.length - 3} tên khác` : ''})`;
}

function summarySheet(wb: ExcelJS.Workbook, input: WorkbookInput): void {
  const ws = wb.addWorksheet('Tổng hợp');
  const r = input.report;
  title(ws, `Báo cáo tiến độ${input.scopeLabel ? `: ${input.scopeLabel}` : ''} · ${r.docs.length} kế hoạch, ${r.tasks.length} nhiệm vụ · ngày ${input.today.split('-').reverse().join('/')}`, SUMMARY_COLUMNS.length);
  header(ws, 2, SUMMARY_COLUMNS);
  for (const a of byLeadAgency(r, input.today)) {
    const done = a.byStatus.hoan_thanh;
    ws.addRow([agencyCell(a), a.tasks, ...STATUS_CODES.map((c) => a.byStatus[c]), a.neverUpdated, a.overdue, a.tasks ? Math.round((done / a.tasks) * 1000) / 10 : 0]);
  }
  const total = ws.addRow(['Tổng cộng', r.tasks.length, ...STATUS_CODES.map((c) => r.byStatus[c]), r.neverUpdated.length, r.overdue.length,
    r.tasks.length ? Math.round((r.byStatus.hoan_thanh / r.tasks.length) * 1000) / 10 : 0]);
  total.font = { bold: true };
  STATUS_CODES.forEach((c, i) => {
    ws.getCell(2, 3 + i).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: STATUS_COLOURS[c] } };
  });
}

/** The whole workbook as .xlsx bytes. */
export async function buildWorkbook(input: WorkbookInput): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Trợ lý Kế hoạch';
  summarySheet(wb, input);
  const taken = new Set(['tổng hợp']);
  for (const doc of input.report.docs) {
    planSheet(wb, doc, input.report.tasks.filter((t) => t.docId === doc.id), input, taken);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
