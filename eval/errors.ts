/** Failures of the evaluation harness itself: a bad question file, a missing app, a bad baseline. */
export class EvalError extends Error {
  override name = 'EvalError';
}
