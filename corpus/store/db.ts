import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { StoreError } from '../errors.ts';
import { MIGRATIONS, type Migration } from './migrations.ts';
import { PgSql, SqliteSql, type Sql } from './sql.ts';

export type DB = Database.Database;

/**
 * Opens (creating if needed) the project's SQLite database: WAL so a crash never loses a
 * committed status update, foreign keys on, schema migrated to the latest version.
 * `:memory:` is accepted for tests.
 */
export function openDatabase(file: string, migrations: readonly Migration[] = MIGRATIONS): DB {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db, migrations);
  return db;
}

/** Applies every migration newer than `PRAGMA user_version`, each in its own transaction. */
export function migrate(db: DB, migrations: readonly Migration[]): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}

export function schemaVersion(db: DB): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Where the store lives: a PostgreSQL URL when `DATABASE_URL` is set, else the SQLite file. */
export interface StoreLocation {
  databaseUrl?: string | null | undefined;
  file: string;
}

export function isPostgresUrl(url: string | null | undefined): url is string {
  return Boolean(url && /^postgres(ql)?:\/\//i.test(url));
}

/** The URL without its password, for logs and the status command. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

// BIGINT (ids, counts) as numbers: Telegram ids and row counts stay far below 2^53.
const TYPES = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === 20 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/** Opens the store either backend, migrated to the latest schema. */
export async function openSql(where: StoreLocation, migrations: readonly Migration[] = MIGRATIONS): Promise<Sql> {
  if (!isPostgresUrl(where.databaseUrl)) return new SqliteSql(openDatabase(where.file, migrations));
  const pool = new pg.Pool({ connectionString: where.databaseUrl, types: TYPES, max: 8 });
  // An idle client that loses its server must not crash the bot; the next query reconnects.
  pool.on('error', () => undefined);
  try {
    await migratePostgres(pool, migrations);
  } catch (cause) {
    await pool.end().catch(() => undefined);
    throw new StoreError(`cannot open the PostgreSQL store at ${redactUrl(where.databaseUrl)}`, { cause });
  }
  return new PgSql(pool);
}

/** Arbitrary key of the advisory lock that keeps two replicas starting together from migrating twice. */
const MIGRATION_LOCK = 7_305_118;

/** Applies every migration newer than the recorded version, each in its own transaction, under a lock. */
export async function migratePostgres(pool: pg.Pool, migrations: readonly Migration[] = MIGRATIONS): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
    const row = (await client.query('SELECT MAX(version) AS v FROM schema_version')).rows[0] as { v: number | null };
    const current = row.v ?? 0;
    for (const m of migrations) {
      if (m.version <= current) continue;
      await client.query('BEGIN');
      try {
        if (m.postgres.trim()) await client.query(m.postgres);
        await client.query('INSERT INTO schema_version (version) VALUES ($1)', [m.version]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw err;
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}

/** The schema version of either backend. */
export async function sqlSchemaVersion(sql: Sql): Promise<number> {
  if (sql instanceof SqliteSql) return schemaVersion(sql.db);
  return (await sql.get<{ v: number }>('SELECT MAX(version) AS v FROM schema_version'))?.v ?? 0;
}
