import { TrackingError, type Role } from '../../../corpus/store/tracking.ts';
import { type HandlerContext, isAdmin, text } from '../context.ts';
import { escapeHtml } from '../html.ts';
import { parseGrantCommand } from '../parse.ts';
import type { Reply } from '../types.ts';

/** /dangky (ask for editor rights) and /duyet (administrators grant roles). */

const ROLE_NAMES: Readonly<Record<Role, string>> = { viewer: 'xem', editor: 'cập nhật tiến độ', admin: 'quản trị' };

export const DUYET_USAGE = [
  'Cách dùng: <code>/duyet &lt;user_id&gt; &lt;vai trò&gt; [cơ quan; cơ quan]</code>',
  'Vai trò: <code>xem</code> (viewer), <code>bientap</code> (editor, gắn với cơ quan), <code>quantri</code> (admin).',
  'Không ghi cơ quan thì dùng cơ quan trong yêu cầu /dangky của người đó.',
].join('\n');

export const AGENCY_MAX = 200;

export async function register(ctx: HandlerContext, args: string): Promise<Reply[]> {
  const agency = args.replace(/\s+/g, ' ').trim();
  if (!agency || agency.length > AGENCY_MAX) {
    return text('Cách dùng: <code>/dangky &lt;tên cơ quan&gt;</code>, ví dụ <code>/dangky Sở Tài chính</code>.');
  }
  const request = await ctx.deps.tracking.requestAccess(ctx.user.id, ctx.user.name ?? null, agency);
  const who = `${escapeHtml(ctx.user.name ?? 'Người dùng')} (id <code>${ctx.user.id}</code>)`;
  const notice = [
    `🔔 ${who} xin quyền cập nhật tiến độ cho <b>${escapeHtml(request.agency)}</b>.`,
    `Duyệt: <code>/duyet ${ctx.user.id} bientap</code>`,
  ].join('\n');
  const notified: Reply[] = (await adminIds(ctx)).filter((id) => id !== ctx.user.id).map((to) => ({ kind: 'text', html: notice, to }));
  return [
    ...text(`Đã gửi yêu cầu cấp quyền cho <b>${escapeHtml(request.agency)}</b>. Bạn sẽ nhận được thông báo khi quản trị viên duyệt.`),
    ...notified,
  ];
}

async function adminIds(ctx: HandlerContext): Promise<number[]> {
  const ids = new Set([...ctx.deps.options.adminIds, ...(await ctx.deps.tracking.listUsers('admin')).map((u) => u.id)]);
  return [...ids];
}

export async function approve(ctx: HandlerContext, args: string): Promise<Reply[]> {
  const actor = await ctx.deps.tracking.getUser(ctx.user.id);
  if (!isAdmin(ctx, actor)) return text('Xin lỗi, chỉ quản trị viên mới dùng được lệnh /duyet.');
  if (!args) return pendingList(ctx);
  const parsed = parseGrantCommand(args);
  if (!parsed.ok) return text(`${parsed.error === 'bad_role' ? 'Không nhận ra vai trò.\n' : ''}${DUYET_USAGE}`);
  const { userId, role, agencies } = parsed.value;
  try {
    const { after } = await ctx.deps.tracking.grant(ctx.user.id, userId, role, agencies);
    const bound = after.agencies.length ? ` cho ${escapeHtml(after.agencies.join('; '))}` : '';
    const done = `Đã cấp quyền <b>${ROLE_NAMES[after.role]}</b>${bound} cho người dùng <code>${userId}</code>.`;
    const told = `✅ Bạn đã được cấp quyền <b>${ROLE_NAMES[after.role]}</b>${bound}. Gửi /nhiemvu để xem nhiệm vụ của cơ quan.`;
    return [...text(done), { kind: 'text', html: told, to: userId }];
  } catch (err) {
    if (err instanceof TrackingError && err.reason === 'invalid') {
      return text(`Vai trò cập nhật tiến độ cần gắn với cơ quan: người dùng <code>${userId}</code> chưa gửi /dangky, hãy ghi rõ cơ quan.\n${DUYET_USAGE}`);
    }
    throw err;
  }
}

async function pendingList(ctx: HandlerContext): Promise<Reply[]> {
  const pending = await ctx.deps.tracking.pendingRequests();
  if (!pending.length) return text(`Không có yêu cầu nào đang chờ duyệt.\n\n${DUYET_USAGE}`);
  const lines = pending.map((r) => `• <code>${r.userId}</code> ${escapeHtml(r.name ?? '')} — ${escapeHtml(r.agency)}`);
  return text([`<b>Yêu cầu chờ duyệt (${pending.length}):</b>`, ...lines, '', DUYET_USAGE].join('\n'));
}
