import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Telegraf } from 'telegraf';
import type { Logger } from '../logger.ts';
import { COMMANDS } from '../core/commands/info.ts';

/** Starting and stopping the Telegram bot: long polling, or a webhook when WEBHOOK_URL is set. */

export interface LaunchOptions {
  webhookUrl?: string | undefined;
  webhookPort: number;
  /** Interface the webhook server listens on; all interfaces when unset (behind a reverse proxy). */
  webhookHost?: string | undefined;
  /** Telegram sends it in X-Telegram-Bot-Api-Secret-Token with every update; others are refused. */
  webhookSecret?: string | undefined;
  /** The dashboard Mini App: set as the bot's menu button when given. */
  dashboardUrl?: string | undefined;
}

export interface RunningBot {
  /** Resolves when the bot has stopped (polling loop ended, webhook server closed); rejects if it stopped on an error. */
  done: Promise<void>;
  stop(reason: string): void;
  /** The port the webhook server listens on (useful with webhookPort 0); undefined when polling. */
  webhookPort?: number;
}

export class LaunchError extends Error {
  override name = 'LaunchError';
}

export async function launchBot(bot: Telegraf, opts: LaunchOptions, logger: Logger): Promise<RunningBot> {
  // The menu is a convenience: a failure (e.g. a Bot API emulator without the method) is not fatal.
  await bot.telegram.setMyCommands([...COMMANDS]).catch((err: unknown) => logger.warn({ err: String(err) }, 'setMyCommands failed'));
  if (opts.dashboardUrl) {
    await bot.telegram
      .setChatMenuButton({ menuButton: { type: 'web_app', text: 'Bảng theo dõi', web_app: { url: opts.dashboardUrl } } })
      .catch((err: unknown) => logger.warn({ err: String(err) }, 'setChatMenuButton failed'));
  }
  if (opts.webhookUrl) return launchWebhook(bot, opts.webhookUrl, opts, logger);
  let started!: () => void;
  const ready = new Promise<void>((resolve) => (started = resolve));
  const done = bot.launch({}, () => started());
  await Promise.race([ready, done]);
  logger.info({ username: bot.botInfo?.username, mode: 'polling' }, 'Telegram bot started');
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

/**
 * Not telegraf's `launch({ webhook })`: it keeps only the host of the URL (listening on
 * /telegraf/<hash> whatever path the operator's proxy forwards) and resolves as soon as the
 * hook is set, so the caller closed the app under a live server. Here the URL's path is the
 * listening path, other paths get 404, and `done` lasts as long as the server.
 */
async function launchWebhook(bot: Telegraf, webhookUrl: string, opts: LaunchOptions, logger: Logger): Promise<RunningBot> {
  const url = webhookTarget(webhookUrl, bot.secretPathComponent());
  bot.botInfo ??= await bot.telegram.getMe();
  const callback = bot.webhookCallback(url.pathname + url.search, opts.webhookSecret ? { secretToken: opts.webhookSecret } : {});
  const server = http.createServer((req, res) => {
    void callback(req, res, () => res.writeHead(404).end());
  });
  const port = await listen(server, opts.webhookPort, opts.webhookHost);
  const done = new Promise<void>((resolve) => server.once('close', () => resolve()));
  const stop = (reason: string) => {
    logger.info({ reason }, 'stopping the webhook server');
    server.close();
    server.closeIdleConnections();
  };
  try {
    // Listening first: Telegram may deliver a queued update as soon as the hook is set.
    await bot.telegram.setWebhook(url.href, opts.webhookSecret ? { secret_token: opts.webhookSecret } : {});
  } catch (err) {
    stop('setWebhook failed');
    throw new LaunchError(`setWebhook ${url.origin} failed`, { cause: err });
  }
  logger.info({ username: bot.botInfo.username, mode: 'webhook', port }, 'Telegram bot started');
  return { done, stop, webhookPort: port };
}

/** The operator's URL; a bare domain gets telegraf's token-derived secret path so updates cannot be forged by guessing "/". */
export function webhookTarget(webhookUrl: string, secretPath: string): URL {
  let url: URL;
  try {
    url = new URL(webhookUrl);
  } catch (err) {
    throw new LaunchError(`WEBHOOK_URL is not a URL: ${webhookUrl}`, { cause: err });
  }
  if (url.pathname === '/') url.pathname = `/telegraf/${secretPath}`;
  return url;
}

function listen(server: http.Server, port: number, host: string | undefined): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (err) => reject(new LaunchError(`webhook server cannot listen on port ${port}`, { cause: err })));
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}
