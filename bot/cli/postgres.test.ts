import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freshDatabase } from '../../corpus/store/postgres/cluster.ts';
import { collect, exited, startMain } from '../e2e/process.ts';

/** The `n` a counting query returns on the database at `url`. */
async function countOf(url: string, sql: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(sql);
    return rows[0]!.n;
  } finally {
    await client.end();
  }
}

/**
 * `ingest`, `tasks`, `ask` and `npm start` with DATABASE_URL set answer exactly as without it:
 * the same commands, run as real processes, once on SQLite and once on a fresh PostgreSQL
 * database of the test cluster. Skipped (the global setup says why) without a server.
 */
const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const PLANS = path.join(ROOT, 'corpus/plans');
const pgUrl = inject('pgUrl');
let tmp: string;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-pg-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function cli(script: string, args: string[], env: Record<string, string>) {
  const { stdout } = await run(TSX, [path.join(ROOT, 'bot/cli', script), ...args], {
    cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'silent', MODELS_DIR: path.join(tmp, 'no-models'), ...env }, maxBuffer: 64 << 20,
  });
  return stdout;
}

/** The three commands on one store; what they print, with the timings taken out. */
async function session(env: Record<string, string>) {
  const ingest = JSON.parse(await cli('ingest.ts', [PLANS, '--json'], env)) as { ingested: unknown[]; failed: unknown[] };
  const tasks = JSON.parse(await cli('tasks.ts', ['--agency', 'Sở Tài chính', '--json'], env)) as unknown[];
  const ask = JSON.parse(await cli('ask.ts', ['--json', 'Ai chủ trì hoàn thuế GTGT ở Nam Định năm 2024?'], env)) as Record<string, unknown>;
  const { ms: _ms, ...answer } = ask;
  return { ingested: ingest.ingested.length, failed: ingest.failed.length, tasks, answer };
}

describe.skipIf(!pgUrl)('the commands with DATABASE_URL (PostgreSQL)', () => {
  it('ingest, tasks and ask print what they print on SQLite, and keep nothing in a SQLite file', async () => {
    const sqliteDir = path.join(tmp, 'sqlite');
    const pgDir = path.join(tmp, 'pg');
    const url = await freshDatabase(pgUrl!, 'cli');
    const onSqlite = await session({ DATA_DIR: sqliteDir });
    const onPg = await session({ DATA_DIR: pgDir, DATABASE_URL: url });
    expect(onSqlite.ingested).toBe(5);
    expect(onSqlite.tasks.length).toBeGreaterThan(10);
    expect(onPg).toEqual(onSqlite);
    expect(fs.existsSync(path.join(pgDir, 'tro-ly.sqlite'))).toBe(false);
    expect(await countOf(url, 'SELECT COUNT(*)::int AS n FROM documents')).toBe(5);
  }, 240_000);

  it('eval --plans runs on a throwaway SQLite store even with DATABASE_URL set: the shared database stays untouched', async () => {
    const url = await freshDatabase(pgUrl!, 'evalplans');
    const set = path.join(tmp, 'two.jsonl');
    fs.writeFileSync(set, fs.readFileSync(path.join(ROOT, 'eval/sets/dev.jsonl'), 'utf8').split('\n').slice(0, 2).join('\n') + '\n');
    const out = path.join(tmp, 'two.json');
    await run(TSX, [path.join(ROOT, 'eval/cli.ts'), '--set', set, '--plans', PLANS, '--json', out], {
      cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'silent', MODELS_DIR: path.join(tmp, 'no-models'), DATABASE_URL: url }, maxBuffer: 64 << 20,
    });
    expect((JSON.parse(fs.readFileSync(out, 'utf8')) as { n: number }).n).toBe(2);
    expect(await countOf(url, "SELECT COUNT(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'")).toBe(0);
  }, 240_000);

  it('npm start (the terminal chat) logs a status update into PostgreSQL; a second start sees it', async () => {
    const url = await freshDatabase(pgUrl!, 'start');
    const dir = path.join(tmp, 'start');
    const chat = async (lines: string[]) => {
      const child = startMain(dir, { DATABASE_URL: url });
      const stdout = collect(child.stdout);
      const stderr = collect(child.stderr);
      child.stdin?.end(`${lines.join('\n')}\n`);
      const { code } = await exited(child);
      return { code, stdout: stdout(), stderr: stderr() };
    };
    const tasks = JSON.parse(await cli('tasks.ts', ['--agency', 'Cục Thuế', '--json'], { DATA_DIR: dir, DATABASE_URL: url })) as Array<{ id: string }>;
    const id = tasks[0]!.id;
    const first = await chat([`/capnhat ${id} đang thực hiện 30% đã họp`]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('→ đang thực hiện 30%');
    const second = await chat([`/tiendo ${id}`, '/trangthai']);
    expect(second.stdout).toContain('Lịch sử cập nhật (1)');
    expect(second.stdout).toContain('Kho dữ liệu: PostgreSQL');
    expect(second.stdout).toContain('đã họp');
    expect(fs.existsSync(path.join(dir, 'tro-ly.sqlite'))).toBe(false);
  }, 240_000);
});
