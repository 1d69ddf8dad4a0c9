/**
 * Which documents a question may be answered from, given the provinces and years it names.
 *
 * - A province today (Ninh Bình) covers the plans of every province merged into it (Hà Nam,
 *   Nam Định, Ninh Bình before 1 July 2025): the administrative map (corpus/places.ts).
 * - A former province (Nam Định) covers its own plans and those its successor issued once
 *   the merger took effect, which govern its territory now.
 * - National documents (the Government, the Prime Minister, ministries) hold for every
 *   province: they join a province's question, and re-ranking keeps only their clauses that
 *   address the provinces (see addressesLocalities).
 * - A year matches a plan's own year or any year of its period ("giai đoạn 2026 - 2030").
 *
 * Naming a province no document covers refuses at once, unless the question names a national
 * document by number or turns to the national plans ("KHHĐ quốc gia"), whose clauses naming
 * that province then answer: the assistant never answers from another province than the one asked about.
 */
import { currentUnit, placeByName, type Place } from '../corpus/places.ts';
import type { DocHeader } from '../corpus/types.ts';
import { fold } from './normalize.ts';
import { provinceKey } from './provinces.ts';
import type { IndexedDocument, QueryFilters } from './types.ts';

export interface Scope {
  /** Documents the question may be answered from (the national ones included). */
  docIds: string[];
  /** Of those, the national documents admitted beside the named province's own. */
  nationalIds: string[];
  /** Set when the question names a province or year no document covers. */
  refusal?: 'unknown_scope';
  /** National documents admitted only for their clauses that name the province asked about (it has no plan of its own here). */
  placeOnly?: true;
}

export function isNational(header: DocHeader): boolean {
  return header.scope === 'national' || (header.province === null && header.issuerKind !== undefined && header.issuerKind !== null && header.issuerKind !== 'province');
}

/** A year matches the plan's own year, the year it was issued, or falls in its period; a document with none is of no particular year. */
export function coversYear(header: DocHeader, year: number): boolean {
  const period = header.period ?? null;
  if (header.year === null && period === null && !header.date) return true;
  // The year it was issued counts too: "QĐ 1383 năm 2025" for the 2026 statistics calendar.
  const issued = header.date ? Number(header.date.slice(0, 4)) : null;
  return header.year === year || issued === year || (period !== null && period.from <= year && year <= period.to);
}

function issuedOnOrAfter(header: DocHeader, iso: string): boolean {
  if (header.date) return header.date >= iso;
  // Without a date, only a later year is surely after the change.
  return header.year !== null && header.year > Number(iso.slice(0, 4));
}

/** Whether a document's province falls under the place a question names. */
export function placeCovers(asked: Place, header: DocHeader): boolean {
  if (!header.province) return false;
  const own = placeByName(header.province);
  if (!own) return provinceKey(header.province) === provinceKey(asked.name);
  if (asked.now === null) return currentUnit(own) === asked;
  if (own === asked) return true;
  const today = currentUnit(asked);
  return own === today && asked.basis !== null && issuedOnOrAfter(header, asked.basis.effective);
}

/**
 * `namedDocs`: documents the question names by number ("CĐ 227"). A national one answers a
 * question about a province no plan covers ("Phó Thủ tướng nào chỉ đạo khắc phục mưa lũ tại
 * Khánh Hòa (CĐ 227)?"): the question asks what that document says, not what the province's
 * own plans say. So do the national plans when the question turns to them without a number
 * (`nationalCue`: "theo KH hành động quốc gia, PM2.5 của Hà Nội năm 2030 …"), but
 * then only through their clauses that name the province: "Thanh Hóa triển khai CT 32/CT-TTg …"
 * asks for Thanh Hóa's own plan.
 */
export function scopeDocuments(filters: QueryFilters, documents: readonly IndexedDocument[], namedDocs: readonly string[] = [], nationalCue = false): Scope {
  const places = filters.provinces.map((p) => placeByName(p)).filter((p): p is Place => p !== null);
  const unknownNames = filters.provinces.filter((p) => !placeByName(p)).map(provinceKey);
  const ofYear = (d: IndexedDocument) => filters.years.length === 0 || filters.years.some((y) => coversYear(d.header, y));
  const named = filters.provinces.length > 0;
  const own = documents
    .filter((d) => !named || places.some((p) => placeCovers(p, d.header)) || (d.header.province !== null && unknownNames.includes(provinceKey(d.header.province))))
    .filter(ofYear);
  if (!named) {
    const docIds = own.map((d) => d.id);
    return filters.years.length > 0 && docIds.length === 0 ? { docIds, nationalIds: [], refusal: 'unknown_scope' } : { docIds, nationalIds: [] };
  }
  if (own.length === 0) {
    const cited = documents.filter((d) => namedDocs.includes(d.id) && isNational(d.header) && ofYear(d)).map((d) => d.id);
    if (cited.length > 0) return { docIds: cited, nationalIds: cited };
    const turnedTo = nationalCue ? documents.filter((d) => isNational(d.header) && ofYear(d)).map((d) => d.id) : [];
    return turnedTo.length > 0 ? { docIds: turnedTo, nationalIds: turnedTo, placeOnly: true } : { docIds: [], nationalIds: [], refusal: 'unknown_scope' };
  }
  const national = documents.filter((d) => isNational(d.header) && ofYear(d)).map((d) => d.id);
  return { docIds: [...own.map((d) => d.id), ...national], nationalIds: national };
}

/**
 * Words by which a national plan's clause turns to the provinces: "UBND các tỉnh, thành phố
 * trực thuộc trung ương", "các địa phương", "Bộ, ngành, địa phương". Folded.
 */
const LOCALITIES = /\b(?:uy ban nhan dan|ubnd) (?:cac )?tinh\b|\bcac tinh\b|\btinh, thanh pho\b|\bdia phuong\b|\bcap tinh\b/;

/** Whether a national plan's clause (or a heading above it) addresses the provinces. */
export function addressesLocalities(text: string, breadcrumb: readonly string[]): boolean {
  return LOCALITIES.test(fold(text)) || breadcrumb.some((h) => LOCALITIES.test(fold(h)));
}
