/** The documents the index holds (id and parsed header), for scope filters and citations; derived from the index after each change. */
import { passageTerms } from './analyze.ts';
import { provinceInitials, type ProvinceInitials } from './initials.ts';
import type { IndexedDocument } from './types.ts';

export class DocumentTable {
  private cache: IndexedDocument[] = [];
  private kindCache: Map<string, string | null> | null = null;
  private initialsCache: ProvinceInitials | null = null;
  private numberCache: Map<string, string> | null = null;
  private idCache: Map<string, IndexedDocument> | null = null;
  private nameCache = new Map<string, (term: string) => boolean>();

  /** The documents the index holds now, by id. */
  set(documents: readonly IndexedDocument[]): void {
    this.cache = [...documents].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    this.forget();
  }

  all(): IndexedDocument[] {
    return this.cache;
  }

  /** Documents by id. */
  byId(): ReadonlyMap<string, IndexedDocument> {
    this.idCache ??= new Map(this.all().map((d) => [d.id, d]));
    return this.idCache;
  }

  /** Plan kind by document id; built once per change, as search reads it on every question. */
  kinds(): ReadonlyMap<string, string | null> {
    this.kindCache ??= new Map(this.all().map((d) => [d.id, d.header.kind]));
    return this.kindCache;
  }

  /** The leading number of each document's own number ("2530" of "2530/QĐ-TTg"), for questions that name a plan by it. */
  numbers(): ReadonlyMap<string, string> {
    this.numberCache ??= new Map(
      this.all().flatMap((d) => {
        const n = /^0*(\d+)\//.exec(d.header.number ?? '')?.[1];
        return n ? [[d.id, n] as [string, string]] : [];
      }),
    );
    return this.numberCache;
  }

  /** Whether a term belongs to a document's name: its title, number, year and period, as passages are analysed. */
  nameTerms(docId: string): ((term: string) => boolean) | undefined {
    const cached = this.nameCache.get(docId);
    if (cached) return cached;
    const doc = this.all().find((d) => d.id === docId);
    if (!doc) return undefined;
    const h = doc.header;
    const text = [h.title, h.number, h.year, h.period ? `${h.period.from} ${h.period.to}` : null, h.docType].filter((x) => x !== null && x !== undefined).join(' ');
    const terms = new Set(passageTerms(text));
    const has = (term: string) => terms.has(term);
    this.nameCache.set(docId, has);
    return has;
  }

  /** Province initials questions may use, derived from the provinces of the documents held. */
  initials(): ProvinceInitials {
    this.initialsCache ??= provinceInitials(this.all().map((d) => d.header.province));
    return this.initialsCache;
  }

  private forget(): void {
    this.kindCache = null;
    this.initialsCache = null;
    this.numberCache = null;
    this.idCache = null;
    this.nameCache.clear();
  }
}
