/** Errors of the embedding part, named after where they came from; each keeps its `cause`. */
export class EmbedError extends Error {
  override name = 'EmbedError';
}

/** A model download that failed: which file, and why (HTTP status, checksum, disk). */
export class ModelFetchError extends Error {
  override name = 'ModelFetchError';
}
