import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { extractText, getDocumentProxy } from 'unpdf';
import { IngestError } from '../errors.ts';
import { MIN_PAGE_CONFIDENCE, OcrUnavailableError, ocrPages, type OcrOptions, type OcrPage } from './ocr.ts';

export { OCR_TOOLS_HINT, ocrAvailability, type OcrOptions } from './ocr.ts';

export type PlanFormat = 'text' | 'markdown' | 'pdf' | 'docx' | 'doc';

/** What OCR did for a scanned PDF. */
export interface OcrReport {
  /** 1-based pages read by OCR (pages with a usable text layer are not). */
  pages: number[];
  /** Mean word confidence (0–100) over the OCR'd pages that were kept. */
  meanConfidence: number;
  /** Pages below the confidence floor: reported, their text not ingested. */
  rejected: Array<{ page: number; confidence: number }>;
  ms: number;
}

export interface PlanFile {
  /** NFC text with `\n` line ends; PDF pages joined by PAGE_BREAK. */
  text: string;
  format: PlanFormat;
  /** sha256 (hex) of the raw file bytes, the identity used for idempotent ingestion. */
  sha256: string;
  /** Set when some pages were read by OCR. */
  ocr?: OcrReport;
}

export interface ReadOptions {
  maxBytes: number;
  /** OCR of scanned pages; false refuses a scan with "needs OCR" instead. Default: on, with default options. */
  ocr?: OcrOptions | false;
}

/**
 * Joins the pages of a PDF: a form feed on a line of its own, so the cleaner can drop the
 * running headers and page numbers that sit right before or after it.
 */
export const PAGE_BREAK = '\n\f\n';

const FORMATS: Readonly<Record<string, PlanFormat>> = {
  '.txt': 'text',
  '.md': 'markdown',
  '.pdf': 'pdf',
  '.docx': 'docx',
  '.doc': 'doc',
};

export const SUPPORTED_EXTENSIONS: readonly string[] = Object.keys(FORMATS);

/** The format a file name announces, or null when the extension is not one we read. */
export function formatOf(file: string): PlanFormat | null {
  return FORMATS[path.extname(file).toLowerCase()] ?? null;
}

export async function readPlanFile(file: string, opts: ReadOptions): Promise<PlanFile> {
  const format = formatOf(file);
  if (!format) {
    throw new IngestError(file, 'unsupported_type', `${path.basename(file)}: unsupported file type (use .txt, .md, .pdf, .docx or .doc)`);
  }
  const bytes = await readBytes(file, opts.maxBytes);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const decoded = await decode(file, format, bytes, opts);
  const text = decoded.text.replace(/\r\n?/g, '\n').normalize('NFC');
  if (!text.trim()) {
    if (format === 'pdf') throw decoded.ocr ? unreadableScan(file, decoded.ocr) : needsOcr(file);
    throw new IngestError(file, 'empty', `${path.basename(file)}: the file has no text`);
  }
  return { text, format, sha256, ...(decoded.ocr ? { ocr: decoded.ocr } : {}) };
}

async function readBytes(file: string, maxBytes: number): Promise<Buffer> {
  const name = path.basename(file);
  let size: number;
  try {
    const st = await fs.stat(file);
    if (!st.isFile()) throw new Error('not a regular file');
    size = st.size;
  } catch (cause) {
    throw new IngestError(file, 'unreadable', `${name}: cannot open the file`, { cause });
  }
  if (size === 0) throw new IngestError(file, 'empty', `${name}: the file is empty`);
  if (size > maxBytes) {
    throw new IngestError(file, 'too_large', `${name}: file is ${mb(size)} MB, over the ${mb(maxBytes)} MB limit (MAX_FILE_MB)`);
  }
  try {
    return await fs.readFile(file);
  } catch (cause) {
    throw new IngestError(file, 'unreadable', `${name}: cannot read the file`, { cause });
  }
}

function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(bytes < 1024 * 1024 ? 3 : 1);
}

async function decode(file: string, format: PlanFormat, bytes: Buffer, opts: ReadOptions): Promise<{ text: string; ocr?: OcrReport }> {
  switch (format) {
    case 'text':
    case 'markdown':
      return { text: decodeText(file, bytes) };
    case 'pdf':
      return pdfText(file, bytes, opts.ocr === undefined ? {} : opts.ocr);
    case 'docx':
      return { text: await docxText(file, bytes) };
    case 'doc':
      return { text: await docText(file, bytes) };
  }
}

/**
 * Plain text: UTF-8 (BOM optional) or UTF-16 with a BOM. Legacy Vietnamese encodings
 * (Windows-1258, TCVN3, VNI) are refused rather than guessed: a wrong guess would store
 * mojibake that no question can ever match.
 */
export function decodeText(file: string, bytes: Uint8Array): string {
  const name = path.basename(file);
  const [b0, b1, b2] = bytes;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return utf8(file, bytes.subarray(3));
  if (b0 === 0xff && b1 === 0xfe) return utf16(file, bytes.subarray(2), 'le');
  if (b0 === 0xfe && b1 === 0xff) return utf16(file, bytes.subarray(2), 'be');
  if (bytes.includes(0)) {
    throw new IngestError(file, 'binary', `${name}: looks like a binary file, not text (NUL bytes found)`);
  }
  return utf8(file, bytes);
}

function utf8(file: string, bytes: Uint8Array): string {
  return strictDecode(file, 'utf-8', bytes);
}

function utf16(file: string, bytes: Uint8Array, order: 'le' | 'be'): string {
  if (bytes.length % 2 !== 0) {
    throw new IngestError(file, 'encoding', `${path.basename(file)}: unsupported encoding (truncated UTF-16)`);
  }
  // Swap to little-endian ourselves so big-endian works without relying on ICU's utf-16be.
  const le = order === 'le' ? bytes : swapPairs(bytes);
  const text = strictDecode(file, 'utf-16le', le);
  if (text.includes('\0')) {
    throw new IngestError(file, 'binary', `${path.basename(file)}: looks like a binary file, not text (NUL characters found)`);
  }
  return text;
}

function swapPairs(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    out[i] = bytes[i + 1]!;
    out[i + 1] = bytes[i]!;
  }
  return out;
}

function strictDecode(file: string, label: 'utf-8' | 'utf-16le', bytes: Uint8Array): string {
  try {
    return new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch (cause) {
    throw new IngestError(
      file,
      'encoding',
      `${path.basename(file)}: unsupported encoding (save the file as UTF-8; legacy encodings such as Windows-1258, TCVN3 or VNI are not read)`,
      { cause },
    );
  }
}

function needsOcr(file: string): IngestError {
  return new IngestError(file, 'needs_ocr', `${path.basename(file)}: needs OCR (scanned PDF without a text layer)`);
}

function unreadableScan(file: string, ocr: OcrReport): IngestError {
  const pages = ocr.rejected.map((r) => `${r.page} (${Math.round(r.confidence)})`).join(', ');
  return new IngestError(file, 'needs_ocr', `${path.basename(file)}: OCR could not read the scan: every page is below the confidence floor (page (confidence): ${pages})`);
}

/** A page's text layer is usable when it holds some words: a scan has none, or only a stamp's. */
const USABLE_LETTERS = 40;

function letters(text: string): number {
  return (text.match(/\p{L}/gu) ?? []).length;
}

/**
 * The text layer page by page; pages without a usable one are OCR'd (ocr.ts) unless OCR is
 * off, and their text takes the page's place. A page OCR reads below the confidence floor is
 * left out and reported.
 */
async function pdfText(file: string, bytes: Buffer, ocr: OcrOptions | false): Promise<{ text: string; ocr?: OcrReport }> {
  const pages = await pdfPages(file, bytes);
  const scanned = pages.flatMap((t, i) => (letters(t) < USABLE_LETTERS ? [i + 1] : []));
  if (scanned.length === 0 || ocr === false) return { text: pages.join(PAGE_BREAK) };
  const started = performance.now();
  let read: OcrPage[];
  try {
    read = await ocrPages(file, scanned, ocr);
  } catch (cause) {
    if (cause instanceof OcrUnavailableError) {
      throw new IngestError(file, 'needs_ocr', `${path.basename(file)}: needs OCR (scanned pages: ${scanned.length}) but ${cause.message}`, { cause });
    }
    if (ocr.signal?.aborted) throw cause;
    throw new IngestError(file, 'unreadable', `${path.basename(file)}: OCR failed`, { cause });
  }
  const floor = ocr.minConfidence ?? MIN_PAGE_CONFIDENCE;
  const kept = read.filter((p) => p.confidence >= floor);
  for (const p of kept) pages[p.page - 1] = p.text;
  const report: OcrReport = {
    pages: scanned,
    meanConfidence: kept.length ? kept.reduce((s, p) => s + p.confidence, 0) / kept.length : 0,
    rejected: read.filter((p) => p.confidence < floor).map((p) => ({ page: p.page, confidence: p.confidence })),
    ms: Math.round(performance.now() - started),
  };
  return { text: pages.join(PAGE_BREAK), ocr: report };
}

async function pdfPages(file: string, bytes: Buffer): Promise<string[]> {
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // verbosity 0: pdf.js warnings would otherwise go to stdout and break `--json` output.
    pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
  } catch (cause) {
    throw new IngestError(file, 'unreadable', `${path.basename(file)}: not a readable PDF`, { cause });
  }
  try {
    const { text } = await extractText(pdf, { mergePages: false });
    return text;
  } catch (cause) {
    throw new IngestError(file, 'unreadable', `${path.basename(file)}: could not extract the PDF text`, { cause });
  } finally {
    await pdf.destroy();
  }
}

/** Word 97–2003 (.doc) through word-extractor: the document body, as DOCX gives it through mammoth. */
async function docText(file: string, bytes: Buffer): Promise<string> {
  const { default: WordExtractor } = await import('word-extractor');
  try {
    const doc = await new WordExtractor().extract(bytes);
    // filterUnicode off: word-extractor would otherwise turn the plan's “curly” quotes into straight ones.
    // (the published types omit getBody's options argument)
    return (doc.getBody as (options?: { filterUnicode?: boolean }) => string).call(doc, { filterUnicode: false });
  } catch (cause) {
    throw new IngestError(file, 'unreadable', `${path.basename(file)}: not a readable Word 97–2003 (.doc) document`, { cause });
  }
}

async function docxText(file: string, bytes: Buffer): Promise<string> {
  // Loaded on demand: mammoth costs ~100 ms at startup and most plans are text or PDF.
  const { default: mammoth } = await import('mammoth');
  try {
    const result = await mammoth.extractRawText({ buffer: bytes });
    return result.value;
  } catch (cause) {
    throw new IngestError(file, 'unreadable', `${path.basename(file)}: not a readable DOCX document`, { cause });
  }
}
