import type { DocumentSummary, TaskRecord, TaskStatusCode } from '../../corpus/store/documents.ts';
import { STATUS_CODES, STATUS_LABELS } from '../../corpus/store/tracking.ts';
import { canonicalPlace, membersOf, placeByName } from '../../corpus/places.ts';
import { escapeHtml } from '../core/html.ts';
import { formatTaskLine, statusText } from '../core/format.ts';
import { foldWord } from '../core/parse.ts';

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

/**
 * Plans of a province, diacritics and "tỉnh"/"TP." optional. A province in force today includes
 * the former provinces merged into it in 2025 (Bắc Ninh covers Bắc Giang's plans); a former
 * province means its own plans only.
 */
export function selectProvince(docs: DocumentSummary[], province: string): DocumentSummary[] {
  const place = placeByName(province);
  if (!place) return docs.filter((d) => d.province !== null && foldWord(d.province) === foldWord(province));
  const names = new Set((place.now === null ? membersOf(place) : [place]).map((p) => p.name));
  return docs.filter((d) => d.province !== null && names.has(canonicalPlace(d.province)));
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
    overdue: inScope.filter((t) => isOverdue(t, today)),
    neverUpdated: inScope.filter((t) => t.status === null),
  };
}

/** Today's date in Vietnam (yyyy-mm-dd): a deadline is a Vietnamese calendar day. */
export function vnToday(now: Date): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

/** A one-off deadline passed (from the day after it) and the task not marked done. */
export function isOverdue(t: TaskRecord, today: string): boolean {
  return Boolean(t.deadline?.date && t.deadline.date < today && t.status?.status !== 'hoan_thanh');
}

export interface AgencyProgress {
  /** The agency as it is called today (the successor where the 2025 reorganisation renamed it). */
  agency: string;
  /** Other names the plans give it ("Sở Kế hoạch và Đầu tư" counted under "Sở Tài chính"). */
  formerly: string[];
  tasks: number;
  byStatus: Record<TaskStatusCode, number>;
  neverUpdated: number;
  overdue: number;
}

export const NO_LEAD = '(chưa rõ cơ quan chủ trì)';

/** Progress per lead agency, most tasks first; a task with two leads counts for each. */
export function byLeadAgency(r: StatusReport, today: string): AgencyProgress[] {
  const rows = new Map<string, AgencyProgress>();
  for (const t of r.tasks) {
    const leads = t.lead.length ? t.lead : [NO_LEAD];
    const names = new Map<string, string>();
    for (const a of leads) names.set(foldWord(t.now[a] ?? t.canonical[a] ?? a), t.now[a] ?? t.canonical[a] ?? a);
    for (const [key, name] of names) {
      const row = rows.get(key) ?? { agency: name, formerly: [], tasks: 0, byStatus: Object.fromEntries(STATUS_CODES.map((c) => [c, 0])) as Record<TaskStatusCode, number>, neverUpdated: 0, overdue: 0 };
      row.tasks += 1;
      if (t.status) row.byStatus[t.status.status] += 1;
      else row.neverUpdated += 1;
      if (isOverdue(t, today)) row.overdue += 1;
      for (const a of leads) {
        const former = t.canonical[a] ?? a;
        if (t.now[a] && foldWord(t.now[a]) === key && !row.formerly.some((f) => foldWord(f) === foldWord(former))) row.formerly.push(former);
      }
      rows.set(key, row);
    }
  }
  return [...rows.values()].sort((a, b) => b.tasks - a.tasks || a.agency.localeCompare(b.agency, 'vi'));
}

/** Lines listed inline before the report switches to a CSV attachment. */
export const INLINE_LIST_MAX = 15;

export function formatReport(r: StatusReport, scopeLabel: string): string {
  const lines = [`<b>Báo cáo tiến độ${scopeLabel ? `: ${escapeHtml(scopeLabel)}` : ''}</b>`, `${r.docs.length} kế hoạch, ${r.tasks.length} nhiệm vụ.`, ''];
  for (const c of STATUS_CODES) lines.push(`• ${STATUS_LABELS[c]}: ${r.byStatus[c]}`);
  lines.push(`• chưa cập nhật lần nào: ${r.neverUpdated.length}`, '', `<b>Quá hạn (${r.overdue.length}):</b>`);
  if (!r.overdue.length) lines.push('Không có nhiệm vụ quá hạn.');
  else if (r.overdue.length <= INLINE_LIST_MAX) lines.push(...r.overdue.map((t) => formatTaskLine(t)));
  else lines.push('Danh sách đầy đủ trong tệp Excel đính kèm.');
  lines.push('', `<b>Chưa cập nhật lần nào (${r.neverUpdated.length}):</b>`);
  if (r.neverUpdated.length > INLINE_LIST_MAX) lines.push('Danh sách đầy đủ trong tệp Excel đính kèm.');
  else lines.push(...r.neverUpdated.map((t) => formatTaskLine(t)));
  return lines.join('\n');
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
