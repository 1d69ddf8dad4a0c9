import { STATUS_CODES, STATUS_LABELS } from '../../corpus/store/tracking.ts';
import { escapeHtml, excerpt } from '../core/html.ts';
import { sectionLabel } from '../core/format.ts';
import type { Reminder, ReminderTask } from './plan.ts';

/**
 * Reminder messages: one per user per tick, the kinds as sections (due and overdue first,
 * quiet tasks apart), every plan string escaped. Long lists are cut: the message names how
 * many more there are and the command that lists them all.
 */

/** Tasks listed per section before "… và N nhiệm vụ khác". */
export const SECTION_MAX = 10;

const vnDay = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

function taskLine(t: ReminderTask, tail: string): string {
  const role = t.role === 'coordinator' ? ' <i>(phối hợp)</i>' : '';
  return `• <code>${escapeHtml(t.id)}</code> ${sectionLabel(t.section)}: ${excerpt(t.text, 140)}${role}\n  ${tail}`;
}

function deadlineOf(t: ReminderTask): string {
  const written = t.deadline ? `“${escapeHtml(t.deadline)}”` : '';
  const date = t.date ? vnDay(t.date) : '';
  return written && date && !t.deadline?.includes(date) ? `${written} → ${date}` : written || date;
}

function section(title: string, tasks: ReminderTask[], tail: (t: ReminderTask) => string, more: string): string[] {
  if (!tasks.length) return [];
  const lines = ['', `<b>${title} (${tasks.length}):</b>`, ...tasks.slice(0, SECTION_MAX).map((t) => taskLine(t, tail(t)))];
  if (tasks.length > SECTION_MAX) lines.push(`… và ${tasks.length - SECTION_MAX} nhiệm vụ khác (${more}).`);
  return lines;
}

/** The message an editor gets: due soon, overdue, then tasks nobody updated. */
export function formatEditorReminder(reminders: readonly Reminder[], opts: { remindDays: number; staleDays: number }): string {
  const of = (kind: Reminder['kind']) => reminders.filter((r) => r.kind === kind).flatMap((r) => r.tasks);
  const lines = ['🔔 <b>Nhắc việc</b>'];
  lines.push(...section(`Đến hạn trong ${opts.remindDays} ngày tới`, of('due'), (t) => `Hạn: ${deadlineOf(t)}${t.days === 0 ? ' (hôm nay)' : t.days !== undefined ? ` (còn ${t.days} ngày)` : ''}`, 'gửi /nhiemvu'));
  lines.push(...section('Quá hạn', of('overdue'), (t) => `Hạn: ${deadlineOf(t)}, quá ${t.days ?? 0} ngày`, 'gửi /nhiemvu'));
  lines.push(...section(`Chưa có cập nhật trong ${opts.staleDays} ngày`, of('stale'), (t) => `Cập nhật gần nhất: ${t.status ? `${vnDay(t.date ?? '')} (${STATUS_LABELS[t.status]})` : 'chưa lần nào'}`, 'gửi /nhiemvu'));
  lines.push('', 'Cập nhật: <code>/capnhat &lt;mã&gt; &lt;trạng thái&gt; [phần trăm] [ghi chú]</code>, ví dụ <code>/capnhat MÃ đang làm 50%</code>.');
  lines.push('Tắt nhắc việc: /nhacnho tat');
  return lines.join('\n');
}

/** The weekly digest an administrator gets: one block per plan. */
export function formatDigest(reminders: readonly Reminder[]): string {
  const lines = ['📊 <b>Tổng hợp tiến độ hằng tuần</b>'];
  for (const r of reminders) {
    const d = r.digest;
    if (!d) continue;
    lines.push('', `<b>${escapeHtml(d.title ?? d.doc)}</b> (${escapeHtml(d.doc)})`, `${d.tasks} nhiệm vụ: ${STATUS_CODES.map((c) => `${STATUS_LABELS[c]} ${d.byStatus[c]}`).join(', ')}; chưa cập nhật lần nào ${d.neverUpdated}.`);
    lines.push(`Quá hạn: ${d.overdue}.`);
    if (r.tasks.length) {
      lines.push('Quá hạn lâu nhất:');
      lines.push(...r.tasks.map((t) => `• <code>${escapeHtml(t.id)}</code> ${escapeHtml(t.lead.join('; ') || 'chưa rõ cơ quan chủ trì')}: quá ${t.days ?? 0} ngày (hạn ${deadlineOf(t)})`));
    }
  }
  lines.push('', 'Chi tiết: /baocao (tệp Excel và biểu đồ). Tắt tổng hợp: /nhacnho tat');
  return lines.join('\n');
}
