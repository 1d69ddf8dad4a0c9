import { randomBytes } from 'node:crypto';
import type { DB } from './db.ts';
import { asSql, type Sql } from './sql.ts';

/**
 * What chat sessions share across replicas: the memory behind buttons (a short token stands for
 * an answer, a task list, a status choice) and per-user rate limits. Kept in the store, so a
 * press or a message is handled the same whichever replica receives it, and after a restart.
 */
export type RateDecision = 'ok' | 'limited' | 'silent';

/** Buttons older than this answer "ask again". */
export const MEMO_TTL_MS = 7 * 24 * 3600_000;

export class SessionStore {
  readonly sql: Sql;
  private readonly now: () => number;
  private puts = 0;

  constructor(db: Sql | DB, opts: { now?: () => number } = {}) {
    this.sql = asSql(db);
    this.now = opts.now ?? Date.now;
  }

  /** Stores a value under a new unguessable token (10 characters, well inside Telegram's 64-byte callback data). */
  async putMemo(kind: string, value: unknown): Promise<string> {
    const token = randomBytes(8).toString('base64url').slice(0, 10);
    const at = this.now();
    await this.sql.run('INSERT INTO memos (token, kind, value, at) VALUES (?, ?, ?, ?)', [token, kind, JSON.stringify(value), at]);
    if (++this.puts % 100 === 1) await this.sql.run('DELETE FROM memos WHERE at < ?', [at - MEMO_TTL_MS]);
    return token;
  }

  async getMemo<T>(kind: string, token: string): Promise<T | undefined> {
    const row = await this.sql.get<{ value: string; at: number }>('SELECT value, at FROM memos WHERE token = ? AND kind = ?', [token, kind]);
    if (!row || row.at < this.now() - MEMO_TTL_MS) return undefined;
    return JSON.parse(row.value) as T;
  }

  /**
   * Counts a message against the user's limit in a sliding window, across replicas. Over the
   * limit the first refused message gets a notice ('limited'), the rest of the burst is
   * dropped ('silent').
   */
  async rateCheck(userId: number, limit: number, windowMs: number): Promise<RateDecision> {
    return this.sql.tx(async (q) => {
      // PostgreSQL: replicas checking one user at once queue on a lock of that user; SQLite's write transaction already does.
      if (q.dialect === 'postgres') await q.get('SELECT pg_advisory_xact_lock(?, ?) AS x', [RATE_LOCK, userId % 2 ** 31]);
      const t = this.now();
      await q.run('DELETE FROM rate_hits WHERE user_id = ? AND at <= ?', [userId, t - windowMs]);
      const n = (await q.get<{ n: number }>('SELECT COUNT(*) AS n FROM rate_hits WHERE user_id = ?', [userId]))!.n;
      if (n >= limit) {
        const fresh = (await q.run('INSERT INTO rate_warned (user_id) VALUES (?) ON CONFLICT DO NOTHING', [userId])).changes === 1;
        return fresh ? 'limited' : 'silent';
      }
      await q.run('INSERT INTO rate_hits (user_id, at) VALUES (?, ?)', [userId, t]);
      await q.run('DELETE FROM rate_warned WHERE user_id = ?', [userId]);
      return 'ok';
    });
  }
}

/** First key of the advisory locks the rate limiter takes (the second is the user). */
const RATE_LOCK = 7_305_119;
