import type Database from 'better-sqlite3';
import pg, { type Pool, type PoolClient } from 'pg';

/**
 * The one interface every store talks to, with two implementations: SQLite (better-sqlite3,
 * the default, one file) and PostgreSQL (`pg`, shared by several bot replicas). Statements are
 * written once, in the SQL both accept, with `?` placeholders.
 */
export type Params = readonly unknown[];

export interface Sql {
  readonly dialect: 'sqlite' | 'postgres';
  all<T>(sql: string, params?: Params): Promise<T[]>;
  get<T>(sql: string, params?: Params): Promise<T | undefined>;
  /** A statement without rows; `changes` counts the rows it inserted, updated or deleted. */
  run(sql: string, params?: Params): Promise<{ changes: number }>;
  /** Runs `fn` in one transaction (a savepoint when already inside one): all of it or nothing. */
  tx<T>(fn: (q: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /**
   * PostgreSQL only: `onMessage` for every NOTIFY on `channel`, from any replica, on a
   * connection of its own that reconnects when it drops (`onError` hears why).
   */
  listen?(channel: string, onMessage: (payload: string) => void, onError?: (err: unknown) => void): Promise<{ close(): Promise<void> }>;
  notify?(channel: string, payload: string): Promise<void>;
  /** PostgreSQL only: runs `fn` while holding a session lock no other replica can take at once. */
  exclusive?<T>(key: number, fn: () => Promise<T>): Promise<T>;
}

/** A small FIFO lock: one SQLite transaction at a time, and nothing else while it is open. */
class Lock {
  private tail: Promise<void> = Promise.resolve();

  async hold<T>(fn: () => Promise<T>): Promise<T> {
    const before = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((r) => (release = r));
    await before;
    try {
      return await fn();
    } finally {
      release();
    }
  }
}

/**
 * One lock per database file in this process: two connections to one file (two schedulers in a
 * test, the ingest command beside the app) must not both hold a transaction across awaits,
 * or the second one's BEGIN would wait synchronously for a lock the first can never release.
 */
const fileLocks = new Map<string, Lock>();

function lockFor(db: Database.Database): Lock {
  if (db.memory) return new Lock();
  let lock = fileLocks.get(db.name);
  if (!lock) fileLocks.set(db.name, (lock = new Lock()));
  return lock;
}

/**
 * SQLite through better-sqlite3. Its calls are synchronous; an async transaction holds a lock
 * so that no other statement of this process runs inside it while it awaits.
 */
export class SqliteSql implements Sql {
  readonly dialect = 'sqlite' as const;
  private readonly statements: Map<string, Database.Statement>;
  private readonly lock: Lock;
  private readonly depth: number;

  constructor(readonly db: Database.Database, inner?: { lock: Lock; depth: number; statements: Map<string, Database.Statement> }) {
    this.lock = inner?.lock ?? lockFor(db);
    this.depth = inner?.depth ?? 0;
    this.statements = inner?.statements ?? new Map();
  }

  private inner(depth: number): SqliteSql {
    return new SqliteSql(this.db, { lock: this.lock, depth, statements: this.statements });
  }

  private statement(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) this.statements.set(sql, (s = this.db.prepare(sql)));
    return s;
  }

  /** Outside a transaction a statement waits for an open one to finish. */
  private when<T>(fn: () => T): Promise<T> {
    return this.depth > 0 ? Promise.resolve().then(fn) : this.lock.hold(async () => fn());
  }

  all<T>(sql: string, params: Params = []): Promise<T[]> {
    return this.when(() => this.statement(sql).all(...params) as T[]);
  }

  get<T>(sql: string, params: Params = []): Promise<T | undefined> {
    return this.when(() => this.statement(sql).get(...params) as T | undefined);
  }

  run(sql: string, params: Params = []): Promise<{ changes: number }> {
    return this.when(() => ({ changes: this.statement(sql).run(...params).changes }));
  }

  async tx<T>(fn: (q: Sql) => Promise<T>): Promise<T> {
    if (this.depth > 0) {
      const name = `sp${this.depth}`;
      this.db.exec(`SAVEPOINT ${name}`);
      try {
        const out = await fn(this.inner(this.depth + 1));
        this.db.exec(`RELEASE ${name}`);
        return out;
      } catch (err) {
        this.db.exec(`ROLLBACK TO ${name}; RELEASE ${name}`);
        throw err;
      }
    }
    return this.lock.hold(async () => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const out = await fn(this.inner(1));
        this.db.exec('COMMIT');
        return out;
      } catch (err) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw err;
      }
    });
  }

  async close(): Promise<void> {
    await this.lock.hold(async () => {
      if (this.db.open) this.db.close();
    });
  }
}

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

const wrapped = new WeakMap<Database.Database, SqliteSql>();

/** A store's handle: an `Sql`, or a better-sqlite3 database (every store on one file shares one wrapper, so one lock). */
export function asSql(target: Sql | Database.Database): Sql {
  if ('dialect' in target) return target;
  let sql = wrapped.get(target);
  if (!sql) wrapped.set(target, (sql = new SqliteSql(target)));
  return sql;
}
