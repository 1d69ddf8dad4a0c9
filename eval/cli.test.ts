import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EXIT_REGRESSION, runEval } from './cli.ts';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'eval-cli-'));

function captureStdout(): { text: () => string } {
  const chunks: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => {
    chunks.push(String(c));
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  return { text: () => chunks.join('') };
}

afterEach(() => vi.restoreAllMocks());

describe('eval command', () => {
  const base = ['--data-dir', tmp(), '--set', fixture('set.jsonl'), '--answers', fixture('ask-batch.jsonl')];

  it('scores recorded answers: a table on stdout, the contract JSON and the HTML in files', async () => {
    const dir = tmp();
    const out = captureStdout();
    const code = await runEval([...base, '--json', path.join(dir, 'r.json'), '--report', path.join(dir, 'r.html')]);
    expect(code).toBe(0);
    expect(out.text()).toMatch(/^set\.jsonl: 6 questions\nrun +hit@1/);
    const json = JSON.parse(fs.readFileSync(path.join(dir, 'r.json'), 'utf8'));
    expect(json).toMatchObject({ set: 'set.jsonl', n: 6, runs: [{ name: 'assistant', hit1: 0.4 }] });
    expect(json.questions[0]).toMatchObject({ id: 'f1', run: 'assistant', rank: 1, answerable: true });
    expect(fs.readFileSync(path.join(dir, 'r.html'), 'utf8')).toContain('<svg id="chart-hitk"');
  });

  it(`exits ${EXIT_REGRESSION} when a headline metric fell against --baseline, 0 when it did not`, async () => {
    const dir = tmp();
    const better = { set: 'set.jsonl', n: 6, runs: [{ name: 'assistant', hit1: 0.6, hit5: 0.6, mrr10: 0.4, cite1: 0.4, agency: 0.5, refusal: 0, falseRefusal: 0.2 }] };
    fs.writeFileSync(path.join(dir, 'better.json'), JSON.stringify(better));
    fs.writeFileSync(path.join(dir, 'same.json'), JSON.stringify({ ...better, runs: [{ ...better.runs[0], hit1: 0.41 }] }));
    captureStdout();
    expect(await runEval([...base, '--baseline', path.join(dir, 'better.json')])).toBe(EXIT_REGRESSION);
    expect(await runEval([...base, '--baseline', path.join(dir, 'same.json')])).toBe(0);
  });

  it('refuses an unknown ALQAC split', async () => {
    await expect(runEval(['--alqac', fixture('alqac'), '--split', 'public_test'])).rejects.toThrow(/--split must be/);
  });
});
