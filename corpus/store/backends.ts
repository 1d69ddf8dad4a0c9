/**
 * The two store backends as the store suite runs them: SQLite in memory always, PostgreSQL
 * (a fresh database on the run's throwaway cluster, see postgres/test-setup.ts) when a server could be
 * started. Test-only: it reads what vitest's global setup provided.
 */
import { afterAll, afterEach, inject } from 'vitest';
import { openSql } from './db.ts';
import { freshDatabase } from './postgres/cluster.ts';
import type { Sql } from './sql.ts';

export interface Backend {
  name: 'sqlite' | 'postgres';
  /** False when no PostgreSQL server could be started: that half of the suite is skipped. */
  available: boolean;
  /** A new, empty, migrated store; closed after the test (`shared`: after the file, for a beforeAll). */
  open(opts?: { shared?: boolean }): Promise<Sql>;
}

const opened: Sql[] = [];
const shared: Sql[] = [];

afterEach(async () => {
  for (const sql of opened.splice(0)) await sql.close();
});
afterAll(async () => {
  for (const sql of shared.splice(0)) await sql.close();
});

export function storeBackends(): Backend[] {
  const url = inject('pgUrl');
  const track = (sql: Sql, opts?: { shared?: boolean }) => {
    (opts?.shared ? shared : opened).push(sql);
    return sql;
  };
  return [
    { name: 'sqlite', available: true, open: async (opts) => track(await openSql({ file: ':memory:' }), opts) },
    { name: 'postgres', available: url !== null, open: async (opts) => track(await openSql({ databaseUrl: await freshDatabase(url!), file: '' }), opts) },
  ];
}
