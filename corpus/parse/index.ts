/**
 * Public entry of the plan parser: raw extracted text → cleaned text → header → clause tree.
 */
import { cleanDocument } from '../clean.ts';
import type { ParsedDocument } from '../types.ts';
import { parseHeader } from './header.ts';
import { buildClauses } from './tree.ts';

export { parseHeader } from './header.ts';
export { buildClauses } from './tree.ts';
export { findProvince, PROVINCES } from './provinces.ts';

export function parseDocument(docId: string, raw: string): ParsedDocument {
  const { text, footnotes, pageMeta } = cleanDocument(raw);
  return { id: docId, header: parseHeader(text, docId, pageMeta), clauses: buildClauses(docId, text, footnotes) };
}
