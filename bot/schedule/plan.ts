/**
 * Which reminders a scheduler tick sends at an instant: pure, over the tasks, users and what
 * was already sent. Time is Vietnam's (Asia/Ho_Chi_Minh, UTC+7 all year, no daylight saving).
 * Nothing goes out at night or on weekends: a working day's reminders not yet sent are due at
 * any hour of its working hours.
 *
 * - `due`: a task the user's agency leads or coordinates is due within REMIND_DAYS: once per
 *   occurrence of its deadline.
 * - `overdue`: its (one-off) deadline has passed: once a week while it stays overdue.
 * - `stale`: no update for STALE_DAYS (counted from the plan's ingest when never updated): once
 *   per STALE_DAYS without news.
 * - `digest`: administrators, weekly from DIGEST_WEEKDAY at DIGEST_HOUR, per plan: counts by
 *   status, overdue, never updated, the five most overdue.
 *
 * A task marked done is never reminded; a user who turned reminders off (/nhacnho tat) gets none.
 */
import type { DocumentSummary, TaskRecord, TaskStatusCode } from '../../corpus/store/documents.ts';
import { agencyMatchKey, STATUS_CODES, type User } from '../../corpus/store/tracking.ts';
import { dueOn } from './due.ts';

export type ReminderKind = 'due' | 'overdue' | 'stale' | 'digest';

export interface ReminderSettings {
  remindDays: number;
  staleDays: number;
  /** 1 = Monday … 7 = Sunday. */
  digestWeekday: number;
  digestHour: number;
  /** Working hours, local time: [start, end) in hours. */
  workStart: number;
  workEnd: number;
}

export const DEFAULT_SETTINGS: ReminderSettings = { remindDays: 7, staleDays: 30, digestWeekday: 1, digestHour: 8, workStart: 8, workEnd: 17 };

export interface ReminderTask {
  id: string;
  doc: string;
  section: string;
  text: string;
  lead: string[];
  /** The date the reminder is about (deadline occurrence, or the last update for `stale`). */
  date: string | null;
  deadline: string | null;
  status: TaskStatusCode | null;
  /** Days past the deadline (overdue) or since the last news (stale). */
  days?: number;
  /** The user's agency leads the task, or coordinates it (editor reminders only). */
  role?: 'lead' | 'coordinator';
}

export interface DigestCounts {
  doc: string;
  title: string | null;
  tasks: number;
  byStatus: Record<TaskStatusCode, number>;
  overdue: number;
  neverUpdated: number;
}

export interface Reminder {
  userId: number;
  kind: ReminderKind;
  tasks: ReminderTask[];
  /** Digest only: the plan's numbers. */
  digest?: DigestCounts;
  /** One key per task (or per plan for a digest): what is recorded as sent. */
  keys: string[];
}

/** What was already sent: a set, or the store looked up key by key. */
export interface SentKeys {
  has(key: string): boolean;
}

export interface PlanInput {
  now: Date;
  tasks: readonly TaskRecord[];
  docs: readonly DocumentSummary[];
  users: readonly User[];
  adminIds: readonly number[];
  /** Users who turned reminders off (/nhacnho tat). */
  optedOut: ReadonlySet<number>;
  /** Keys already recorded as sent. */
  sent: SentKeys;
  settings?: ReminderSettings;
}

const VN_OFFSET_MS = 7 * 3600_000;

/** Local date, ISO weekday and hour in Vietnam. */
export function vnClock(now: Date): { date: string; weekday: number; hour: number; week: string } {
  const local = new Date(now.getTime() + VN_OFFSET_MS);
  const date = local.toISOString().slice(0, 10);
  const weekday = local.getUTCDay() === 0 ? 7 : local.getUTCDay();
  return { date, weekday, hour: local.getUTCHours(), week: isoWeek(local) };
}

/** "2024-W36": the ISO week of a date given as local midnight-aligned UTC fields. */
function isoWeek(local: Date): string {
  const d = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()));
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const yearStart = new Date(Date.UTC(d.getUTCFullYear(), 0, 1));
  const week = Math.ceil(((d.getTime() - yearStart.getTime()) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

const dayMs = 86_400_000;
/** The Vietnam calendar day of an ISO instant; '' when there is none. */
const vnDate = (instant: string) => {
  const t = Date.parse(instant);
  return Number.isNaN(t) ? '' : new Date(t + VN_OFFSET_MS).toISOString().slice(0, 10);
};
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs);

/** The role the user's agencies hold in the task (under the name as written, canonical, or today's successor), if any. */
function roleIn(user: User, t: TaskRecord): 'lead' | 'coordinator' | null {
  const mine = new Set(user.agencies.map(agencyMatchKey));
  const holds = (names: readonly string[]) => names.some((a) => [a, t.canonical[a], t.now[a]].some((n) => n !== undefined && mine.has(agencyMatchKey(n))));
  return holds(t.lead) ? 'lead' : holds(t.coordinators) ? 'coordinator' : null;
}

function taskRef(t: TaskRecord, date: string | null, days?: number): ReminderTask {
  return {
    id: t.id, doc: t.docId, section: t.section, text: t.text, lead: t.lead, date, deadline: t.deadline?.text ?? null,
    status: t.status?.status ?? null, ...(days !== undefined ? { days } : {}),
  };
}

function editorReminders(user: User, open: readonly TaskRecord[], ingested: ReadonlyMap<string, string>, today: string, week: string, s: ReminderSettings, sent: SentKeys): Reminder[] {
  const due: Array<[ReminderTask, string]> = [];
  const overdue: Array<[ReminderTask, string]> = [];
  const stale: Array<[ReminderTask, string]> = [];
  for (const t of open) {
    const role = roleIn(user, t);
    if (!role) continue;
    const ref = (date: string | null, days?: number) => ({ ...taskRef(t, date, days), role });
    const d = dueOn(t.deadline, today);
    if (d && d.date >= today && daysBetween(today, d.date) <= s.remindDays) {
      due.push([ref(d.date, daysBetween(today, d.date)), `${user.id}:due:${t.id}:${d.date}`]);
    } else if (d && !d.recurring && d.date < today) {
      overdue.push([ref(d.date, daysBetween(d.date, today)), `${user.id}:overdue:${t.id}:${week}`]);
    }
    // Never updated: counted from the day the plan came into the assistant, not the plan's own date.
    const since = vnDate(t.status?.at ?? ingested.get(t.docId) ?? '');
    if (since) {
      const quiet = daysBetween(since, today);
      if (quiet >= s.staleDays) stale.push([ref(since, quiet), `${user.id}:stale:${t.id}:${since}:${Math.floor(quiet / s.staleDays)}`]);
    }
  }
  const make = (kind: ReminderKind, list: Array<[ReminderTask, string]>): Reminder[] => {
    const fresh = list.filter(([, key]) => !sent.has(key)).sort((a, b) => (a[0].date ?? '').localeCompare(b[0].date ?? ''));
    return fresh.length ? [{ userId: user.id, kind, tasks: fresh.map(([t]) => t), keys: fresh.map(([, k]) => k) }] : [];
  };
  return [...make('due', due), ...make('overdue', overdue), ...make('stale', stale)];
}

function digests(adminId: number, open: readonly TaskRecord[], all: readonly TaskRecord[], docs: readonly DocumentSummary[], today: string, week: string, sent: SentKeys): Reminder[] {
  const out: Reminder[] = [];
  for (const doc of docs) {
    const key = `${adminId}:digest:${doc.id}:${week}`;
    if (sent.has(key)) continue;
    const tasks = all.filter((t) => t.docId === doc.id && t.removedAt === null);
    if (tasks.length === 0) continue;
    const byStatus = Object.fromEntries(STATUS_CODES.map((c) => [c, 0])) as Record<TaskStatusCode, number>;
    for (const t of tasks) if (t.status) byStatus[t.status.status] += 1;
    const late = open
      .filter((t) => t.docId === doc.id)
      .flatMap((t) => {
        const d = dueOn(t.deadline, today);
        return d && !d.recurring && d.date < today ? [taskRef(t, d.date, daysBetween(d.date, today))] : [];
      })
      .sort((a, b) => (b.days ?? 0) - (a.days ?? 0));
    out.push({
      userId: adminId, kind: 'digest', tasks: late.slice(0, 5), keys: [key],
      digest: { doc: doc.id, title: doc.title, tasks: tasks.length, byStatus, overdue: late.length, neverUpdated: tasks.filter((t) => t.status === null).length },
    });
  }
  return out;
}

/** The reminders due at `now` that were not sent yet; empty at night and on weekends. */
export function planReminders(input: PlanInput): Reminder[] {
  const s = input.settings ?? DEFAULT_SETTINGS;
  const clock = vnClock(input.now);
  if (clock.weekday > 5 || clock.hour < s.workStart || clock.hour >= s.workEnd) return [];
  const open = input.tasks.filter((t) => t.removedAt === null && t.status?.status !== 'hoan_thanh');
  const ingested = new Map(input.docs.map((d) => [d.id, d.ingestedAt]));
  const out: Reminder[] = [];
  const admins = new Set([...input.adminIds, ...input.users.filter((u) => u.role === 'admin').map((u) => u.id)]);
  const optedOut = input.optedOut;
  for (const user of input.users) {
    if (optedOut.has(user.id) || user.role !== 'editor' || user.agencies.length === 0) continue;
    out.push(...editorReminders(user, open, ingested, clock.date, clock.week, s, input.sent));
  }
  const digestTime = clock.weekday > s.digestWeekday || (clock.weekday === s.digestWeekday && clock.hour >= s.digestHour);
  if (digestTime) {
    for (const id of [...admins].sort((a, b) => a - b)) {
      if (!optedOut.has(id)) out.push(...digests(id, open, input.tasks, input.docs, clock.date, clock.week, input.sent));
    }
  }
  return out;
}

