import { Telegram } from 'telegraf';
import { ReminderStore } from '../../corpus/store/reminders.ts';
import { TrackingStore } from '../../corpus/store/tracking.ts';
import { createLogger } from '../logger.ts';
import { dueReminders, runTick, settingsOf, type SchedulerDeps } from '../schedule/scheduler.ts';
import type { Reminder } from '../schedule/plan.ts';
import { messenger } from '../telegram/deliver.ts';
import { cliConfig, createProgram, isEntryPoint, runCommand, UsageError, type CommonOptions } from './args.ts';
import { ensureIngested, openPlanStore } from './ensure.ts';

/**
 * `npm run -s remind -- --json [--now ISO] [--dry-run]`: the reminders a scheduler tick at that
 * instant would send, given what is already recorded as sent. Without --dry-run they are sent
 * through the Bot API (TELEGRAM_BOT_TOKEN) and recorded, exactly as the bot's own tick does.
 */
interface RemindOptions extends CommonOptions {
  now?: string;
  dryRun?: boolean;
}

/** The contract's reminder object (the store keys stay internal). */
export function toReminderJson(r: Reminder) {
  return { userId: r.userId, kind: r.kind, tasks: r.tasks, ...(r.digest ? { digest: r.digest } : {}) };
}

export function parseInstant(s: string | undefined): Date {
  if (s === undefined) return new Date();
  // A date-time with its offset, or a bare date-time read as Vietnam time (what an official means).
  const withZone = /[zZ]|[+-]\d\d:?\d\d$/.test(s) || !/T/.test(s) ? s : `${s}+07:00`;
  const t = Date.parse(withZone);
  if (Number.isNaN(t)) throw new UsageError(`--now: not an ISO date-time: ${s} (e.g. 2024-09-23T08:30:00+07:00)`);
  return new Date(t);
}

export async function runRemind(argv: string[]): Promise<number> {
  const program = createProgram('remind', 'The reminders a scheduler tick would send at an instant (and send them, without --dry-run)')
    .option('--now <iso>', 'the instant of the tick, e.g. 2024-09-23T08:30:00+07:00 (default: now)')
    .option('--dry-run', 'print what would be sent; send nothing and record nothing');
  program.parse(argv, { from: 'user' });
  const opts = program.opts<RemindOptions>();
  const config = cliConfig(opts);
  const now = parseInstant(opts.now);
  if (!opts.dryRun && !config.telegram.token) throw new UsageError('Sending reminders needs TELEGRAM_BOT_TOKEN; use --dry-run to only see them.');
  const logger = createLogger(config.logLevel);
  const plans = await openPlanStore(config);
  try {
    await ensureIngested({ config, store: plans });
    const iso = () => now.toISOString();
    const deps: SchedulerDeps = {
      plans, tracking: new TrackingStore(plans.sql, { now: iso }), reminders: new ReminderStore(plans.sql, { now: iso }),
      adminIds: config.adminIds, settings: settingsOf(config), logger, now: () => now,
    };
    let out: Reminder[];
    if (opts.dryRun) out = await dueReminders(deps, now);
    else {
      const telegram = new Telegram(config.telegram.token!, config.telegram.apiRoot ? { apiRoot: config.telegram.apiRoot } : {});
      const tick = await runTick(deps, messenger(telegram, logger), now);
      out = tick.sent;
      if (tick.failed.length || tick.unreachable.length) logger.warn({ failed: tick.failed, unreachable: tick.unreachable }, 'some reminders were not delivered');
    }
    process.stdout.write(opts.json ? `${JSON.stringify(out.map(toReminderJson))}\n` : formatPlain(out));
    return 0;
  } finally {
    await plans.sql.close();
  }
}

function formatPlain(list: Reminder[]): string {
  if (!list.length) return 'No reminders due at this instant.\n';
  return `${list.map((r) => `user ${r.userId} ${r.kind}: ${r.kind === 'digest' ? `${r.digest?.doc} (${r.digest?.tasks} tasks, ${r.digest?.overdue} overdue)` : r.tasks.map((t) => t.id).join(', ')}`).join('\n')}\n`;
}

if (isEntryPoint(import.meta.url)) await runCommand(() => runRemind(process.argv.slice(2)));
