import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../corpus/store/db.ts';
import { processEnv } from '../cli/args.ts';
import { seedPlans } from '../core/testing.ts';

/** Running `bot/main.ts` as a real child process against a temporary data dir. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A data dir whose database already holds the small test plans, so start-up skips ingestion. */
export async function seededDataDir(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tro-ly-e2e-'));
  const db = openDatabase(path.join(dir, 'tro-ly.sqlite'));
  await seedPlans(db);
  db.close();
  return dir;
}

/**
 * `node --import tsx bot/main.ts`: node itself is the child (not an npx/tsx wrapper), so a
 * SIGKILL hits the process that holds the database.
 */
export function startMain(dataDir: string, env: Record<string, string>): ChildProcess {
  const clean = Object.fromEntries(Object.entries(processEnv()).filter(([k]) => !k.startsWith('TELEGRAM_') && k !== 'ADMIN_IDS' && k !== 'DATA_DIR'));
  return spawn(process.execPath, ['--import', 'tsx', 'bot/main.ts', '--data-dir', dataDir], {
    cwd: ROOT,
    env: { ...clean, LOG_LEVEL: 'warn', MODELS_DIR: path.join(dataDir, 'no-models'), ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

export function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

export function collect(stream: NodeJS.ReadableStream | null): () => string {
  let text = '';
  stream?.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return () => text;
}
