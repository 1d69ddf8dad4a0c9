import type { DocumentSummary, TaskRecord } from '../../../corpus/store/documents.ts';
import { type HandlerContext, now, text } from '../context.ts';
import { escapeHtml } from '../html.ts';
import { foldWord } from '../parse.ts';
import { formatDocuments } from '../format.ts';
import type { Reply } from '../types.ts';

/** /start, /help, /vanban, /trangthai. */

/** The command menu (Telegram's setMyCommands and /help share it). */
export const COMMANDS: readonly { command: string; description: string }[] = [
  { command: 'hoi', description: 'Hỏi về các kế hoạch (có trích dẫn điều khoản)' },
  { command: 'vanban', description: 'Các kế hoạch đã nạp' },
  { command: 'nhiemvu', description: 'Nhiệm vụ của một cơ quan và tiến độ' },
  { command: 'capnhat', description: 'Cập nhật tiến độ: /capnhat <mã> <trạng thái> [40%] [ghi chú]' },
  { command: 'tiendo', description: 'Tiến độ và lịch sử cập nhật của một nhiệm vụ' },
  { command: 'baocao', description: 'Báo cáo tiến độ (Excel và biểu đồ) theo tỉnh hoặc kế hoạch' },
  { command: 'dashboard', description: 'Mở bảng theo dõi tiến độ' },
  { command: 'nhacnho', description: 'Bật/tắt nhắc việc: /nhacnho bat | tat' },
  { command: 'trangthai', description: 'Trạng thái hệ thống' },
  { command: 'dangky', description: 'Xin quyền cập nhật tiến độ cho cơ quan' },
  { command: 'duyet', description: 'Duyệt quyền (quản trị viên)' },
  { command: 'xoavanban', description: 'Gỡ một kế hoạch khỏi kho (quản trị viên); gửi tệp để nạp kế hoạch mới' },
  { command: 'help', description: 'Hướng dẫn sử dụng' },
];

const GENERIC_EXAMPLES = [
  'Cơ quan nào chủ trì cải cách thủ tục hành chính năm 2024?',
  'Thời hạn hoàn thành số hóa hồ sơ thủ tục hành chính là khi nào?',
  'Kế hoạch đặt mục tiêu gì về chỉ số năng lực cạnh tranh cấp tỉnh?',
];

/** Words that cannot end a phrase: an example cut after one reads as broken ("… của Chính của …"). */
const DANGLING = new Set(['của', 'và', 'các', 'những', 'trong', 'về', 'với', 'cho', 'theo', 'để', 'tại', 'đối', 'với', 'thực', 'nhằm', 'từ', 'đến', 'là', 'được', 'có', 'ngày', 'số', 'năm', 'tháng', 'trên', 'bảo', 'đảm']);

/**
 * The first phrase of a text as an official would quote it: up to the first comma, semicolon
 * or full stop, at most `n` words, never ending on a word that needs the next one.
 */
function firstPhrase(s: string, n: number): string {
  const phrase = s.replace(/\s+/g, ' ').trim().split(/[,;.:]\s/)[0] ?? '';
  const words = phrase.replace(/[,;:.]$/, '').split(' ').slice(0, n);
  while (words.length > 3 && DANGLING.has((words[words.length - 1] ?? '').toLowerCase())) words.pop();
  return words.join(' ');
}

/** Openings that make a poor topic: another agency, or the coordination ("phối hợp với …"). */
const NOT_A_TOPIC = /^(?:ubnd|uy ban|so |cuc |ban |van phong|cong an|phoi hop|cac so|cac co quan|chu tich|giam doc|thu truong|dong thoi)/;

/** A whole first phrase of 6 to 14 words about the work itself: an example quoting it reads as the plan says it. */
function wholePhrase(s: string): boolean {
  const phrase = s.replace(/\s+/g, ' ').trim().split(/[,;.:]\s/)[0] ?? '';
  const n = phrase.split(' ').length;
  return n >= 6 && n <= 14 && !NOT_A_TOPIC.test(foldWord(phrase));
}

/** A plan's title short enough for an example: up to its date or issuer ("… số 02/NQ-CP"). */
function shortTitle(title: string): string {
  const cut = title.replace(/\s+/g, ' ').split(/\s(?:ngày|của|về việc|về)\s/u)[0] ?? title;
  return firstPhrase(cut, 10);
}

/**
 * What a task is about, for an example question: task texts often open with the answer
 * ("Sở Tài chính chủ trì, …"), so the lead's name and the verb "chủ trì" are dropped.
 */
function topicText(t: TaskRecord): string {
  const lead = t.lead[0] ?? '';
  const text = t.text.normalize('NFC').trim();
  const rest = lead && foldWord(text).startsWith(foldWord(lead)) ? text.slice(lead.length) : text;
  return rest.replace(/^[\s,]*(chủ trì|thực hiện)?[\s,]*/iu, '');
}

function topic(t: TaskRecord): string {
  return firstPhrase(topicText(t), 14);
}

function where(d: DocumentSummary | undefined): string {
  return d ? [d.province, d.year].filter((x) => x !== null).join(' ') : '';
}

/** Three example questions drawn from the loaded plans, so they always have an answer here. */
export function exampleQuestions(docs: DocumentSummary[], tasks: TaskRecord[]): string[] {
  const docOf = (t: TaskRecord) => docs.find((d) => d.id === t.docId);
  // A topic opening with the coordinators ("phối hợp với …") reads badly as a question.
  const led = tasks.find((t) => t.lead.length && wholePhrase(topicText(t)));
  // The topic of a "by when" example must not be the deadline itself ("Thời hạn “Đến hết năm 2021” …").
  const aboutWork = (t: TaskRecord) => wholePhrase(topicText(t)) && !foldWord(topic(t)).includes(foldWord(t.deadline?.text ?? '\u0000'));
  const dated =
    tasks.find((t) => t.deadline?.date && t !== led && aboutWork(t) && docOf(t)?.id !== led?.docId) ?? tasks.find((t) => t.deadline?.date && t !== led && aboutWork(t));
  const titled = docs.find((d) => d.title && d.province && d.id !== led?.docId) ?? docs.find((d) => d.title && d.province);
  const out: string[] = [];
  if (led) out.push(`Cơ quan nào chủ trì “${topic(led)}” (${where(docOf(led))})?`);
  if (dated) out.push(`Thời hạn “${topic(dated)}” (${where(docOf(dated))}) là khi nào?`);
  if (titled) out.push(`${shortTitle(titled.title ?? '')} của ${titled.province}${titled.year ? ` năm ${titled.year}` : ''} đặt mục tiêu gì?`);
  return [...out, ...GENERIC_EXAMPLES].slice(0, 3);
}

export async function help(ctx: HandlerContext): Promise<Reply[]> {
  const examples = exampleQuestions(await ctx.deps.plans.listDocuments(), await ctx.deps.plans.listTasks());
  return text([
    '<b>Trợ lý Kế hoạch</b> trả lời câu hỏi về các kế hoạch của tỉnh, kèm trích dẫn nguyên văn điều khoản (tên kế hoạch, số hiệu, mục), và giúp các cơ quan cập nhật tiến độ nhiệm vụ.',
    '',
    'Gửi thẳng câu hỏi (có dấu hoặc không dấu) hoặc dùng <code>/hoi &lt;câu hỏi&gt;</code>. Ví dụ:',
    ...examples.map((q) => `• ${escapeHtml(q)}`),
    '',
    '<b>Các lệnh:</b>',
    ...COMMANDS.map((c) => `/${c.command} — ${escapeHtml(c.description)}`),
  ].join('\n'));
}

export async function documents(ctx: HandlerContext): Promise<Reply[]> {
  return text(formatDocuments(await ctx.deps.plans.listDocuments()));
}

export async function systemStatus(ctx: HandlerContext): Promise<Reply[]> {
  const s = await ctx.deps.plans.stats();
  const a = ctx.deps.assistant.status();
  const search = a.denseAvailable
    ? `tìm kiếm kết hợp từ khóa và ngữ nghĩa (mô hình <code>${escapeHtml(a.modelId ?? '')}</code>)`
    : 'chỉ tìm kiếm từ khóa (mô hình ngữ nghĩa chưa được nạp)';
  return text([
    '<b>Trạng thái hệ thống</b>',
    `• Kế hoạch: ${s.documents}`,
    `• Điều khoản: ${s.clauses}`,
    `• Nhiệm vụ: ${s.tasks}${s.removedTasks ? ` (thêm ${s.removedTasks} đã bỏ khỏi kế hoạch)` : ''}`,
    `• Tìm kiếm: ${search}`,
    ...(ctx.deps.options.storeKind ? [`• Kho dữ liệu: ${ctx.deps.options.storeKind}${ctx.deps.options.storeKind === 'PostgreSQL' ? ' (dùng chung cho các bản chạy song song)' : ''}`] : []),
    `• Thời gian hoạt động: ${uptime(now(ctx).getTime() - ctx.startedAt.getTime())}`,
  ].join('\n'));
}

export function uptime(ms: number): string {
  const m = Math.max(0, Math.floor(ms / 60_000));
  const d = Math.floor(m / 1440);
  const h = Math.floor((m % 1440) / 60);
  return [d ? `${d} ngày` : '', h ? `${h} giờ` : '', `${m % 60} phút`].filter(Boolean).join(' ');
}
