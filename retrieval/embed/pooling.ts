/**
 * From a model's last hidden state to one unit vector per text. Pure functions over flat
 * tensors, so they are tested without a model.
 */

export interface HiddenState {
  /** Row-major [batch, seq, dim]. */
  data: Float32Array;
  dims: readonly [number, number, number];
}

/** Scales `v` in place to unit length; a zero vector stays zero (nothing to point at). */
export function l2normalize(v: Float32Array): Float32Array {
  let sq = 0;
  for (const x of v) sq += x * x;
  if (sq === 0) return v;
  const k = 1 / Math.sqrt(sq);
  for (let i = 0; i < v.length; i++) v[i] = v[i]! * k;
  return v;
}

/** Mean of the token vectors the attention mask keeps (padding excluded), normalised. */
export function meanPool(hidden: HiddenState, mask: ArrayLike<number | bigint>): Float32Array[] {
  const [batch, seq, dim] = hidden.dims;
  const out: Float32Array[] = [];
  for (let b = 0; b < batch; b++) {
    const sum = new Float32Array(dim);
    let count = 0;
    for (let s = 0; s < seq; s++) {
      if (Number(mask[b * seq + s] ?? 0) === 0) continue;
      count++;
      const offset = (b * seq + s) * dim;
      for (let d = 0; d < dim; d++) sum[d] = sum[d]! + hidden.data[offset + d]!;
    }
    if (count > 0) for (let d = 0; d < dim; d++) sum[d] = sum[d]! / count;
    out.push(l2normalize(sum));
  }
  return out;
}

/** The first token's vector ([CLS]), normalised: how BGE-style models pool. */
export function clsPool(hidden: HiddenState): Float32Array[] {
  const [batch, seq, dim] = hidden.dims;
  const out: Float32Array[] = [];
  for (let b = 0; b < batch; b++) {
    const offset = b * seq * dim;
    out.push(l2normalize(hidden.data.slice(offset, offset + dim)));
  }
  return out;
}
