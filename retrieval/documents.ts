/** The documents the index holds (id and parsed header), for scope filters and citations. */
import type { DB } from '../corpus/store/db.ts';
import { passageTerms } from './analyze.ts';
import { provinceInitials, type ProvinceInitials } from './initials.ts';
import type { IndexedDocument } from './types.ts';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS retrieval_documents (
    id      TEXT PRIMARY KEY,
    header  TEXT NOT NULL        -- JSON DocHeader
  );
`;

export class DocumentTable {
  private readonly db: DB;
  private cache: IndexedDocument[] | null = null;
  private kindCache: Map<string, string | null> | null = null;
  private initialsCache: ProvinceInitials | null = null;
  private numberCache: Map<string, string> | null = null;
  private idCache: Map<string, IndexedDocument> | null = null;
  private nameCache = new Map<string, (term: string) => boolean>();

  constructor(db: DB) {
    this.db = db;
    db.exec(SCHEMA);
  }

  upsert(documents: readonly IndexedDocument[]): void {
    if (documents.length === 0) return;
    const put = this.db.prepare('INSERT OR REPLACE INTO retrieval_documents (id, header) VALUES (?, ?)');
    this.db.transaction(() => {
      for (const d of documents) put.run(d.id, JSON.stringify(d.header));
    })();
    this.forget();
  }

  remove(ids: readonly string[]): void {
    const del = this.db.prepare('DELETE FROM retrieval_documents WHERE id = ?');
    this.db.transaction(() => {
      for (const id of ids) del.run(id);
    })();
    this.forget();
  }

  all(): IndexedDocument[] {
    if (!this.cache) {
      const rows = this.db.prepare<[], { id: string; header: string }>('SELECT id, header FROM retrieval_documents ORDER BY id').all();
      this.cache = rows.map((r) => ({ id: r.id, header: JSON.parse(r.header) as IndexedDocument['header'] }));
    }
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
    this.cache = null;
    this.kindCache = null;
    this.initialsCache = null;
    this.numberCache = null;
    this.idCache = null;
    this.nameCache.clear();
  }
}
