/**
 * Small binary helpers for index segments: 53-bit term hashes (so no term string is kept in
 * memory), LEB128 varints, and a growable byte buffer.
 */

/**
 * A term's 53-bit hash: two 32-bit FNV-1a variants over its UTF-16 units, combined into one
 * exactly representable double. A few million distinct terms collide with probability ~1e-4.
 */
export function termHash(term: string): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ term.length;
  for (let i = 0; i < term.length; i++) {
    const c = term.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  h1 ^= h1 >>> 16;
  h1 = Math.imul(h1, 0x85ebca6b);
  h1 ^= h1 >>> 13;
  return (h1 >>> 0) * 2097152 + ((h2 >>> 0) >>> 11);
}

/** Index of `hash` in the sorted `hashes`, or -1. */
export function findHash(hashes: Float64Array, hash: number): number {
  let lo = 0;
  let hi = hashes.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = hashes[mid]!;
    if (v === hash) return mid;
    if (v < hash) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

export class ByteWriter {
  private buf: Uint8Array;
  length = 0;

  constructor(capacity = 1 << 16) {
    this.buf = new Uint8Array(capacity);
  }

  varint(value: number): void {
    this.reserve(5);
    let v = value >>> 0;
    while (v >= 0x80) {
      this.buf[this.length++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.buf[this.length++] = v;
  }

  bytes(data: Uint8Array): void {
    this.reserve(data.length);
    this.buf.set(data, this.length);
    this.length += data.length;
  }

  /** Zero bytes up to a multiple of `n`, so typed arrays written next are aligned. */
  align(n: number): void {
    const pad = (n - (this.length % n)) % n;
    this.reserve(pad);
    this.buf.fill(0, this.length, this.length + pad);
    this.length += pad;
  }

  u32(value: number): void {
    this.reserve(4);
    new DataView(this.buf.buffer).setUint32(this.length, value, true);
    this.length += 4;
  }

  result(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }

  private reserve(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }
}

/** Reads a varint at `pos` of `bytes`; returns the value and writes the next position to `at[0]`. */
export function readVarint(bytes: Uint8Array, at: Uint32Array): number {
  let pos = at[0]!;
  let b = bytes[pos++]!;
  let v = b & 0x7f;
  let shift = 7;
  while (b & 0x80) {
    b = bytes[pos++]!;
    v |= (b & 0x7f) << shift;
    shift += 7;
  }
  at[0] = pos;
  return v >>> 0;
}
