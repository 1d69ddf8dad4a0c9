import { type HandlerContext, isAdmin, mayRead, NOT_APPROVED, text } from '../context.ts';
import { escapeHtml } from '../html.ts';
import { foldWord } from '../parse.ts';
import type { Reply } from '../types.ts';

/** /nhacnho (reminders on or off for oneself) and /dashboard (the Mini App). */

const WEEKDAYS = ['', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy', 'Chủ nhật'];

const NHACNHO_USAGE = 'Cách dùng: <code>/nhacnho tat</code> để tắt nhắc việc, <code>/nhacnho bat</code> để bật lại, <code>/nhacnho</code> để xem tình trạng.';

export async function reminders(ctx: HandlerContext, args: string): Promise<Reply[]> {
  const store = ctx.deps.reminders;
  const rules = ctx.deps.options.reminders;
  if (!store || !rules) return text('Nhắc việc chưa chạy trên máy chủ này (chỉ chạy khi bot kết nối Telegram và REMINDERS không tắt).');
  const word = foldWord(args).trim();
  const user = await ctx.deps.tracking.getUser(ctx.user.id);
  const admin = isAdmin(ctx, user);
  if (/^(tat|off|dung|ngung)$/.test(word) || /^(bat|on|mo)$/.test(word)) {
    const off = /^(tat|off|dung|ngung)$/.test(word);
    const was = await store.isOptedOut(ctx.user.id);
    if (was !== off) {
      await store.setOptOut(ctx.user.id, off);
      await ctx.deps.tracking.recordAudit(ctx.user.id, off ? 'reminders.off' : 'reminders.on', `user:${ctx.user.id}`, { off: was }, { off });
    }
    return text(off ? 'Đã <b>tắt</b> nhắc việc cho bạn. Gửi <code>/nhacnho bat</code> để bật lại.' : `Đã <b>bật</b> nhắc việc cho bạn.\n${whatYouGet(user?.role === 'editor' ? user.agencies : [], admin, rules)}`);
  }
  if (word) return text(NHACNHO_USAGE);
  const off = await store.isOptedOut(ctx.user.id);
  return text([`Nhắc việc của bạn đang <b>${off ? 'tắt' : 'bật'}</b>.`, whatYouGet(user?.role === 'editor' ? user.agencies : [], admin, rules), NHACNHO_USAGE].join('\n'));
}

function whatYouGet(agencies: readonly string[], admin: boolean, rules: NonNullable<HandlerContext['deps']['options']['reminders']>): string {
  const lines: string[] = [];
  if (agencies.length) {
    lines.push(
      `• Nhiệm vụ của ${escapeHtml(agencies.join('; '))} đến hạn trong ${rules.remindDays} ngày tới và nhiệm vụ quá hạn (quá hạn: nhắc mỗi tuần một lần);`,
      `• nhiệm vụ không có cập nhật trong ${rules.staleDays} ngày.`,
    );
  }
  if (admin) lines.push(`• Tổng hợp tiến độ từng kế hoạch vào ${WEEKDAYS[rules.digestWeekday]} hằng tuần, từ ${rules.digestHour} giờ.`);
  if (!lines.length) return 'Bạn chưa có nhiệm vụ để nhắc: nhắc việc dành cho cán bộ được cấp quyền cập nhật (gửi <code>/dangky &lt;tên cơ quan&gt;</code>) và quản trị viên.';
  return ['Bạn nhận (ngày làm việc, 8–17 giờ, giờ Việt Nam; không nhắc nhiệm vụ đã hoàn thành):', ...lines].join('\n');
}

export async function dashboard(ctx: HandlerContext): Promise<Reply[]> {
  if (!(await mayRead(ctx))) return NOT_APPROVED;
  const url = ctx.deps.options.dashboardUrl;
  if (!url) return text('Bảng theo dõi chưa được bật trên máy chủ này. Quản trị viên hệ thống đặt DASHBOARD_PORT và DASHBOARD_URL (xem README).');
  // Telegram opens a Mini App button only in a private chat.
  if (ctx.chatType === 'group') return text('Bảng theo dõi mở trong tin nhắn riêng với bot: nhắn riêng cho bot và gửi /dashboard.');
  return text('📊 <b>Bảng theo dõi tiến độ</b>: tiến độ theo kế hoạch và cơ quan, nhiệm vụ quá hạn và chưa cập nhật. Chỉ xem, không sửa.', [[{ text: 'Mở bảng theo dõi', webApp: url }]]);
}
