import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** End-to-end: the real CLIs as the contract runs them, on the sample plans. */
const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const PLANS = path.join(ROOT, 'corpus/plans');
let tmp: string;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function cli(script: string, args: string[], env: Record<string, string> = {}) {
  const baseEnv = { ...process.env, DATA_DIR: path.join(tmp, 'wrong-dir'), LOG_LEVEL: 'silent', ...env };
  try {
    const { stdout, stderr } = await run(TSX, [path.join(ROOT, 'bot/cli', script), ...args], { cwd: ROOT, env: baseEnv });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

function rowCounts(dataDir: string) {
  const db = new Database(path.join(dataDir, 'tro-ly.sqlite'), { readonly: true });
  const n = (t: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n;
  const counts = { documents: n('documents'), clauses: n('clauses'), tasks: n('tasks'), agencies: n('task_agencies') };
  db.close();
  return counts;
}

describe('ingest CLI', () => {
  it('ingests good files, reports the bad one, prints only JSON, and is idempotent', async () => {
    const dataDir = path.join(tmp, 'd1');
    const bad = path.join(tmp, 'empty.txt');
    fs.writeFileSync(bad, '');
    const good = ['lang-son-2021-nq02.txt', 'nam-dinh-2024-nq02.txt'].map((f) => path.join(PLANS, f));
    const args = ['--data-dir', dataDir, '--json', good[0]!, bad, good[1]!];

    const first = await cli('ingest.ts', args);
    expect(first.code).toBe(0);
    const report = JSON.parse(first.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({ ingested: good, skipped: [], failed: [{ path: bad, error: expect.stringMatching(/empty/) }] });
    expect(first.stdout.trim().split('\n')).toHaveLength(1);
    expect(fs.existsSync(path.join(tmp, 'wrong-dir'))).toBe(false); // --data-dir wins over DATA_DIR
    const counts = rowCounts(dataDir);
    expect(counts.documents).toBe(2);
    expect(counts.clauses).toBeGreaterThan(20);

    const second = await cli('ingest.ts', args);
    expect(JSON.parse(second.stdout)).toMatchObject({ ingested: [], skipped: good, failed: [{ path: bad }] });
    expect(rowCounts(dataDir)).toEqual(counts);
  });

  it('exits 1 when every file failed, and on a usage error', async () => {
    const bad = path.join(tmp, 'legacy.txt');
    fs.writeFileSync(bad, Buffer.from('K\xea ho\xe1ch', 'latin1'));
    const failed = await cli('ingest.ts', ['--data-dir', path.join(tmp, 'd2'), '--json', bad]);
    expect(failed.code).toBe(1);
    expect(JSON.parse(failed.stdout)).toMatchObject({ ingested: [], failed: [{ path: bad, error: expect.stringMatching(/encoding/) }] });
    const usage = await cli('ingest.ts', ['--no-such-flag']);
    expect(usage.code).toBe(1);
    expect(usage.stdout).toBe('');
    expect(usage.stderr).toMatch(/unknown option/);
  });
});

describe('tasks CLI', () => {
  it('ingests the sample plans on a fresh data dir, then lists tasks in the contract shape', async () => {
    const dataDir = path.join(tmp, 'd3');
    const all = await cli('tasks.ts', ['--data-dir', dataDir, '--json']);
    expect(all.code).toBe(0);
    const tasks = JSON.parse(all.stdout) as Record<string, unknown>[];
    expect(tasks.length).toBeGreaterThan(0);
    for (const t of tasks.slice(0, 20)) {
      expect(Object.keys(t)).toEqual(expect.arrayContaining(['id', 'doc', 'section', 'text', 'lead', 'coordinators', 'deadline', 'status']));
      expect(Array.isArray(t.lead)).toBe(true);
    }
    expect(rowCounts(dataDir).documents).toBe(fs.readdirSync(PLANS).length);

    const lead = (tasks.find((t) => (t.lead as string[]).length > 0)!.lead as string[])[0]!;
    const folded = lead.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gi, 'd');
    const byAgency = await cli('tasks.ts', ['--data-dir', dataDir, '--json', '--agency', folded]);
    const filtered = JSON.parse(byAgency.stdout) as { lead: string[]; coordinators: string[] }[];
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.length).toBeLessThan(tasks.length);

    const table = await cli('tasks.ts', ['--data-dir', dataDir]);
    expect(table.stdout).toMatch(/Chủ trì/);
    expect(table.stdout).toContain(`${tasks.length} task(s)`);
  });
});
