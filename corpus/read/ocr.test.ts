import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IngestError } from '../errors.ts';
import { buildPdf } from '../test-fixtures/build.ts';
import { readPlanFile } from './index.ts';
import { fromTsv, ocrAvailability, OCR_TOOLS_HINT } from './ocr.ts';

const TSV = [
  'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext',
  '1\t1\t0\t0\t0\t0\t0\t0\t100\t100\t-1\t',
  '5\t1\t1\t1\t1\t1\t0\t0\t10\t10\t96.5\te)',
  '5\t1\t1\t1\t1\t2\t0\t0\t10\t10\t91.0\tCục',
  '5\t1\t1\t1\t1\t3\t0\t0\t10\t10\t93.5\tThuế',
  '5\t1\t1\t1\t2\t1\t0\t0\t10\t10\t89.0\ttỉnh',
  '5\t1\t1\t2\t1\t1\t0\t0\t10\t10\t90.0\tf)',
].join('\n');

describe('tesseract TSV', () => {
  it('rebuilds lines and paragraphs, and averages the words\' confidence', () => {
    const { text, confidence } = fromTsv(TSV);
    expect(text).toBe('e) Cục Thuế\ntỉnh\n\nf)');
    expect(confidence).toBeCloseTo((96.5 + 91 + 93.5 + 89 + 90) / 5);
  });
});

describe('without the OCR tools', () => {
  it('says which tool is missing', async () => {
    expect(await ocrAvailability({ tesseract: '/nonexistent/tesseract', pdftoppm: 'true' })).toMatch(/tesseract/);
    expect(await ocrAvailability({ pdftoppm: '/nonexistent/pdftoppm' })).toMatch(/pdftoppm/);
  });

  it('refuses a scanned PDF with the apt-get line a server needs, and reads nothing else', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tro-ly-ocr-missing-'));
    const file = path.join(dir, 'scan.pdf');
    fs.writeFileSync(file, buildPdf([['page one'], ['page two']], { scanned: true }));
    try {
      const err = await readPlanFile(file, { maxBytes: 1 << 20, ocr: { tesseract: '/nonexistent/tesseract' } }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(IngestError);
      expect((err as IngestError).reason).toBe('needs_ocr');
      expect((err as IngestError).message).toContain(OCR_TOOLS_HINT);
      const off = await readPlanFile(file, { maxBytes: 1 << 20, ocr: false }).catch((e: unknown) => e);
      expect((off as IngestError).message).toMatch(/needs OCR/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
