import type { DB } from './db.ts';
import { asSql, type Sql } from './sql.ts';

/**
 * What the reminder scheduler sent, and who opted out. A reminder line is *claimed* (its key
 * inserted) before it is sent, in one transaction: whichever process claims a key first sends
 * it, so a restart or a second replica never sends it again. A send that fails releases its
 * keys for the next tick. A crash between claim and send loses that one reminder rather than
 * risk sending it twice.
 */
export type ReminderKindCode = 'due' | 'overdue' | 'stale' | 'digest';

export interface ClaimInput {
  key: string;
  userId: number;
  kind: ReminderKindCode;
  taskId: string | null;
}

export class ReminderStore {
  readonly sql: Sql;
  private readonly now: () => string;

  constructor(db: Sql | DB, opts: { now?: () => string } = {}) {
    this.sql = asSql(db);
    this.now = opts.now ?? (() => new Date().toISOString());
  }

  /** Whether a key was already claimed (sent, or being sent by another process). */
  async has(key: string): Promise<boolean> {
    return (await this.sql.get('SELECT 1 AS x FROM reminders_sent WHERE key = ?', [key])) !== undefined;
  }

  /** Which of these keys were claimed. */
  async claimedOf(keys: readonly string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (let i = 0; i < keys.length; i += 500) {
      const chunk = keys.slice(i, i + 500);
      const rows = await this.sql.all<{ key: string }>(`SELECT key FROM reminders_sent WHERE key IN (${chunk.map(() => '?').join(',')})`, chunk);
      for (const r of rows) out.add(r.key);
    }
    return out;
  }

  /** Claims the keys not yet claimed, atomically; returns those this call claimed. */
  async claim(items: readonly ClaimInput[]): Promise<string[]> {
    return this.sql.tx(async (q) => {
      const at = this.now();
      const won: string[] = [];
      for (const i of items) {
        const done = await q.run('INSERT INTO reminders_sent (key, user_id, kind, task_id, at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING', [i.key, i.userId, i.kind, i.taskId, at]);
        if (done.changes === 1) won.push(i.key);
      }
      return won;
    });
  }

  /** Gives claimed keys back after a failed send, so the next tick tries again. */
  async release(keys: readonly string[]): Promise<void> {
    await this.sql.tx(async (q) => {
      for (const k of keys) await q.run('DELETE FROM reminders_sent WHERE key = ?', [k]);
    });
  }

  /** Reminders recorded for a user, newest first (for /nhacnho and tests). */
  async sentTo(userId: number, limit = 50): Promise<Array<{ key: string; kind: ReminderKindCode; taskId: string | null; at: string }>> {
    const rows = await this.sql.all<{ key: string; kind: ReminderKindCode; task_id: string | null; at: string }>(
      'SELECT key, kind, task_id, at FROM reminders_sent WHERE user_id = ? ORDER BY at DESC, key LIMIT ?', [userId, limit]);
    return rows.map((r) => ({ key: r.key, kind: r.kind, taskId: r.task_id, at: r.at }));
  }

  async setOptOut(userId: number, off: boolean): Promise<void> {
    if (off) await this.sql.run('INSERT INTO reminder_optout (user_id, at) VALUES (?, ?) ON CONFLICT(user_id) DO NOTHING', [userId, this.now()]);
    else await this.sql.run('DELETE FROM reminder_optout WHERE user_id = ?', [userId]);
  }

  async isOptedOut(userId: number): Promise<boolean> {
    return (await this.sql.get('SELECT 1 AS x FROM reminder_optout WHERE user_id = ?', [userId])) !== undefined;
  }

  async optedOut(): Promise<Set<number>> {
    return new Set((await this.sql.all<{ user_id: number }>('SELECT user_id FROM reminder_optout')).map((r) => r.user_id));
  }
}
