import type Database from 'better-sqlite3';
import { SqliteSql } from './sqlite/sql.ts';

/**
 * The one interface every store talks to, with one implementation per backend: SQLite
 * (`sqlite/`, better-sqlite3, the default, one file) and PostgreSQL (`postgres/`, `pg`, shared by
 * several bot replicas). The stores write each statement once, in the SQL both accept, with `?`
 * placeholders; the same store suite runs against both (`backends.ts`).
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

const wrapped = new WeakMap<Database.Database, SqliteSql>();

/** A store's handle: an `Sql`, or a better-sqlite3 database (every store on one file shares one wrapper, so one lock). */
export function asSql(target: Sql | Database.Database): Sql {
  if ('dialect' in target) return target;
  let sql = wrapped.get(target);
  if (!sql) wrapped.set(target, (sql = new SqliteSql(target)));
  return sql;
}
