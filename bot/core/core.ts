import { type HandlerContext, createMemos, text } from './context.ts';
import { approve, register } from './commands/access.ts';
import { documents, help, systemStatus } from './commands/info.ts';
import { ask, askForProvince, feedback, viewSource } from './commands/qa.ts';
import { receiveFile, retirePlan } from './commands/plans.ts';
import { listTasks, progress, report, statusChoiceCallback, taskPageCallback, updateStatus } from './commands/tasks.ts';
import { dashboard, reminders } from './commands/supervise.ts';
import { parseCommand } from './parse.ts';
import { RateLimiter } from './rate-limit.ts';
import type { CallbackResult, ChatUser, CoreDeps, Incoming, IncomingFile, Reply } from './types.ts';

/**
 * The chat, independent of transport: `handle` maps one message to replies, `handleCallback`
 * one button press. Adapters (Telegram, terminal) own delivery and the error boundary.
 */
export interface ChatCore {
  handle(user: ChatUser, message: Incoming): Promise<Reply[]>;
  handleCallback(user: ChatUser, data: string): Promise<CallbackResult>;
  /** A file sent in a private chat; `later` delivers the outcome of the background ingest. */
  handleFile(user: ChatUser, file: IncomingFile, later: (replies: Reply[]) => Promise<void>): Promise<Reply[]>;
}

/** The polite reply when an update fails; adapters send it from their error boundary. */
export const ERROR_REPLY = 'Xin lỗi, đã có lỗi khi xử lý yêu cầu của bạn. Vui lòng thử lại sau ít phút.';

type Handler = (ctx: HandlerContext, args: string) => Reply[] | Promise<Reply[]>;

const HANDLERS: Readonly<Record<string, Handler>> = {
  start: (ctx) => help(ctx),
  help: (ctx) => help(ctx),
  trogiup: (ctx) => help(ctx),
  hoi: ask,
  vanban: (ctx) => documents(ctx),
  nhiemvu: listTasks,
  capnhat: updateStatus,
  tiendo: progress,
  baocao: report,
  trangthai: (ctx) => systemStatus(ctx),
  dangky: register,
  duyet: approve,
  xoavanban: retirePlan,
  nhacnho: reminders,
  dashboard: (ctx) => dashboard(ctx),
};

export function createCore(deps: CoreDeps): ChatCore {
  // ADMIN_IDS become administrators in the store; every update waits for it (a failure is logged, not fatal).
  const ready = deps.tracking.ensureAdmins(deps.options.adminIds).catch((err: unknown) => deps.logger.error({ err }, 'could not record ADMIN_IDS as administrators'));
  // Button memory and rate limits live in the store when there is one: shared by every replica.
  const memos = createMemos(deps.session);
  const startedAt = deps.now?.() ?? new Date();
  const limiter = new RateLimiter(deps.options.rateLimitPerMinute, 60_000, () => (deps.now?.() ?? new Date()).getTime());
  const gate = async (userId: number) =>
    deps.session ? deps.session.rateCheck(userId, deps.options.rateLimitPerMinute, 60_000) : limiter.check(userId);
  const context = (user: ChatUser): HandlerContext => ({ deps, user, memos, startedAt });

  return {
    async handle(user, message) {
      await ready;
      const body = message.text.normalize('NFC').trim();
      if (!body) return [];
      const command = parseCommand(body, message.botUsername);
      if (!command && body.startsWith('/')) return message.chatType === 'private' ? unknownCommand() : [];
      // In groups the bot speaks only when addressed: a command or a mention.
      if (message.chatType === 'group' && !command && !message.mentioned) return [];
      const decision = await gate(user.id);
      if (decision === 'silent') return [];
      if (decision === 'limited') return text('Bạn đang gửi quá nhiều yêu cầu. Vui lòng đợi một phút rồi thử lại.');
      const ctx = { ...context(user), chatType: message.chatType };
      if (!command) return ask(ctx, body);
      const handler = HANDLERS[command.name];
      if (!handler) return message.chatType === 'private' || message.mentioned ? unknownCommand() : [];
      deps.logger.debug({ userId: user.id, command: command.name }, 'command');
      return handler(ctx, command.args);
    },

    async handleFile(user, file, later) {
      await ready;
      const decision = await gate(user.id);
      if (decision === 'silent') return [];
      if (decision === 'limited') return text('Bạn đang gửi quá nhiều yêu cầu. Vui lòng đợi một phút rồi thử lại.');
      return receiveFile(context(user), file, later);
    },

    async handleCallback(user, data) {
      await ready;
      const [kind, token = '', arg = ''] = data.split(':');
      const ctx = context(user);
      if (kind === 'src') return viewSource(ctx, token, Number(arg));
      if (kind === 'fb') return feedback(ctx, token, Number(arg));
      if (kind === 'nv') return taskPageCallback(ctx, token, Number(arg));
      if (kind === 'tinh') return askForProvince(ctx, token, Number(arg));
      if (kind === 'st') return statusChoiceCallback(ctx, token, arg);
      return { replies: [], toast: 'Nút này không còn dùng được.' };
    },
  };
}

function unknownCommand(): Reply[] {
  return text('Không có lệnh này. Gửi /help để xem các lệnh, hoặc gửi thẳng câu hỏi.');
}
