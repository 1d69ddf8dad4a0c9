import type Database from 'better-sqlite3';
import type { Params, Sql } from '../sql.ts';

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
