import { describe, expect, inject, it } from 'vitest';
import { openDatabase, openSql, schemaVersion, sqlSchemaVersion } from './db.ts';
import { MIGRATIONS } from './migrations.ts';
import { freshDatabase } from './postgres/cluster.ts';

describe('openDatabase', () => {
  it('migrates to the latest version with foreign keys on', () => {
    const db = openDatabase(':memory:');
    expect(schemaVersion(db)).toBe(MIGRATIONS.at(-1)!.version);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('keeps the audit log append-only', () => {
    const db = openDatabase(':memory:');
    db.prepare(`INSERT INTO audit_log (at, actor_id, action, subject) VALUES ('2024-01-01', 1, 'role', 'u:2')`).run();
    expect(() => db.prepare('UPDATE audit_log SET action = ?').run('x')).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });
});

const pgUrl = inject('pgUrl');

describe('one migration list for both databases', () => {
  it('gives every version its SQLite and its PostgreSQL text, in order', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    for (const m of MIGRATIONS) expect(typeof m.postgres).toBe('string');
  });

  it.skipIf(!pgUrl)('leaves PostgreSQL with the tables and columns SQLite has', async () => {
    const sqlite = openDatabase(':memory:');
    const tables = (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
    const columns = (t: string) => (sqlite.prepare(`PRAGMA table_info(${t})`).all() as { name: string }[]).map((c) => c.name).sort();
    const pgSql = await openSql({ databaseUrl: await freshDatabase(pgUrl!), file: '' });
    try {
      const pgTables = (await pgSql.all<{ name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'schema_version' ORDER BY table_name")).map((t) => t.name);
      expect(pgTables).toEqual(tables);
      for (const t of tables) {
        const pgColumns = (await pgSql.all<{ name: string }>('SELECT column_name AS name FROM information_schema.columns WHERE table_name = ?', [t])).map((c) => c.name).sort();
        expect(pgColumns, t).toEqual(columns(t));
      }
      expect(await sqlSchemaVersion(pgSql)).toBe(MIGRATIONS.at(-1)!.version);
    } finally {
      await pgSql.close();
    }
  });

  it.skipIf(!pgUrl)('migrates once when two replicas start on one empty database at the same moment', async () => {
    const url = await freshDatabase(pgUrl!);
    const both = await Promise.all([openSql({ databaseUrl: url, file: '' }), openSql({ databaseUrl: url, file: '' })]);
    try {
      const versions = await both[0]!.all<{ version: number }>('SELECT version FROM schema_version ORDER BY version');
      expect(versions.map((v) => v.version)).toEqual(MIGRATIONS.map((m) => m.version));
    } finally {
      for (const s of both) await s.close();
    }
  });

  it('reports an unreachable PostgreSQL server without its password', async () => {
    await expect(openSql({ databaseUrl: 'postgres://bot:s3cret@127.0.0.1:1/none', file: '' })).rejects.toThrow(/postgres:\/\/bot:\*\*\*@127\.0\.0\.1:1\/none/);
    await expect(openSql({ databaseUrl: 'postgres://bot:s3cret@127.0.0.1:1/none', file: '' })).rejects.not.toThrow(/s3cret/);
  });
});
