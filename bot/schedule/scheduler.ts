import type { ClaimInput, ReminderStore } from '../../corpus/store/reminders.ts';
import type { TrackingStore } from '../../corpus/store/tracking.ts';
import type { PlanReader } from '../core/types.ts';
import type { App } from '../app.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { formatDigest, formatEditorReminder } from './format.ts';
import { DEFAULT_SETTINGS, planReminders, type Reminder, type ReminderSettings, type SentKeys } from './plan.ts';

/**
 * The scheduler inside the bot process: every tick it works out the reminders due (pure
 * `planReminders`), claims them in the store, sends one message per user, and gives the claim
 * back when sending failed for a reason that may pass. Ticks never overlap.
 */

/** What a send reports: delivered, or the user cannot be reached (blocked the bot, never opened it). */
export type SendOutcome = 'sent' | 'unreachable';

export interface SchedulerDeps {
  plans: Pick<PlanReader, 'listTasks' | 'listDocuments'>;
  tracking: Pick<TrackingStore, 'listUsers'>;
  reminders: ReminderStore;
  adminIds: readonly number[];
  settings: ReminderSettings;
  logger: Logger;
  now?: () => Date;
}

export interface TickResult {
  /** Reminders delivered in this tick (only the lines this process claimed). */
  sent: Reminder[];
  /** Users whose message failed; their lines go out on a later tick. */
  failed: number[];
  unreachable: number[];
}

/**
 * The reminders a tick at `now` would send, given what the store says was sent. The planner is
 * pure and asks "was this key sent?" synchronously: the keys it asks about are read from the
 * store in one query, and it runs again until it asks about nothing unread.
 */
export async function dueReminders(deps: SchedulerDeps, now: Date, sent?: SentKeys): Promise<Reminder[]> {
  const input = {
    now,
    tasks: await deps.plans.listTasks(),
    docs: await deps.plans.listDocuments(),
    users: await deps.tracking.listUsers(),
    adminIds: deps.adminIds,
    optedOut: await deps.reminders.optedOut(),
    settings: deps.settings,
  };
  if (sent) return planReminders({ ...input, sent });
  const known = new Map<string, boolean>();
  for (;;) {
    const unread = new Set<string>();
    const out = planReminders({
      ...input,
      sent: {
        has: (key) => {
          const v = known.get(key);
          if (v === undefined) unread.add(key);
          return v ?? false;
        },
      },
    });
    if (!unread.size) return out;
    const claimed = await deps.reminders.claimedOf([...unread]);
    for (const k of unread) known.set(k, claimed.has(k));
  }
}

/** Keeps of a reminder only the lines whose keys this process claimed. */
function keep(r: Reminder, claimed: ReadonlySet<string>): Reminder | null {
  if (r.kind === 'digest') return claimed.has(r.keys[0] ?? '') ? r : null;
  const idx = r.keys.map((k, i) => (claimed.has(k) ? i : -1)).filter((i) => i >= 0);
  if (!idx.length) return null;
  return { ...r, tasks: idx.map((i) => r.tasks[i]!), keys: idx.map((i) => r.keys[i]!) };
}

function claims(r: Reminder): ClaimInput[] {
  return r.keys.map((key, i) => ({ key, userId: r.userId, kind: r.kind, taskId: r.kind === 'digest' ? null : r.tasks[i]?.id ?? null }));
}

/** One tick: claim, send a message per user (editor lines together, digests together), release on failure. */
export async function runTick(deps: SchedulerDeps, send: (userId: number, html: string) => Promise<SendOutcome>, now: Date): Promise<TickResult> {
  const result: TickResult = { sent: [], failed: [], unreachable: [] };
  const byMessage = new Map<string, Reminder[]>();
  for (const r of await dueReminders(deps, now)) {
    const k = `${r.userId}:${r.kind === 'digest' ? 'digest' : 'tasks'}`;
    byMessage.set(k, [...(byMessage.get(k) ?? []), r]);
  }
  for (const [k, group] of byMessage) {
    const claimed = new Set(await deps.reminders.claim(group.flatMap(claims)));
    const mine = group.map((r) => keep(r, claimed)).filter((r): r is Reminder => r !== null);
    if (!mine.length) continue;
    const userId = mine[0]!.userId;
    const html = k.endsWith(':digest') ? formatDigest(mine) : formatEditorReminder(mine, deps.settings);
    try {
      const outcome = await send(userId, html);
      if (outcome === 'unreachable') {
        // Kept as claimed: retrying every tick cannot reach a user who blocked the bot.
        result.unreachable.push(userId);
        deps.logger.info({ userId }, 'reminder not delivered: the user cannot be reached');
        continue;
      }
      result.sent.push(...mine);
    } catch (err) {
      await deps.reminders.release([...claimed]);
      result.failed.push(userId);
      deps.logger.warn({ userId, err: String(err) }, 'reminder not sent; will retry on the next tick');
    }
  }
  if (result.sent.length) deps.logger.info({ reminders: result.sent.length, users: new Set(result.sent.map((r) => r.userId)).size }, 'reminders sent');
  return result;
}

export class ReminderScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<TickResult> | null = null;

  constructor(
    private readonly deps: SchedulerDeps,
    private readonly send: (userId: number, html: string) => Promise<SendOutcome>,
  ) {}

  /** Runs a tick now, unless one is still running (then waits for that one). */
  tick(): Promise<TickResult> {
    this.running ??= runTick(this.deps, this.send, this.deps.now?.() ?? new Date())
      .catch((err: unknown) => {
        this.deps.logger.error({ err }, 'reminder tick failed');
        return { sent: [], failed: [], unreachable: [] };
      })
      .finally(() => (this.running = null));
    return this.running;
  }

  /** Ticks every `intervalMs`, first right away; the timer never keeps the process alive. */
  start(intervalMs: number): void {
    if (this.timer) return;
    void this.tick();
    this.timer = setInterval(() => void this.tick(), intervalMs);
    this.timer.unref();
  }

  /** Stops ticking and waits for a tick in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}

/** The reminder rules from the configuration (working hours are fixed: 8–17 h, Vietnam time). */
export function settingsOf(config: Config): ReminderSettings {
  const r = config.reminders;
  return { ...DEFAULT_SETTINGS, remindDays: r.remindDays, staleDays: r.staleDays, digestWeekday: r.digestWeekday, digestHour: r.digestHour };
}

/** The scheduler over an app's stores and clock. */
export function schedulerDeps(app: Pick<App, 'plans' | 'tracking' | 'reminders' | 'config' | 'logger' | 'now'>): SchedulerDeps {
  return { plans: app.plans, tracking: app.tracking, reminders: app.reminders, adminIds: app.config.adminIds, settings: settingsOf(app.config), logger: app.logger, now: app.now };
}
