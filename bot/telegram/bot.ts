import { Telegraf, type Context, type Telegram } from 'telegraf';
import type { Message, MessageEntity } from 'telegraf/types';
import type { Logger } from '../logger.ts';
import { ERROR_REPLY, type ChatCore } from '../core/core.ts';
import type { ChatUser, Incoming, Reply } from '../core/types.ts';
import { deliver, withRetry } from './deliver.ts';

/** The Telegram adapter: updates in, core replies out, one error boundary per update. */

export interface TelegramOptions {
  token: string;
  /** A local Bot API server or emulator, e.g. http://127.0.0.1:9000. */
  apiRoot?: string | undefined;
  handlerTimeoutMs: number;
  /** Delay before showing "typing…", so instant commands do not flash it. */
  typingDelayMs?: number;
}

const TYPING_REPEAT_MS = 4500;

export function createTelegramBot(core: ChatCore, opts: TelegramOptions, logger: Logger): Telegraf {
  const bot = new Telegraf(opts.token, {
    handlerTimeout: opts.handlerTimeoutMs,
    ...(opts.apiRoot ? { telegram: { apiRoot: opts.apiRoot } } : {}),
  });

  bot.on('message', async (ctx) => {
    const msg = ctx.message;
    if (!ctx.from || ctx.from.is_bot) return;
    if ('document' in msg && ctx.chat.type === 'private') {
      const chatId = ctx.chat.id;
      const doc = msg.document;
      const file = {
        name: doc.file_name ?? `${doc.file_unique_id}.bin`,
        size: doc.file_size,
        // The Bot API's own download: getFile, then the file URL (a local Bot API server or emulator in tests).
        fetch: () => downloadFile(ctx.telegram, doc.file_id),
      };
      const later = (replies: Reply[]) => deliver(ctx.telegram, chatId, replies, logger);
      await deliver(ctx.telegram, chatId, await core.handleFile(userOf(ctx.from), file, later), logger);
      return;
    }
    if (!('text' in msg)) return;
    const incoming = toIncoming(msg, ctx.chat.type === 'private' ? 'private' : 'group', ctx.botInfo);
    const replies = await withTyping(ctx, opts.typingDelayMs ?? 400, logger, () => core.handle(userOf(ctx.from), incoming));
    await deliver(ctx.telegram, ctx.chat.id, replies, logger);
  });

  bot.on('callback_query', async (ctx) => {
    const data = 'data' in ctx.callbackQuery ? ctx.callbackQuery.data : '';
    const result = await core.handleCallback(userOf(ctx.from), data);
    await withRetry(() => ctx.answerCbQuery(result.toast), logger);
    if (ctx.chat && result.replies.length) await deliver(ctx.telegram, ctx.chat.id, result.replies, logger);
  });

  bot.catch(async (err, ctx) => {
    logger.error({ err, updateId: ctx.update.update_id, userId: ctx.from?.id }, 'update failed');
    try {
      if (ctx.callbackQuery) await ctx.answerCbQuery(ERROR_REPLY).catch(() => undefined);
      else if (ctx.chat) await ctx.telegram.sendMessage(ctx.chat.id, ERROR_REPLY);
    } catch (replyErr) {
      // The boundary must never throw: a throw here would stop polling for everyone.
      logger.error({ err: replyErr }, 'could not send the error reply');
    }
  });

  return bot;
}

/** Downloads a file the user sent, through getFile and the Bot API's file URL (Telegram's limit: 20 MB). */
async function downloadFile(telegram: Telegram, fileId: string): Promise<Buffer> {
  const url = await telegram.getFileLink(fileId);
  const res = await fetch(url);
  if (!res.ok) throw new Error(`download failed: HTTP ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}

function userOf(from: { id: number; first_name: string; last_name?: string }): ChatUser {
  return { id: from.id, name: [from.first_name, from.last_name].filter(Boolean).join(' ') };
}

/**
 * A group message is for the bot when it @-mentions it or replies to it; the mention itself
 * is cut from the question.
 */
export function toIncoming(msg: Message.TextMessage, chatType: 'private' | 'group', me: { id: number; username: string }): Incoming {
  const entities: MessageEntity[] = msg.entities ?? [];
  const handle = `@${me.username}`.toLowerCase();
  const mention = entities.find((e) => e.type === 'mention' && msg.text.slice(e.offset, e.offset + e.length).toLowerCase() === handle);
  const textMention = entities.some((e) => e.type === 'text_mention' && e.user.id === me.id);
  const repliedToMe = msg.reply_to_message?.from?.id === me.id;
  const text = mention ? msg.text.slice(0, mention.offset) + msg.text.slice(mention.offset + mention.length) : msg.text;
  return { text: text.trim(), chatType, mentioned: Boolean(mention || textMention || repliedToMe), botUsername: me.username };
}

/** Shows "typing…" while `work` runs longer than `delayMs`, repeated before Telegram's 5 s expiry. */
async function withTyping<T>(ctx: Context, delayMs: number, logger: Logger, work: () => Promise<T>): Promise<T> {
  const chatId = ctx.chat?.id;
  if (chatId === undefined) return work();
  const ping = () => {
    ctx.telegram.sendChatAction(chatId, 'typing').catch((err: unknown) => logger.debug({ err: String(err) }, 'typing action failed'));
  };
  let repeat: NodeJS.Timeout | undefined;
  const first = setTimeout(() => {
    ping();
    repeat = setInterval(ping, TYPING_REPEAT_MS);
  }, delayMs);
  try {
    return await work();
  } finally {
    clearTimeout(first);
    if (repeat) clearInterval(repeat);
  }
}
