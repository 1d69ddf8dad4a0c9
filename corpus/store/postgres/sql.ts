import pg, { type Pool, type PoolClient } from 'pg';
import type { Params, Sql } from '../sql.ts';

/** `?` placeholders as PostgreSQL's `$1, $2, …` (none of our statements has a `?` inside a string). */
export function numbered(sql: string): string {
  let n = 0;
  let out = '';
  let quoted = false;
  for (const ch of sql) {
    if (ch === "'") quoted = !quoted;
    out += ch === '?' && !quoted ? `$${++n}` : ch;
  }
  return out;
}

type Queryable = Pool | PoolClient;

/** PostgreSQL through a `pg` pool; a transaction runs on one client taken from the pool. */
export class PgSql implements Sql {
  readonly dialect = 'postgres' as const;
  private readonly texts = new Map<string, string>();

  constructor(
    private readonly pool: Pool,
    private readonly client: PoolClient | null = null,
    private readonly depth = 0,
  ) {}

  private get target(): Queryable {
    return this.client ?? this.pool;
  }

  private text(sql: string): string {
    let t = this.texts.get(sql);
    if (t === undefined) this.texts.set(sql, (t = numbered(sql)));
    return t;
  }

  async all<T>(sql: string, params: Params = []): Promise<T[]> {
    const res = await this.target.query(this.text(sql), params as unknown[]);
    return res.rows as T[];
  }

  async get<T>(sql: string, params: Params = []): Promise<T | undefined> {
    const res = await this.target.query(this.text(sql), params as unknown[]);
    return res.rows[0] as T | undefined;
  }

  async run(sql: string, params: Params = []): Promise<{ changes: number }> {
    const res = await this.target.query(this.text(sql), params as unknown[]);
    return { changes: res.rowCount ?? 0 };
  }

  async tx<T>(fn: (q: Sql) => Promise<T>): Promise<T> {
    if (this.client) {
      const name = `sp${this.depth}`;
      await this.client.query(`SAVEPOINT ${name}`);
      try {
        const out = await fn(new PgSql(this.pool, this.client, this.depth + 1));
        await this.client.query(`RELEASE SAVEPOINT ${name}`);
        return out;
      } catch (err) {
        await this.client.query(`ROLLBACK TO SAVEPOINT ${name}`);
        throw err;
      }
    }
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const out = await fn(new PgSql(this.pool, client, 1));
      await client.query('COMMIT');
      return out;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    if (!this.client) await this.pool.end();
  }

  async exclusive<T>(key: number, fn: () => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [key]);
      try {
        return await fn();
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [key]);
      }
    } finally {
      client.release();
    }
  }

  async notify(channel: string, payload: string): Promise<void> {
    await this.pool.query('SELECT pg_notify($1, $2)', [channel, payload]);
  }

  async listen(channel: string, onMessage: (payload: string) => void, onError?: (err: unknown) => void): Promise<{ close(): Promise<void> }> {
    if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`bad channel name ${channel}`);
    let closed = false;
    let client: pg.Client | null = null;
    let retry: NodeJS.Timeout | null = null;
    const connect = async (): Promise<void> => {
      const c = new pg.Client(this.pool.options);
      c.on('notification', (msg) => {
        if (msg.channel === channel) onMessage(msg.payload ?? '');
      });
      const again = (err: unknown) => {
        if (closed || client !== c) return;
        client = null;
        onError?.(err);
        c.end().catch(() => undefined);
        retry = setTimeout(() => void connect().catch(again), 2000);
        retry.unref();
      };
      c.on('error', again);
      c.on('end', () => again(new Error('LISTEN connection ended')));
      client = c;
      await c.connect();
      await c.query(`LISTEN ${channel}`);
    };
    await connect();
    return {
      close: async () => {
        closed = true;
        if (retry) clearTimeout(retry);
        await client?.end().catch(() => undefined);
      },
    };
  }
}
