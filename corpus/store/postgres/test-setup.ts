/**
 * Vitest global setup: one throwaway PostgreSQL cluster for the whole run (tests create their
 * own databases in it), or a clear line saying why the PostgreSQL half of the suite is skipped.
 */
import type { TestProject } from 'vitest/node';
import { startCluster } from './cluster.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Superuser URL of the test cluster; null when none could be started. */
    pgUrl: string | null;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cluster = await startCluster();
  if ('skipped' in cluster) {
    process.stderr.write(`\n[store suite] PostgreSQL half skipped: ${cluster.skipped}\n\n`);
    project.provide('pgUrl', null);
    return async () => undefined;
  }
  project.provide('pgUrl', cluster.url);
  return () => cluster.stop();
}
