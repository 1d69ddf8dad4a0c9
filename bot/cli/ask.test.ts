import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** The ask command as the contract runs it: JSON alone on stdout, one object per batch line, in order. */
const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
let tmp: string;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ask-cli-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function ask(args: string[]) {
  const env = { ...process.env, MODELS_DIR: path.join(tmp, 'no-models'), LOG_LEVEL: 'warn' };
  try {
    const { stdout, stderr } = await run(TSX, [path.join(ROOT, 'bot/cli/ask.ts'), '--data-dir', path.join(tmp, 'data'), ...args], { cwd: ROOT, env });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('ask CLI', () => {
  it('prints one contract answer object, ingesting the sample plans into a fresh data dir', async () => {
    const { code, stdout } = await ask(['--json', 'Which agency leads VAT refunds in Nam Định?']);
    expect(code).toBe(0);
    const a = JSON.parse(stdout) as Record<string, unknown> & { citations: Array<Record<string, unknown>>; hits: unknown[] };
    expect(Object.keys(a)).toEqual(expect.arrayContaining(['question', 'answerable', 'answer', 'citations', 'hits', 'ms']));
    expect(a.answerable).toBe(true);
    expect(a.answer).toContain('Cục Thuế tỉnh');
    expect(a.citations[0]).toMatchObject({ doc: 'nam-dinh-2024-nq02.txt', section: 'IV.2.5.e', province: 'Nam Định', year: 2024 });
    expect(a.citations.length).toBeLessThanOrEqual(5);
    expect(a.hits.length).toBeLessThanOrEqual(10);
  });

  it('answers a batch in input order with each input id; a malformed line gets an error object and the rest go on', async () => {
    const file = path.join(tmp, 'batch.jsonl');
    fs.writeFileSync(file, [
      JSON.stringify({ id: 'b1', question: 'Ai chủ trì tháo gỡ vướng mắc hoàn thuế GTGT ở Nam Định năm 2024?', type: 'ignored' }),
      '{not json',
      JSON.stringify({ id: 7, question: 'Kế hoạch năm 2022 của Bắc Giang giao sở nào chủ trì tinh giản biên chế?' }),
    ].join('\n'));
    const { code, stdout } = await ask(['--batch', file]);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string | null; answerable?: boolean; error?: string });
    expect(lines.map((l) => l.id)).toEqual(['b1', null, '7']);
    expect(lines[0]!.answerable).toBe(true);
    expect(lines[1]!.error).toMatch(/line 2/);
    expect(lines[2]!.answerable).toBe(false);
    expect(code).toBe(1);
  });

  it('gives usage help without a question', async () => {
    const { code, stdout, stderr } = await ask(['--json']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/Usage: ask/);
  });
});
