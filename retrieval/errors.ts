/** Errors of the retrieval part, named after the lane they came from; each keeps its `cause`. */
export class RetrievalError extends Error {
  override name = 'RetrievalError';
}

export class LexicalIndexError extends RetrievalError {
  override name = 'LexicalIndexError';
}

export class DenseLaneError extends RetrievalError {
  override name = 'DenseLaneError';
}
