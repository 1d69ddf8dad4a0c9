import type { DB } from './db.ts';

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
  readonly db: DB;
  private readonly now: () => string;

  constructor(db: DB, opts: { now?: () => string } = {}) {
    this.db = db;
    this.now = opts.now ?? (() => new Date().toISOString());
  }

  /** Whether a key was already claimed (sent, or being sent by another process). */
  has(key: string): boolean {
    return this.db.prepare('SELECT 1 FROM reminders_sent WHERE key = ?').get(key) !== undefined;
  }

  /** Claims the keys not yet claimed, atomically; returns those this call claimed. */
  claim(items: readonly ClaimInput[]): string[] {
    const insert = this.db.prepare('INSERT OR IGNORE INTO reminders_sent (key, user_id, kind, task_id, at) VALUES (?, ?, ?, ?, ?)');
    return this.db.transaction(() => {
      const at = this.now();
      return items.filter((i) => insert.run(i.key, i.userId, i.kind, i.taskId, at).changes === 1).map((i) => i.key);
    })();
  }

  /** Gives claimed keys back after a failed send, so the next tick tries again. */
  release(keys: readonly string[]): void {
    const del = this.db.prepare('DELETE FROM reminders_sent WHERE key = ?');
    this.db.transaction(() => {
      for (const k of keys) del.run(k);
    })();
  }

  /** Reminders recorded for a user, newest first (for /nhacnho and tests). */
  sentTo(userId: number, limit = 50): Array<{ key: string; kind: ReminderKindCode; taskId: string | null; at: string }> {
    const rows = this.db.prepare('SELECT key, kind, task_id, at FROM reminders_sent WHERE user_id = ? ORDER BY at DESC, key LIMIT ?').all(userId, limit) as
      { key: string; kind: ReminderKindCode; task_id: string | null; at: string }[];
    return rows.map((r) => ({ key: r.key, kind: r.kind, taskId: r.task_id, at: r.at }));
  }

  setOptOut(userId: number, off: boolean): void {
    if (off) this.db.prepare('INSERT INTO reminder_optout (user_id, at) VALUES (?, ?) ON CONFLICT(user_id) DO NOTHING').run(userId, this.now());
    else this.db.prepare('DELETE FROM reminder_optout WHERE user_id = ?').run(userId);
  }

  isOptedOut(userId: number): boolean {
    return this.db.prepare('SELECT 1 FROM reminder_optout WHERE user_id = ?').get(userId) !== undefined;
  }

  optedOut(): Set<number> {
    return new Set((this.db.prepare('SELECT user_id FROM reminder_optout').all() as { user_id: number }[]).map((r) => r.user_id));
  }
}
