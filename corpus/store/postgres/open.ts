import pg from 'pg';
import { StoreError } from '../../errors.ts';
import type { Migration } from '../migrations.ts';
import { PgSql } from './sql.ts';

/**
 * Opening the PostgreSQL store: a pool on DATABASE_URL, the schema migrated under a lock so
 * replicas starting together migrate once.
 */

// BIGINT (ids, counts) as numbers: Telegram ids and row counts stay far below 2^53.
const TYPES = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === 20 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/** A pool on `url`, migrated to the latest schema. */
export async function openPostgres(url: string, migrations: readonly Migration[]): Promise<PgSql> {
  const pool = new pg.Pool({ connectionString: url, types: TYPES, max: 8 });
  // An idle client that loses its server must not crash the bot; the next query reconnects.
  pool.on('error', () => undefined);
  try {
    await migratePostgres(pool, migrations);
  } catch (cause) {
    await pool.end().catch(() => undefined);
    throw new StoreError(`cannot open the PostgreSQL store at ${redactUrl(url)}`, { cause });
  }
  return new PgSql(pool);
}

/** The URL without its password, for logs and error messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

/** Arbitrary key of the advisory lock that keeps two replicas starting together from migrating twice. */
const MIGRATION_LOCK = 7_305_118;

/** Applies every migration newer than the recorded version, each in its own transaction, under a lock. */
export async function migratePostgres(pool: pg.Pool, migrations: readonly Migration[]): Promise<void> {
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
