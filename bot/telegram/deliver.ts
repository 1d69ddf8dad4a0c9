import { Markup, TelegramError, type Telegram } from 'telegraf';
import type { Logger } from '../logger.ts';
import { splitHtml } from '../core/html.ts';
import type { Button, Reply } from '../core/types.ts';

/** Sending the core's replies through the Bot API, with Telegram's flood-control rules. */

/** Longest wait honoured for one 429; a longer retry_after means something is badly wrong. */
const MAX_RETRY_AFTER_S = 120;

export class DeliveryError extends Error {
  override name = 'DeliveryError';
}

/**
 * Runs a Bot API call; on 429 waits `retry_after` seconds and tries again (up to `attempts`
 * times). Any other error, a 400 Bad Request included, is thrown at once: retrying it cannot help.
 */
export async function withRetry<T>(call: () => Promise<T>, logger: Logger, attempts = 3, sleep = defaultSleep): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      const wait = retryAfter(err);
      if (wait === null || attempt >= attempts) throw err;
      logger.warn({ retryAfter: wait, attempt }, 'Telegram flood control (429): waiting before retrying');
      await sleep(wait * 1000);
    }
  }
}

function retryAfter(err: unknown): number | null {
  if (!(err instanceof TelegramError) || err.code !== 429) return null;
  const s = err.parameters?.retry_after ?? 1;
  if (s > MAX_RETRY_AFTER_S) return null;
  return s;
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function inlineButton(b: Button) {
  return 'webApp' in b ? Markup.button.webApp(b.text, b.webApp) : Markup.button.callback(b.text, b.data);
}

/**
 * Delivers replies in order to `chatId`; replies addressed to another user (admin notices)
 * go to that user's private chat and a failure there (user never opened the bot) is logged,
 * not thrown, so the sender still gets their answer.
 */
export async function deliver(telegram: Telegram, chatId: number, replies: Reply[], logger: Logger): Promise<void> {
  for (const r of replies) {
    if (r.kind === 'document') {
      await withRetry(() => telegram.sendDocument(chatId, { source: r.content, filename: r.filename }, r.caption ? { caption: r.caption } : {}), logger);
      continue;
    }
    if (r.kind === 'photo') {
      await withRetry(() => telegram.sendPhoto(chatId, { source: r.content, filename: r.filename }, r.caption ? { caption: r.caption } : {}), logger);
      continue;
    }
    const extra = {
      parse_mode: 'HTML' as const,
      link_preview_options: { is_disabled: true },
      ...(r.buttons?.length ? Markup.inlineKeyboard(r.buttons.map((row) => row.map(inlineButton))) : {}),
    };
    if (r.to === undefined) {
      await withRetry(() => telegram.sendMessage(chatId, r.html, extra), logger);
      continue;
    }
    const to = r.to;
    await withRetry(() => telegram.sendMessage(to, r.html, extra), logger).catch((err: unknown) => {
      logger.warn({ to, err: String(err) }, 'could not notify user');
    });
  }
}

/**
 * A message the bot starts (a reminder) to a user's private chat. 403 means the user blocked
 * the bot or never opened it: reported as unreachable, not thrown, since retrying cannot help.
 */
export function messenger(telegram: Telegram, logger: Logger): (userId: number, html: string) => Promise<'sent' | 'unreachable'> {
  return async (userId, html) => {
    try {
      for (const part of splitHtml(html)) {
        await withRetry(() => telegram.sendMessage(userId, part, { parse_mode: 'HTML', link_preview_options: { is_disabled: true } }), logger);
      }
      return 'sent';
    } catch (err) {
      if (err instanceof TelegramError && err.code === 403) return 'unreachable';
      throw err;
    }
  };
}
