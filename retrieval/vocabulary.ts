/**
 * Index terms interned to small integers (the ids stored with each passage: term-table.ts). At 100,000 clauses the index holds ~10 million
 * term occurrences over a vocabulary of a few hundred thousand: as ids in typed arrays they
 * take 4 bytes each, where a string in a Set per clause took ~50 and a GC walk.
 */

export class Vocabulary {
  private readonly ids = new Map<string, number>();
  private end = 0;

  /** One past the highest id: the length of an array indexed by id. */
  get size(): number {
    return this.end;
  }

  /** How many terms it holds. */
  get count(): number {
    return this.ids.size;
  }

  /** Records a term under an id given elsewhere (the term table). */
  set(term: string, id: number): void {
    this.ids.set(term, id);
    this.end = Math.max(this.end, id + 1);
  }

  /** The term's id, given the next free one if the term is new. */
  intern(term: string): number {
    const known = this.ids.get(term);
    if (known !== undefined) return known;
    this.set(term, this.end);
    return this.end - 1;
  }

  /** The term's id, or undefined when no passage holds it. */
  id(term: string): number | undefined {
    return this.ids.get(term);
  }
}

/** Whether a sorted id array holds `id` (binary search). */
export function sortedHas(ids: Uint32Array, id: number): boolean {
  let lo = 0;
  let hi = ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = ids[mid]!;
    if (v === id) return true;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** Distinct ids, ascending, as a typed array. */
export function sortedIds(ids: ArrayLike<number>): Uint32Array {
  const sorted = Uint32Array.from(ids).sort();
  let n = 0;
  for (let i = 0; i < sorted.length; i++) if (n === 0 || sorted[i] !== sorted[n - 1]) sorted[n++] = sorted[i]!;
  return sorted.slice(0, n);
}

/** The distinct terms of one passage, read-only; what re-ranking asks of a candidate. */
export interface TermLookup {
  has(term: string): boolean;
}

/** A passage's distinct terms as sorted ids over a shared vocabulary. */
export class TermSet implements TermLookup {
  constructor(
    private readonly vocabulary: Vocabulary,
    readonly ids: Uint32Array,
  ) {}

  get size(): number {
    return this.ids.length;
  }

  has(term: string): boolean {
    const id = this.vocabulary.id(term);
    return id !== undefined && sortedHas(this.ids, id);
  }
}
