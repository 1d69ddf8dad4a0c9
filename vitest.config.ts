import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'data/**', 'models/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Native addons (better-sqlite3, hnswlib, onnxruntime) are safest in forked workers.
    pool: 'forks',
    // A throwaway PostgreSQL cluster: the store suite runs on SQLite and on PostgreSQL.
    globalSetup: ['corpus/store/postgres/test-setup.ts'],
  },
});
