/**
 * Scanned plans built at test time from the sample plans' own text, as an office's scanner
 * would leave them: the pages are printed to PDF by headless Chromium (Debian's), rasterised
 * by `pdftoppm`, and wrapped into an image-only PDF with pdf-lib (no text layer at all). One
 * page can be "noisy": turned by a degree and stamped with a red seal. Test-only helpers.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument } from 'pdf-lib';
import { chromium } from 'playwright-core';

const run = promisify(execFile);

export const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Whether this machine can build scans (Chromium, pdftoppm) and read them (tesseract with Vietnamese). */
export async function canScan(): Promise<boolean> {
  if (!fs.existsSync(CHROMIUM)) return false;
  try {
    await run('pdftoppm', ['-v']);
    const { stdout, stderr } = await run('tesseract', ['--list-langs']);
    return /^vie$/m.test(stdout + stderr);
  } catch {
    return false;
  }
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function html(pages: readonly string[][], noisyPage: number | null): string {
  const body = pages
    .map((lines, i) => {
      const noisy = i + 1 === noisyPage;
      const stamp = noisy ? '<div class="stamp">ỦY BAN NHÂN DÂN<br>★<br>TỈNH NAM ĐỊNH</div>' : '';
      return `<section class="page${noisy ? ' noisy' : ''}">${stamp}${lines.map((l) => `<p>${escape(l) || '&nbsp;'}</p>`).join('')}</section>`;
    })
    .join('');
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><style>
    @page { size: A4; margin: 0; }
    body { margin: 0; }
    .page { width: 210mm; height: 297mm; box-sizing: border-box; padding: 20mm 20mm 20mm 30mm; page-break-after: always;
      font: 12pt/1.3 "Liberation Serif", "DejaVu Serif", serif; position: relative; overflow: hidden; }
    .page p { margin: 0; white-space: pre-wrap; }
    .noisy { transform: rotate(0.8deg); transform-origin: 50% 50%; }
    .stamp { position: absolute; right: 10mm; top: 8mm; width: 42mm; height: 42mm; border: 1.2mm solid rgba(210,20,20,.75);
      border-radius: 50%; color: rgba(210,20,20,.75); font: bold 9pt sans-serif; text-align: center; display: flex;
      flex-direction: column; justify-content: center; }
  </style></head><body>${body}</body></html>`;
}

/**
 * An image-only PDF of `pages` (lines of text per page), scanned at `dpi`. `noisyPage` (1-based)
 * is turned by 0.8° and stamped.
 */
export async function buildScannedPdf(pages: readonly string[][], opts: { dpi?: number; noisyPage?: number } = {}): Promise<Buffer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tro-ly-scan-'));
  try {
    const printed = path.join(dir, 'printed.pdf');
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    try {
      const page = await browser.newPage();
      await page.setContent(html(pages, opts.noisyPage ?? null), { waitUntil: 'load' });
      await page.pdf({ path: printed, format: 'A4', printBackground: true, preferCSSPageSize: true });
    } finally {
      await browser.close();
    }
    await run('pdftoppm', ['-r', String(opts.dpi ?? 200), '-gray', '-png', printed, path.join(dir, 'p')]);
    const images = fs.readdirSync(dir).filter((f) => /^p-\d+\.png$/.test(f)).sort((a, b) => Number(a.match(/\d+/)![0]) - Number(b.match(/\d+/)![0]));
    const pdf = await PDFDocument.create();
    for (const img of images) {
      const png = await pdf.embedPng(fs.readFileSync(path.join(dir, img)));
      const p = pdf.addPage([595.28, 841.89]);
      p.drawImage(png, { x: 0, y: 0, width: 595.28, height: 841.89 });
    }
    return Buffer.from(await pdf.save());
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Splits lines into pages of at most `perPage` lines, never inside a paragraph when it can help it. */
export function paginate(lines: readonly string[], perPage = 36): string[][] {
  const pages: string[][] = [];
  let page: string[] = [];
  for (const line of lines) {
    if (page.length >= perPage || (page.length >= perPage - 4 && line.trim() === '')) {
      pages.push(page);
      page = [];
      if (line.trim() === '') continue;
    }
    page.push(line);
  }
  if (page.length) pages.push(page);
  return pages;
}

/** Character error rate: edit distance between the OCR'd and the source text (spaces collapsed) over the source length. */
export function characterErrorRate(ocr: string, source: string): number {
  const norm = (s: string) => [...s.normalize('NFC').replace(/\s+/g, ' ').trim()];
  const a = norm(ocr);
  const b = norm(source);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return b.length ? prev[b.length]! / b.length : 0;
}
