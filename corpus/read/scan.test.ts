/**
 * OCR on real material: pages of the Nam Định 2024 sample plan printed by Chromium, scanned by
 * pdftoppm into an image-only PDF (one page turned and stamped), read back by tesseract. The
 * character error rate is measured page by page against the plan's text, and the OCR'd plan
 * must answer the canonical question with the canonical clause, its citation marked `ocr`.
 * Skipped, with a line saying so, on a machine without Chromium, poppler-utils or tesseract.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../bot/app.ts';
import { ingestAndSync } from '../../bot/cli/ensure.ts';
import { loadConfig } from '../../bot/config.ts';
import { createLogger } from '../../bot/logger.ts';
import { buildScannedPdf, canScan, characterErrorRate, paginate } from '../test-fixtures/scan.ts';
import { readPlanFile, type PlanFile } from './index.ts';

const PLAN = fileURLToPath(new URL('../plans/nam-dinh-2024-nq02.txt', import.meta.url));

/** The plan's title and preamble, Part IV's headings (items 2.1 to 2.4 by their first line), and item 2.5 with its points a) to f). */
function excerptLines(): string[] {
  const lines = fs.readFileSync(PLAN, 'utf8').split('\n').map((l) => l.trimEnd());
  const from = (start: string, count: number) => {
    const at = lines.findIndex((l) => l.trim().startsWith(start));
    if (at < 0) throw new Error(`sample plan changed: no line starting "${start}"`);
    return lines.slice(at, at + count);
  };
  const upTo = (start: string, end: string) => {
    const a = lines.findIndex((l) => l.trim().startsWith(start));
    const b = lines.findIndex((l, i) => i > a && l.trim().startsWith(end));
    return lines.slice(a, b);
  };
  return [...lines.slice(0, 16), '', ...from('IV. NHIỆM VỤ', 3), '', ...from('2. Giải pháp', 1), '',
    ...['2.1.', '2.2.', '2.3.', '2.4.'].flatMap((n) => [...from(n, 1), '']), ...upTo('2.5. Tăng khả năng', '2.6.')];
}

const available = await canScan();
if (!available) console.warn('OCR test skipped: needs /usr/bin/chromium, pdftoppm and tesseract with Vietnamese (apt-get install chromium poppler-utils tesseract-ocr tesseract-ocr-vie)');

describe.skipIf(!available)('OCR of a scanned sample plan', () => {
  const NOISY = 2;
  const pages = paginate(excerptLines(), 30);
  let dir: string;
  let scan: string;
  let read: PlanFile;
  let app: App;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tro-ly-scan-test-'));
    scan = path.join(dir, 'nam-dinh-2024-scan.pdf');
    fs.writeFileSync(scan, await buildScannedPdf(pages, { noisyPage: NOISY }));
    const started = performance.now();
    read = await readPlanFile(scan, { maxBytes: 50 << 20 });
    const minutes = (performance.now() - started) / 60_000;
    console.log(`OCR: ${pages.length} pages in ${(minutes * 60).toFixed(1)} s (${(pages.length / minutes).toFixed(1)} pages/min on ${os.availableParallelism()} cores)`);
    const config = loadConfig({ LOG_LEVEL: 'silent' }, { dataDir: path.join(dir, 'data') });
    app = await createApp(config, createLogger('silent'));
  }, 240_000);

  afterAll(async () => {
    await app?.shutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads every page by OCR, with the confidence of each', async () => {
    expect(read.ocr?.pages).toEqual(pages.map((_, i) => i + 1));
    expect(read.ocr?.rejected).toEqual([]);
    expect(read.ocr?.meanConfidence).toBeGreaterThan(85);
  });

  it('keeps the character error rate under 2% on clean pages and 5% on the turned, stamped one', async () => {
    const texts = read.text.split('\n\f\n');
    const rates = pages.map((p, i) => characterErrorRate(texts[i] ?? '', p.join('\n')));
    console.log(`OCR character error rate by page: ${rates.map((r, i) => `${i + 1}${i + 1 === NOISY ? ' (noisy)' : ''}: ${(r * 100).toFixed(2)}%`).join(', ')}`);
    rates.forEach((r, i) => expect(r, `page ${i + 1}`).toBeLessThanOrEqual(i + 1 === NOISY ? 0.05 : 0.02));
  });

  it('answers the canonical question from the scan, citing IV.2.5.e marked as OCR', async () => {
    const report = await ingestAndSync([scan], { config: app.config, store: app.plans, afterIngest: app.afterIngest });
    expect(report.failed).toEqual([]);
    expect(report.ocr).toMatchObject([{ pages: pages.length, rejectedPages: [] }]);
    expect(await app.plans.getDocument('nam-dinh-2024-scan.pdf')).toMatchObject({ province: 'Nam Định', ocrPages: pages.length });
    const a = await app.assistant.ask('Ở Nam Định năm 2024, cơ quan nào chủ trì hoàn thuế giá trị gia tăng?');
    expect(a.answerable).toBe(true);
    expect(a.answer).toMatch(/^Cục Thuế tỉnh chủ trì/u);
    expect(a.citations[0]).toMatchObject({ doc: 'nam-dinh-2024-scan.pdf', section: 'IV.2.5.e', ocr: true });
    const task = (await app.plans.listTasks({ docId: 'nam-dinh-2024-scan.pdf' })).find((t) => t.section === 'IV.2.5.e');
    expect(task?.lead).toEqual(['Cục Thuế tỉnh']);
    // A second ingest of the same scan reads nothing again.
    const again = await ingestAndSync([scan], { config: app.config, store: app.plans, afterIngest: app.afterIngest });
    expect(again).toMatchObject({ skipped: [scan], ocr: [] });
  });
});
