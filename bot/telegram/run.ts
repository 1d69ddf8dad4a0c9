import type { Telegraf } from 'telegraf';
import type { Logger } from '../logger.ts';
import { COMMANDS } from '../core/commands/info.ts';

/** Starting and stopping the Telegram bot: long polling, or a webhook when WEBHOOK_URL is set. */

export interface LaunchOptions {
  webhookUrl?: string | undefined;
  webhookPort: number;
}

export interface RunningBot {
  /** Resolves when the bot has stopped (polling loop ended); rejects if it stopped on an error. */
  done: Promise<void>;
  stop(reason: string): void;
}

export async function launchBot(bot: Telegraf, opts: LaunchOptions, logger: Logger): Promise<RunningBot> {
  // The menu is a convenience: a failure (e.g. a Bot API emulator without the method) is not fatal.
  await bot.telegram.setMyCommands([...COMMANDS]).catch((err: unknown) => logger.warn({ err: String(err) }, 'setMyCommands failed'));
  let started!: () => void;
  const ready = new Promise<void>((resolve) => (started = resolve));
  const launchOpts = opts.webhookUrl ? { webhook: { domain: opts.webhookUrl, port: opts.webhookPort } } : {};
  const done = bot.launch(launchOpts, () => started());
  await Promise.race([ready, done]);
  logger.info({ username: bot.botInfo?.username, mode: opts.webhookUrl ? 'webhook' : 'polling' }, 'Telegram bot started');
  return {
    done,
    stop: (reason) => {
      try {
        bot.stop(reason);
      } catch (err) {
        logger.debug({ err: String(err) }, 'bot already stopped');
      }
    },
  };
}
