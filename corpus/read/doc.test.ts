/**
 * Word 97–2003 (.doc): each sample plan is saved as .doc by LibreOffice (Debian's
 * libreoffice-writer-nogui) at test time, read back through word-extractor, and must give the
 * same header, clause ids and clause texts as the .txt it came from. Skipped, with a line
 * saying so, where LibreOffice is not installed.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from '../parse/index.ts';
import { readPlanFile } from './index.ts';

const run = promisify(execFile);
const PLANS = fileURLToPath(new URL('../plans', import.meta.url));
const files = fs.readdirSync(PLANS).filter((f) => f.endsWith('.txt')).sort();

async function hasSoffice(): Promise<boolean> {
  try {
    await run('soffice', ['--version']);
    return true;
  } catch {
    return false;
  }
}
const available = await hasSoffice();
if (!available) console.warn('.doc test skipped: needs LibreOffice to write the fixtures (apt-get install libreoffice-writer-nogui)');

describe.skipIf(!available)('Word 97–2003 (.doc) plans', () => {
  let dir: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tro-ly-doc-'));
    for (const f of files) fs.copyFileSync(path.join(PLANS, f), path.join(dir, f));
    await run('soffice', ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'doc:MS Word 97', '--infilter=Text (encoded):UTF8,LF,,,', '--outdir', dir, ...files.map((f) => path.join(dir, f))], { timeout: 120_000 });
  }, 150_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.each(files)('%s as .doc gives the same header, clause ids and texts as the .txt', async (f) => {
    const id = f.replace(/\.txt$/, '');
    const txt = parseDocument(id, (await readPlanFile(path.join(dir, f), { maxBytes: 10 << 20 })).text);
    const docFile = await readPlanFile(path.join(dir, `${id}.doc`), { maxBytes: 10 << 20 });
    expect(docFile.format).toBe('doc');
    const doc = parseDocument(id, docFile.text);
    expect(doc.header).toEqual(txt.header);
    expect(doc.clauses.map((c) => [c.id, c.text])).toEqual(txt.clauses.map((c) => [c.id, c.text]));
  });

  it('refuses a file that is not a Word document', async () => {
    const bad = path.join(dir, 'bad.doc');
    fs.writeFileSync(bad, 'not a word file at all');
    await expect(readPlanFile(bad, { maxBytes: 1 << 20 })).rejects.toThrow(/not a readable Word 97–2003/);
  });
});
