import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './migrations.ts';
import { openPostgres } from './postgres/open.ts';
import type { Sql } from './sql.ts';
import { SqliteSql } from './sqlite/sql.ts';

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

/** Opens the store either backend, migrated to the latest schema. */
export async function openSql(where: StoreLocation, migrations: readonly Migration[] = MIGRATIONS): Promise<Sql> {
  if (!isPostgresUrl(where.databaseUrl)) return new SqliteSql(openDatabase(where.file, migrations));
  return openPostgres(where.databaseUrl, migrations);
}

/** The schema version of either backend. */
export async function sqlSchemaVersion(sql: Sql): Promise<number> {
  if (sql instanceof SqliteSql) return schemaVersion(sql.db);
  return (await sql.get<{ v: number }>('SELECT MAX(version) AS v FROM schema_version'))?.v ?? 0;
}
