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

/**
 * Version of what the parser makes of a file. Raise it when a change alters clauses, headers or
 * tasks: an ingest then re-reads unchanged files parsed by an older version (documents.ts).
 * 2: national issuers, plan periods, website frames, task sheets, agencies as written.
 * 3: tables issued with a document under their own title are appendices.
 * 4: a day followed by "hằng năm/tháng/quý" is a recurring deadline (no single date).
 * 5: a division word wrapped away from its number ("**Điều" / "22. …") is re-joined; a headerless
 *    document's number and date come from an appendix caption wrapped after "Kèm theo"; a
 *    running title in capitals captioned "Ban hành kèm theo" after a signature starts the issued document.
 * 6: an appendix without a table is read as an outline (Phụ lục.I.1.1), not as flat paragraphs.
 * 7: a number alone on its line takes the words below it as its text (its heading); a first part
 *    "I." after a signature starts an attached list; a capitals title right under "PHỤ LỤC" is its title.
 * 8: "Bảo vệ / Bảo đảm / Bảo mật…" start no agency's name (the head "Báo" folds alike).
 */
export const PARSER_VERSION = 8;

export function parseDocument(docId: string, raw: string): ParsedDocument {
  const { text, footnotes, pageMeta } = cleanDocument(raw);
  return { id: docId, header: parseHeader(text, docId, pageMeta), clauses: buildClauses(docId, text, footnotes) };
}
