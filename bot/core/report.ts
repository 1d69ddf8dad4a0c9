import type { DocumentSummary, TaskRecord, TaskStatusCode } from '../../corpus/store/documents.ts';
import { STATUS_CODES, STATUS_LABELS } from '../../corpus/store/tracking.ts';
import { escapeHtml } from './html.ts';
import { formatTaskLine, statusText } from './format.ts';
import { foldWord } from './parse.ts';

/** /baocao: pure summaries of task status over a set of plans. */

export interface StatusReport {
  docs: DocumentSummary[];
  tasks: TaskRecord[];
  byStatus: Record<TaskStatusCode, number>;
  /** Deadline passed and not marked done. */
  overdue: TaskRecord[];
  neverUpdated: TaskRecord[];
}

/** Plans a /baocao argument names: by province, file name, number or title, diacritics optional. */
export function selectDocuments(docs: DocumentSummary[], scope: string): DocumentSummary[] {
  const needle = foldWord(scope).replace(/\s+/g, ' ').trim();
  if (!needle) return docs;
  return docs.filter((d) =>
    [d.province, d.id, d.number, d.title, d.year === null ? null : String(d.year)].some((f) => f && foldWord(f).includes(needle)),
  );
}

/** `today` is yyyy-mm-dd; a task is overdue from the day after its deadline. */
export function buildReport(docs: DocumentSummary[], tasks: TaskRecord[], today: string): StatusReport {
  const ids = new Set(docs.map((d) => d.id));
  const inScope = tasks.filter((t) => ids.has(t.docId) && t.removedAt === null);
  const byStatus = Object.fromEntries(STATUS_CODES.map((c) => [c, 0])) as Record<TaskStatusCode, number>;
  for (const t of inScope) if (t.status) byStatus[t.status.status] += 1;
  return {
    docs,
    tasks: inScope,
    byStatus,
    overdue: inScope.filter((t) => t.deadline?.date && t.deadline.date < today && t.status?.status !== 'hoan_thanh'),
    neverUpdated: inScope.filter((t) => t.status === null),
  };
}

/** Lines listed inline before the report switches to a CSV attachment. */
export const INLINE_LIST_MAX = 15;

export function formatReport(r: StatusReport, scopeLabel: string): string {
  const lines = [`<b>Báo cáo tiến độ${scopeLabel ? `: ${escapeHtml(scopeLabel)}` : ''}</b>`, `${r.docs.length} kế hoạch, ${r.tasks.length} nhiệm vụ.`, ''];
  for (const c of STATUS_CODES) lines.push(`• ${STATUS_LABELS[c]}: ${r.byStatus[c]}`);
  lines.push(`• chưa cập nhật lần nào: ${r.neverUpdated.length}`, '', `<b>Quá hạn (${r.overdue.length}):</b>`);
  if (!r.overdue.length) lines.push('Không có nhiệm vụ quá hạn.');
  else if (r.overdue.length <= INLINE_LIST_MAX) lines.push(...r.overdue.map((t) => formatTaskLine(t)));
  else lines.push('Danh sách đầy đủ trong tệp CSV đính kèm.');
  lines.push('', `<b>Chưa cập nhật lần nào (${r.neverUpdated.length}):</b>`);
  if (r.neverUpdated.length > INLINE_LIST_MAX) lines.push('Danh sách đầy đủ trong tệp CSV đính kèm.');
  else lines.push(...r.neverUpdated.map((t) => formatTaskLine(t)));
  return lines.join('\n');
}

export function needsAttachment(r: StatusReport): boolean {
  return r.overdue.length > INLINE_LIST_MAX || r.neverUpdated.length > INLINE_LIST_MAX;
}

const CSV_HEADER = ['ma', 'ke_hoach', 'muc', 'noi_dung', 'chu_tri', 'phoi_hop', 'thoi_han', 'han_ngay', 'trang_thai', 'phan_tram', 'cap_nhat_luc', 'qua_han'];

/** Every task in scope, one row each; UTF-8 with a BOM so Excel shows Vietnamese correctly. */
export function reportCsv(r: StatusReport, today: string): Buffer {
  const rows = r.tasks.map((t) => [
    t.id, t.docId, t.section, t.text, t.lead.join('; '), t.coordinators.join('; '), t.deadline?.text ?? '', t.deadline?.date ?? '',
    statusText(t.status), t.status?.percent?.toString() ?? '', t.status?.at ?? '',
    t.deadline?.date && t.deadline.date < today && t.status?.status !== 'hoan_thanh' ? 'x' : '',
  ]);
  const body = [CSV_HEADER, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n');
  return Buffer.from(`\uFEFF${body}\r\n`, 'utf8');
}

function csvCell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}
