/** Errors of the answer composer, named after where they came from. */
/** The optional LLM endpoint failed: HTTP error, timeout, unparsable reply or citations outside the retrieved clauses. */
export class LlmError extends Error {
  override name = 'LlmError';
  constructor(
    message: string,
    readonly reason: 'http' | 'timeout' | 'parse' | 'citations',
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
