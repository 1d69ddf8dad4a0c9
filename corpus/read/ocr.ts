/**
 * OCR of scanned PDF pages with Debian's tools: `pdftoppm` (poppler-utils) renders a page at
 * 300 dpi, `tesseract -l vie` (tesseract-ocr + tesseract-ocr-vie) reads it. Pages run in
 * parallel up to the core count. Each page's mean word confidence is kept: a page below the
 * floor is reported, not ingested as noise.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** The apt-get line a server needs; the error message when the tools are missing names it. */
export const OCR_TOOLS_HINT = 'apt-get install tesseract-ocr tesseract-ocr-vie poppler-utils';

/** Rendering resolution: tesseract reads Vietnamese diacritics reliably from 300 dpi. */
const DPI = 300;
/** Default floor of a page's mean word confidence (0–100) for its text to be ingested. */
export const MIN_PAGE_CONFIDENCE = 60;

export interface OcrOptions {
  /** Pages OCR'd at once; default: the number of cores. */
  concurrency?: number;
  minConfidence?: number;
  /** Called after each OCR'd page (for a progress bar). */
  onPage?: (done: number, total: number) => void;
  /** Stops the remaining pages (the bot shutting down mid-ingest). */
  signal?: AbortSignal;
  /** Program names or paths, for tests and unusual installs. */
  pdftoppm?: string;
  tesseract?: string;
}

export interface OcrPage {
  /** 1-based page number. */
  page: number;
  text: string;
  /** Mean confidence of the page's words, 0–100. */
  confidence: number;
}

export class OcrUnavailableError extends Error {
  override name = 'OcrUnavailableError';
}

interface RunResult {
  stdout: string;
  stderr: string;
  code: number | null;
}

/** Extra environment for a child process, on top of the inherited one (no configuration is read here). */
function run(cmd: string, args: string[], opts: { signal?: AbortSignal; extraEnv?: Record<string, string> } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    // eslint-disable-next-line no-restricted-properties -- the child inherits the environment; nothing is configured from it
    const env = opts.extraEnv ? { ...process.env, ...opts.extraEnv } : undefined;
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...(opts.signal ? { signal: opts.signal } : {}), ...(env ? { env } : {}) });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => resolve({ stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), code }));
  });
}

/** Whether both tools and the Vietnamese model are installed; a sentence saying what is missing otherwise. */
export async function ocrAvailability(opts: Pick<OcrOptions, 'pdftoppm' | 'tesseract'> = {}): Promise<string | null> {
  const tesseract = opts.tesseract ?? 'tesseract';
  const pdftoppm = opts.pdftoppm ?? 'pdftoppm';
  try {
    await run(pdftoppm, ['-v']);
  } catch {
    return `pdftoppm (poppler-utils) is not installed`;
  }
  try {
    const langs = await run(tesseract, ['--list-langs']);
    if (!/^vie$/m.test(langs.stdout + langs.stderr)) return 'tesseract has no Vietnamese model (tesseract-ocr-vie)';
  } catch {
    return 'tesseract (tesseract-ocr) is not installed';
  }
  return null;
}

/**
 * Text and confidence from tesseract's TSV: words (level 5) grouped into lines by block,
 * paragraph and line number; a blank line between paragraphs, as the text layer of a PDF gives.
 */
export function fromTsv(tsv: string): { text: string; confidence: number } {
  const lines: string[] = [];
  let key = '';
  let para = '';
  let current: string[] = [];
  let confSum = 0;
  let confN = 0;
  const flush = () => {
    if (current.length) lines.push(current.join(' '));
    current = [];
  };
  for (const row of tsv.split('\n').slice(1)) {
    const cols = row.split('\t');
    if (cols.length < 12 || cols[0] !== '5') continue;
    const word = (cols[11] ?? '').trim();
    const conf = Number(cols[10]);
    if (!word) continue;
    const lineKey = `${cols[2]}.${cols[3]}.${cols[4]}`;
    const paraKey = `${cols[2]}.${cols[3]}`;
    if (lineKey !== key) {
      flush();
      if (para && paraKey !== para) lines.push('');
      key = lineKey;
      para = paraKey;
    }
    current.push(word);
    if (conf >= 0) {
      confSum += conf;
      confN++;
    }
  }
  flush();
  return { text: lines.join('\n').normalize('NFC'), confidence: confN ? confSum / confN : 0 };
}

async function ocrPage(pdfPath: string, page: number, dir: string, opts: OcrOptions): Promise<OcrPage> {
  const image = path.join(dir, `p${page}`);
  const render = await run(opts.pdftoppm ?? 'pdftoppm', ['-r', String(DPI), '-f', String(page), '-l', String(page), '-gray', '-png', '-singlefile', pdfPath, image], opts);
  if (render.code !== 0) throw new Error(`pdftoppm failed on page ${page}: ${render.stderr.trim().slice(0, 200)}`);
  // One thread per tesseract: the pages already run in parallel, one per core.
  const read = await run(opts.tesseract ?? 'tesseract', [`${image}.png`, 'stdout', '-l', 'vie', '--psm', '3', 'tsv'], { ...opts, extraEnv: { OMP_THREAD_LIMIT: '1' } });
  if (read.code !== 0) throw new Error(`tesseract failed on page ${page}: ${read.stderr.trim().slice(0, 200)}`);
  await fs.rm(`${image}.png`, { force: true });
  return { page, ...fromTsv(read.stdout) };
}

/** OCRs the given 1-based pages of a PDF file, in parallel, results in page order. */
export async function ocrPages(pdfPath: string, pages: readonly number[], opts: OcrOptions = {}): Promise<OcrPage[]> {
  const missing = await ocrAvailability(opts);
  if (missing) throw new OcrUnavailableError(`${missing}; install the OCR tools: ${OCR_TOOLS_HINT}`);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tro-ly-ocr-'));
  const results: OcrPage[] = [];
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < pages.length) {
      opts.signal?.throwIfAborted();
      const page = pages[next++]!;
      results.push(await ocrPage(pdfPath, page, dir, opts));
      opts.onPage?.(++done, pages.length);
    }
  };
  try {
    const workers = Math.max(1, Math.min(opts.concurrency ?? os.availableParallelism(), pages.length));
    await Promise.all(Array.from({ length: workers }, worker));
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
  return results.sort((a, b) => a.page - b.page);
}
