import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IngestError, type IngestReason } from '../errors.ts';
import { ocrAvailability, PAGE_BREAK, readPlanFile } from './index.ts';
import { buildDocx, buildPdf } from '../test-fixtures/build.ts';

const MB = 1024 * 1024;
const VI = 'Sở Kế hoạch và Đầu tư chủ trì, phối hợp với các đơn vị';
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'read-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, bytes: Buffer | string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

async function reasonOf(file: string, maxBytes = 50 * MB): Promise<IngestReason> {
  try {
    await readPlanFile(file, { maxBytes });
  } catch (err) {
    expect(err).toBeInstanceOf(IngestError);
    const e = err as IngestError;
    expect(e.name).toBe('IngestError');
    expect(e.file).toBe(file);
    expect(e.message).toContain(path.basename(file));
    return e.reason;
  }
  throw new Error(`${file} was read without error`);
}

describe('readPlanFile: text', () => {
  it('reads UTF-8 with and without BOM, NFC-normalised, CRLF folded', async () => {
    const nfd = VI.normalize('NFD');
    const plain = await readPlanFile(write('a.txt', `${nfd}\r\nII. Dòng hai\r\n`), { maxBytes: MB });
    expect(plain.text).toBe(`${VI}\nII. Dòng hai\n`);
    expect(plain.format).toBe('text');
    expect(plain.sha256).toMatch(/^[0-9a-f]{64}$/);
    const bom = await readPlanFile(write('b.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(VI)])), { maxBytes: MB });
    expect(bom.text).toBe(VI);
  });

  it('reads UTF-16 LE and BE with a BOM', async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(VI, 'utf16le')]);
    expect((await readPlanFile(write('le.txt', le), { maxBytes: MB })).text).toBe(VI);
    const be = Buffer.from(le);
    be.swap16();
    expect((await readPlanFile(write('be.txt', be), { maxBytes: MB })).text).toBe(VI);
  });

  it('reads markdown as text', async () => {
    const md = await readPlanFile(write('k.md', `# Kế hoạch\n\n${VI}`), { maxBytes: MB });
    expect(md.format).toBe('markdown');
    expect(md.text).toContain('phối hợp');
  });

  it('hashes the raw bytes, so the same content has the same sha256', async () => {
    const a = await readPlanFile(write('h1.txt', VI), { maxBytes: MB });
    const b = await readPlanFile(write('h2.txt', VI), { maxBytes: MB });
    const c = await readPlanFile(write('h3.txt', `${VI}.`), { maxBytes: MB });
    expect(a.sha256).toBe(b.sha256);
    expect(a.sha256).not.toBe(c.sha256);
  });
});

describe('readPlanFile: bad input', () => {
  it('refuses an empty file and a whitespace-only file', async () => {
    expect(await reasonOf(write('empty.txt', ''))).toBe('empty');
    expect(await reasonOf(write('blank.txt', ' \n\t\n'))).toBe('empty');
  });

  it('refuses a binary file named .txt', async () => {
    expect(await reasonOf(write('bin.txt', Buffer.from([0x4b, 0x00, 0x01, 0x02, 0xff])))).toBe('binary');
  });

  it('refuses Windows-1258 / latin1 bytes as an unsupported encoding', async () => {
    const file = write('legacy.txt', Buffer.from('Kế hoạch số 12 năm 2024 của tỉnh', 'latin1'));
    expect(await reasonOf(file)).toBe('encoding');
    await expect(readPlanFile(file, { maxBytes: MB })).rejects.toThrow(/unsupported encoding/);
  });

  it('refuses a file over the size limit before reading it', async () => {
    const file = write('big.txt', 'x'.repeat(2048));
    expect(await reasonOf(file, 1024)).toBe('too_large');
    await expect(readPlanFile(file, { maxBytes: 1024 })).rejects.toThrow(/MAX_FILE_MB/);
  });

  it('refuses an unknown extension and a missing file', async () => {
    expect(await reasonOf(write('plan.xlsx', 'abc'))).toBe('unsupported_type');
    expect(await reasonOf(path.join(dir, 'missing.txt'))).toBe('unreadable');
  });

  it('keeps the underlying error as cause', async () => {
    const err = await readPlanFile(write('legacy2.txt', Buffer.from([0x4b, 0xea, 0x20])), { maxBytes: MB }).catch((e: unknown) => e);
    expect((err as IngestError).cause).toBeInstanceOf(TypeError);
  });
});

describe('readPlanFile: PDF and DOCX', () => {
  it('extracts the text layer of a PDF', async () => {
    const pdf = await readPlanFile(write('plan.pdf', buildPdf([['I. MUC TIEU', '1. So Tai chinh chu tri (50%)']])), { maxBytes: MB });
    expect(pdf.format).toBe('pdf');
    expect(pdf.text).toContain('I. MUC TIEU');
    expect(pdf.text).toContain('So Tai chinh chu tri (50%)');
    expect(pdf.text).not.toContain(PAGE_BREAK); // one page: no separator
  });

  it('joins PDF pages with the page-break separator, in order', async () => {
    const pdf = await readPlanFile(write('pages.pdf', buildPdf([['Trang mot'], ['Trang hai'], ['Trang ba']])), { maxBytes: MB });
    const pages = pdf.text.split(PAGE_BREAK);
    expect(pages).toHaveLength(3);
    expect(pages.map((p) => p.trim())).toEqual(['Trang mot', 'Trang hai', 'Trang ba']);
  });

  it('refuses a scanned PDF OCR cannot read (blank pages), naming the pages, or with OCR off', async () => {
    const file = write('scan.pdf', buildPdf([[], []], { scanned: true }));
    expect(await reasonOf(file)).toBe('needs_ocr');
    // Without the OCR tools (a machine that skipped the apt-get line) the message names them instead.
    const expected = (await ocrAvailability()) === null ? /OCR could not read the scan.*page \(confidence\): 1 \(\d+\), 2 \(\d+\)/ : /install the OCR tools/;
    await expect(readPlanFile(file, { maxBytes: MB })).rejects.toThrow(expected);
    await expect(readPlanFile(file, { maxBytes: MB, ocr: false })).rejects.toThrow(/needs OCR/);
  });

  it('refuses a corrupt PDF as unreadable', async () => {
    expect(await reasonOf(write('bad.pdf', '%PDF-1.4\nnot really a pdf'))).toBe('unreadable');
  });

  it('extracts the paragraphs of a DOCX, Vietnamese intact', async () => {
    const docx = await readPlanFile(write('plan.docx', buildDocx(['KẾ HOẠCH', VI])), { maxBytes: MB });
    expect(docx.format).toBe('docx');
    expect(docx.text).toContain('KẾ HOẠCH');
    expect(docx.text).toContain(VI);
  });

  it('refuses a DOCX that is not a zip', async () => {
    expect(await reasonOf(write('bad.docx', 'plain text pretending'))).toBe('unreadable');
  });
});
