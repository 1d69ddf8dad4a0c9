import type { TaskRecord } from '../../../corpus/store/documents.ts';
import { agencyMatchKey, STATUS_CODES, STATUS_LABELS, TrackingError } from '../../../corpus/store/tracking.ts';
import { type HandlerContext, mayRead, NOT_APPROVED, now, text } from '../context.ts';
import { escapeHtml } from '../html.ts';
import { formatHistory, formatTaskHeader, formatTaskLine, statusText } from '../format.ts';
import { parseStatusCommand, type StatusCommand } from '../parse.ts';
import { statusChartPng } from '../../report/chart.ts';
import { buildReport, formatReport, selectDocuments, vnToday } from '../../report/summary.ts';
import { buildWorkbook } from '../../report/xlsx.ts';
import type { Button, CallbackResult, Reply } from '../types.ts';

/** /nhiemvu, /capnhat, /tiendo, /baocao: thin handlers over PlanStore and TrackingStore. */

export const PAGE_SIZE = 8;

export const CAPNHAT_USAGE = [
  'Cách dùng: <code>/capnhat &lt;mã&gt; &lt;trạng thái&gt; [phần trăm%] [ghi chú]</code>',
  `Trạng thái: ${Object.values(STATUS_LABELS).map((s) => `<i>${s}</i>`).join(', ')} (có hoặc không dấu).`,
  'Ví dụ: <code>/capnhat ND24-K7Q2 đang thực hiện 40% đã họp triển khai</code>',
].join('\n');

export async function listTasks(ctx: HandlerContext, args: string): Promise<Reply[]> {
  if (!(await mayRead(ctx))) return NOT_APPROVED;
  const agencies = args ? [args] : (await ctx.deps.tracking.getUser(ctx.user.id))?.agencies ?? [];
  if (!agencies.length) {
    return text('Cách dùng: <code>/nhiemvu &lt;tên cơ quan&gt;</code>, ví dụ <code>/nhiemvu Sở Tài chính</code>. Người dùng đã đăng ký cơ quan có thể gửi <code>/nhiemvu</code>.');
  }
  const token = await ctx.memos.taskLists.put({ agencies });
  return taskPage(ctx, token, agencies, 0);
}

export async function taskPageCallback(ctx: HandlerContext, token: string, page: number): Promise<CallbackResult> {
  const memo = await ctx.memos.taskLists.get(token);
  if (!memo || !Number.isInteger(page) || page < 0) return { replies: [], toast: 'Danh sách này đã cũ, vui lòng gửi lại /nhiemvu.' };
  return { replies: await taskPage(ctx, token, memo.agencies, page) };
}

async function tasksOf(ctx: HandlerContext, agencies: string[]): Promise<TaskRecord[]> {
  const seen = new Map<string, TaskRecord>();
  for (const a of agencies) for (const t of await ctx.deps.plans.listTasks({ agency: a })) seen.set(t.id, t);
  return [...seen.values()];
}

/** The name a task gives an agency that the listing found under its successor, if that is how it was found. */
function formerName(t: TaskRecord, agencies: readonly string[]): string | undefined {
  const mine = new Set(agencies.map(agencyMatchKey));
  const own = [...t.lead, ...t.coordinators];
  if (own.some((a) => mine.has(agencyMatchKey(a)) || mine.has(agencyMatchKey(t.canonical[a] ?? a)))) return undefined;
  return own.find((a) => t.now[a] !== undefined && mine.has(agencyMatchKey(t.now[a]!)));
}

async function taskPage(ctx: HandlerContext, token: string, agencies: string[], page: number): Promise<Reply[]> {
  const tasks = await tasksOf(ctx, agencies);
  const who = escapeHtml(agencies.join('; '));
  if (!tasks.length) return text(`Không có nhiệm vụ nào của <b>${who}</b> trong các kế hoạch đã nạp.`);
  const pages = Math.ceil(tasks.length / PAGE_SIZE);
  const p = Math.min(page, pages - 1);
  const slice = tasks.slice(p * PAGE_SIZE, (p + 1) * PAGE_SIZE);
  const html = [`<b>Nhiệm vụ của ${who}</b> (${tasks.length}, trang ${p + 1}/${pages}):`, '', ...slice.map((t) => formatTaskLine(t, formerName(t, agencies)))].join('\n');
  const nav: Button[] = [];
  if (p > 0) nav.push({ text: '« Trước', data: `nv:${token}:${p - 1}` });
  if (p < pages - 1) nav.push({ text: 'Sau »', data: `nv:${token}:${p + 1}` });
  return text(html, nav.length ? [nav] : undefined);
}

export async function updateStatus(ctx: HandlerContext, args: string): Promise<Reply[]> {
  const parsed = parseStatusCommand(args);
  if (!parsed.ok) {
    if (parsed.error === 'bad_status' && parsed.taskId && (await ctx.deps.plans.getTask(parsed.taskId))) return chooseStatus(ctx, parsed.taskId, parsed.rest ?? '');
    const why = parsed.error === 'bad_percent' ? 'Phần trăm phải là số nguyên từ 0 đến 100, ví dụ <code>40%</code>.\n' : parsed.error === 'bad_status' ? 'Không nhận ra trạng thái.\n' : '';
    return text(`${why}${CAPNHAT_USAGE}`);
  }
  return applyUpdate(ctx, parsed.value);
}

/** A status word the bot does not know: the five statuses as buttons, the rest of the command kept. */
async function chooseStatus(ctx: HandlerContext, taskId: string, rest: string): Promise<Reply[]> {
  const words = rest.trim().split(/\s+/);
  // The unknown status runs up to the percent when there is one ("tạm dừng 20% …"), else it is one word.
  const pct = words.findIndex((w) => /^\d{1,3}%$/.test(w));
  const cut = pct > 0 && pct <= 3 ? pct : 1;
  const token = await ctx.memos.statusChoices.put({ taskId, rest: words.slice(cut).join(' ') });
  const buttons = STATUS_CODES.map((code) => ({ text: STATUS_LABELS[code], data: `st:${token}:${code}` }));
  return text(
    `Không nhận ra trạng thái «${escapeHtml(words.slice(0, cut).join(' '))}» cho nhiệm vụ <code>${escapeHtml(taskId)}</code>. Chọn một trạng thái:`,
    [buttons.slice(0, 3), buttons.slice(3)],
  );
}

export async function statusChoiceCallback(ctx: HandlerContext, token: string, code: string): Promise<CallbackResult> {
  const memo = await ctx.memos.statusChoices.get(token);
  const status = STATUS_CODES.find((c) => c === code);
  if (!memo || !status) return { replies: [], toast: 'Lựa chọn này đã cũ, vui lòng gửi lại /capnhat.' };
  // The words after the unknown status: a percent and a note, as /capnhat reads them.
  const reparsed = parseStatusCommand(`${memo.taskId} ${status} ${memo.rest}`);
  const value = reparsed.ok ? reparsed.value : { taskId: memo.taskId, status, percent: null, note: memo.rest.trim() || null };
  return { replies: await applyUpdate(ctx, value) };
}

async function applyUpdate(ctx: HandlerContext, value: StatusCommand): Promise<Reply[]> {
  const { taskId, status, percent, note } = value;
  const task = await ctx.deps.plans.getTask(taskId);
  if (!task) return text(`Không tìm thấy nhiệm vụ có mã <code>${escapeHtml(taskId)}</code>. Dùng /nhiemvu để xem mã nhiệm vụ.`);
  if (!(await ctx.deps.tracking.canEdit(ctx.user.id, task))) return refusal(task);
  await ctx.deps.tracking.rememberName(ctx.user.id, ctx.user.name);
  try {
    const { before, after } = await ctx.deps.tracking.logUpdate({ taskId: task.id, userId: ctx.user.id, status, percent, note });
    // The task line shows the status just logged, not the one it replaced.
    const updated = (await ctx.deps.plans.getTask(task.id)) ?? task;
    return text([
      `✅ Đã cập nhật nhiệm vụ <code>${escapeHtml(task.id)}</code>`,
      formatTaskLine(updated),
      `Trạng thái: ${escapeHtml(statusText(before))} → <b>${escapeHtml(statusText(after))}</b>`,
      ...(after.note ? [`Ghi chú: ${escapeHtml(after.note)}`] : []),
    ].join('\n'));
  } catch (err) {
    // Rights can change between the check and the write (an admin demotes the user).
    if (err instanceof TrackingError && err.reason === 'forbidden') return refusal(task);
    throw err;
  }
}

function refusal(task: TaskRecord): Reply[] {
  const owners = [...task.lead, ...task.coordinators];
  return text([
    `Xin lỗi, bạn chưa có quyền cập nhật nhiệm vụ <code>${escapeHtml(task.id)}</code>; trạng thái không thay đổi.`,
    owners.length ? `Nhiệm vụ do ${escapeHtml(owners.join('; '))} thực hiện.` : '',
    'Cán bộ của cơ quan thực hiện có thể gửi <code>/dangky &lt;tên cơ quan&gt;</code> để xin quyền cập nhật.',
  ].filter(Boolean).join('\n'));
}

export async function progress(ctx: HandlerContext, args: string): Promise<Reply[]> {
  if (!(await mayRead(ctx))) return NOT_APPROVED;
  const code = args.split(/\s+/)[0] ?? '';
  if (!code) return text('Cách dùng: <code>/tiendo &lt;mã nhiệm vụ&gt;</code>, ví dụ <code>/tiendo ND24-K7Q2</code>.');
  const task = await ctx.deps.plans.getTask(code);
  if (!task) return text(`Không tìm thấy nhiệm vụ có mã <code>${escapeHtml(code)}</code>.`);
  const plan = (await ctx.deps.plans.listDocuments()).find((d) => d.id === task.docId) ?? null;
  const clause = await ctx.deps.plans.getClause(task.clauseId);
  const heading = clause?.breadcrumb.length ? `<i>${escapeHtml(clause.breadcrumb.join(' › '))}</i>` : '';
  const names = await userNames(ctx);
  const nameOf = (id: number) => names.get(id) ?? `người dùng ${id}`;
  return text([formatTaskHeader(task, plan), ...(heading ? [heading] : []), '', formatHistory(await ctx.deps.tracking.history(task.id), nameOf)].join('\n'));
}

export async function report(ctx: HandlerContext, args: string): Promise<Reply[]> {
  if (!(await mayRead(ctx))) return NOT_APPROVED;
  const docs = selectDocuments(await ctx.deps.plans.listDocuments(), args);
  if (!docs.length) return text(`Không có kế hoạch nào khớp với “${escapeHtml(args)}”. Gửi /vanban để xem danh sách.`);
  const today = vnToday(now(ctx));
  const r = buildReport(docs, await ctx.deps.plans.listTasks(), today);
  const replies = text(formatReport(r, args));
  const scope = args.trim() || 'tất cả kế hoạch';
  const names = await userNames(ctx);
  const userName = (id: number) => names.get(id) ?? null;
  replies.push(
    { kind: 'document', filename: `bao-cao-tien-do-${today}.xlsx`, content: await buildWorkbook({ report: r, today, userName, scopeLabel: scope }), caption: 'Báo cáo tiến độ (Excel): tổng hợp theo cơ quan, mỗi kế hoạch một trang' },
    { kind: 'photo', filename: `tien-do-${today}.png`, content: statusChartPng(r, today, `${scope} · ${r.tasks.length} nhiệm vụ · ngày ${today.split('-').reverse().join('/')}`), caption: 'Nhiệm vụ theo trạng thái, từng cơ quan chủ trì' },
  );
  return replies;
}

/** Display names of the known users, for history lines and the workbook. */
async function userNames(ctx: HandlerContext): Promise<Map<number, string>> {
  return new Map((await ctx.deps.tracking.listUsers()).flatMap((u) => (u.name ? [[u.id, u.name] as [number, string]] : [])));
}
