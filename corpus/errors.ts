/**
 * Errors raised while reading and storing plan files. Each one names the file and a short
 * reason code, so the ingest report and the bot can tell an official what to do about it.
 */
export type IngestReason =
  | 'empty'
  | 'binary'
  | 'encoding'
  | 'needs_ocr'
  | 'too_large'
  | 'unsupported_type'
  | 'unreadable'
  | 'parse'
  /** Two files with the same name in one run: the document id is the file name. */
  | 'duplicate';

export class IngestError extends Error {
  override name = 'IngestError';
  readonly file: string;
  readonly reason: IngestReason;

  constructor(file: string, reason: IngestReason, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.file = file;
    this.reason = reason;
  }
}

/** A store write that failed; the transaction was rolled back and the database is unchanged. */
export class StoreError extends Error {
  override name = 'StoreError';
}
