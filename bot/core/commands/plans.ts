import type { DocumentSummary } from '../../../corpus/store/documents.ts';
import type { UploadOutcome } from '../../library.ts';
import { type HandlerContext, isAdmin, text } from '../context.ts';
import { escapeHtml } from '../html.ts';
import type { IncomingFile, Reply } from '../types.ts';

/** Adding a plan by sending its file, and /xoavanban: thin handlers over the plan library. */

export const XOAVANBAN_USAGE = 'Cách dùng: <code>/xoavanban &lt;mã văn bản&gt;</code> — mã là tên tệp hoặc số hiệu trong /vanban, ví dụ <code>/xoavanban 144/KH-UBND</code>.';

/** Administrators always; editors too when UPLOAD_ROLE=editor. */
async function mayUpload(ctx: HandlerContext): Promise<boolean> {
  const user = await ctx.deps.tracking.getUser(ctx.user.id);
  if (isAdmin(ctx, user)) return true;
  return ctx.deps.options.uploadRole === 'editor' && user?.role === 'editor';
}

function periodText(d: DocumentSummary): string {
  if (d.period) return `giai đoạn ${d.period.from}–${d.period.to}`;
  return d.year === null ? 'chưa rõ năm' : `năm ${d.year}`;
}

/** What the ingest found, for the official who sent the file. */
export function formatUploadOutcome(name: string, outcome: UploadOutcome): string {
  const file = `<b>${escapeHtml(name)}</b>`;
  if (outcome.status === 'failed') return `❌ Không nạp được ${file}: ${escapeHtml(outcome.error)}`;
  if (outcome.status === 'unchanged') {
    return `ℹ️ ${file} đã có trong kho${outcome.doc ? ` (${escapeHtml(outcome.doc.title ?? outcome.doc.id)})` : ''}: không có gì thay đổi.`;
  }
  const d = outcome.doc;
  const lines = [
    `✅ Đã nạp ${file}`,
    `• Tên: ${escapeHtml(d.title ?? '(không đọc được tiêu đề)')}`,
    `• Số hiệu: ${escapeHtml(d.number ?? '(không ghi)')}`,
    `• Cơ quan ban hành: ${escapeHtml(d.issuer ?? '(chưa rõ)')}${d.province ? ` — ${escapeHtml(d.province)}` : d.scope === 'national' ? ' — phạm vi toàn quốc' : ''}`,
    `• Thời gian: ${escapeHtml(periodText(d))}`,
    `• ${d.clauseCount} điều khoản, ${d.taskCount} nhiệm vụ`,
  ];
  if (outcome.ocr) {
    const rejected = outcome.ocr.rejectedPages;
    lines.push(`• Bản quét: đọc bằng OCR ${outcome.ocr.pages} trang, độ tin cậy trung bình ${outcome.ocr.meanConfidence}%${rejected.length ? `; bỏ qua trang ${rejected.map((r) => r.page).join(', ')} vì đọc không rõ` : ''}. Nên đối chiếu trích dẫn với bản gốc.`);
  }
  lines.push('', 'Hỏi ngay về kế hoạch này, hoặc xem danh sách bằng /vanban.');
  return lines.join('\n');
}

/**
 * A file sent to the bot: refused politely unless the sender may add plans; checked (type,
 * 20 MB) before any download; then ingested in the background, the result sent by `later`
 * while the bot keeps answering everyone else.
 */
export async function receiveFile(ctx: HandlerContext, file: IncomingFile, later: (replies: Reply[]) => Promise<void>): Promise<Reply[]> {
  const library = ctx.deps.library;
  if (!library || !(await mayUpload(ctx))) {
    return text('Cảm ơn bạn đã gửi tệp. Chỉ quản trị viên mới nạp được kế hoạch mới; tệp này không được lưu. Bạn có thể gửi tệp cho quản trị viên của đơn vị.');
  }
  const problem = library.precheck(file);
  if (problem) return text(`${escapeHtml(problem)} Tệp không được lưu.`);
  const job = library
    .upload(file, ctx.user.id)
    .then((outcome) => later(text(formatUploadOutcome(file.name, outcome))))
    .catch(async (err: unknown) => {
      ctx.deps.logger.error({ err, file: file.name, userId: ctx.user.id }, 'upload failed');
      await later(text(`❌ Không nạp được <b>${escapeHtml(file.name)}</b>: đã có lỗi khi xử lý. Vui lòng thử lại hoặc báo quản trị hệ thống.`)).catch(() => undefined);
    });
  ctx.deps.onBackground?.(job);
  return text(`📥 Đã nhận <b>${escapeHtml(file.name)}</b>, đang đọc và nạp vào kho (bản quét có thể mất vài phút). Bot sẽ báo khi xong; trong lúc đó vẫn hỏi đáp bình thường.`);
}

export async function retirePlan(ctx: HandlerContext, args: string): Promise<Reply[]> {
  if (!isAdmin(ctx, await ctx.deps.tracking.getUser(ctx.user.id))) return text('Chỉ quản trị viên được gỡ kế hoạch khỏi kho.');
  if (!args.trim()) return text(XOAVANBAN_USAGE);
  if (!ctx.deps.library) return text('Chức năng gỡ kế hoạch chưa được bật trên máy chủ này.');
  const result = await ctx.deps.library.retire(args, ctx.user.id);
  if (!result) return text(`Không có kế hoạch nào đang hiệu lực với mã <code>${escapeHtml(args.trim())}</code>.\n${XOAVANBAN_USAGE}`);
  return text([
    `🗂 Đã gỡ <b>${escapeHtml(result.doc.title ?? result.doc.id)}</b> khỏi kho tra cứu.`,
    `${result.tasks} nhiệm vụ cùng toàn bộ lịch sử cập nhật vẫn được lưu, đánh dấu "đã bỏ khỏi kế hoạch". Thao tác đã ghi vào nhật ký.`,
  ].join('\n'));
}
