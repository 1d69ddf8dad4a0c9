import path from 'node:path';
import type { App } from './app.ts';
import { cliConfig, createProgram, runCommand, type CommonOptions } from './cli/args.ts';
import { openReadyApp } from './cli/ready.ts';
import { createLogger } from './logger.ts';
import { createTelegramBot } from './telegram/bot.ts';
import { launchBot } from './telegram/run.ts';
import { runTerminal } from './terminal/chat.ts';
import { startDashboard, type RunningDashboard } from './dashboard/server.ts';
import { ReminderScheduler, schedulerDeps } from './schedule/scheduler.ts';
import { messenger } from './telegram/deliver.ts';

/**
 * `npm start [-- --data-dir D]`: the Telegram bot when TELEGRAM_BOT_TOKEN is set, otherwise a
 * terminal chat on the same command handlers. A fresh data dir gets the sample plans first.
 */
async function main(argv: string[]): Promise<number> {
  const program = createProgram('start', 'Trợ lý Kế hoạch: the Telegram bot, or a terminal chat without a token');
  program.parse(argv, { from: 'user' });
  const config = cliConfig(program.opts<CommonOptions>());
  const logger = createLogger(config.logLevel);
  const app = await openReadyApp(config, logger);
  try {
    if (config.telegram.token) await runTelegram(app, config.telegram.token);
    else await runChatInTerminal(app);
    return 0;
  } finally {
    await app.shutdown();
  }
}

async function runTelegram(app: App, token: string): Promise<void> {
  const { telegram } = app.config;
  const bot = createTelegramBot(app.core, { token, apiRoot: telegram.apiRoot, handlerTimeoutMs: telegram.handlerTimeoutMs }, app.logger);
  const dashboard = await startDashboardFor(app, token);
  const running = await launchBot(
    bot,
    { webhookUrl: telegram.webhookUrl, webhookPort: telegram.webhookPort, webhookSecret: telegram.webhookSecret, dashboardUrl: app.config.dashboard.url },
    app.logger,
  );
  const reminders = app.config.reminders.enabled ? new ReminderScheduler(schedulerDeps(app), messenger(bot.telegram, app.logger)) : null;
  reminders?.start(app.config.reminders.tickMs);
  app.logger.info({ reminders: reminders !== null, dashboard: dashboard?.port ?? null }, 'supervision');
  // Plans another replica (or the ingest command) adds become searchable here too.
  const unfollow = await app.followLibrary();
  const stop = (signal: string) => running.stop(signal);
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    await running.done;
  } finally {
    await unfollow();
    await reminders?.stop();
    await dashboard?.close();
  }
}

/** The dashboard on DASHBOARD_PORT, if set; it verifies users with the bot token. */
async function startDashboardFor(app: App, token: string): Promise<RunningDashboard | null> {
  const { port, host } = app.config.dashboard;
  if (port === undefined) return null;
  return startDashboard({
    plans: app.plans, tracking: app.tracking, publicQa: app.config.publicQa, adminIds: app.config.adminIds, now: app.now,
    botToken: token, port, host, logger: app.logger,
  });
}

async function runChatInTerminal(app: App): Promise<void> {
  const { userId, role } = app.config.terminal;
  if (role === 'admin') await app.tracking.ensureAdmins([userId]);
  await runTerminal(app.core, {
    input: process.stdin,
    output: process.stdout,
    user: { id: userId, name: role === 'admin' ? 'Người vận hành' : 'Người xem' },
    exportDir: path.join(app.config.dataDir, 'exports'),
    logger: app.logger,
    prompt: process.stdin.isTTY === true,
  });
}

await runCommand(() => main(process.argv.slice(2)));
