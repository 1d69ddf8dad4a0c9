/**
 * The administrative map (corpus/data/admin-map.json): Vietnam's provincial-level units today
 * and every former unit a plan may name, with the unit each former one now belongs to and the
 * legal basis of the change. Everything that compares province names goes through here, so
 * "TP.HCM", "Thành phố Hồ Chí Minh" and a header's "Hồ Chí Minh" are one place.
 */
import { z } from 'zod';
import mapData from './data/admin-map.json' with { type: 'json' };
import { fold } from './text/fold.ts';

const placeSchema = z.object({
  name: z.string().min(1),
  level: z.enum(['tỉnh', 'thành phố']),
  aliases: z.array(z.string()).default([]),
  ambiguous: z.boolean().default(false),
  mergedInto: z.string().optional(),
  basis: z.string().optional(),
});
const mapSchema = z.object({
  bases: z.record(z.string(), z.object({ text: z.string(), effective: z.string().regex(/^\d{4}-\d\d-\d\d$/) })),
  places: z.array(placeSchema),
});

export interface LegalBasis {
  text: string;
  /** ISO date the change took effect. */
  effective: string;
}

export interface Place {
  /** Canonical name with diacritics, without "tỉnh"/"thành phố" ("Hồ Chí Minh", "Nam Định"). */
  name: string;
  level: 'tỉnh' | 'thành phố';
  aliases: string[];
  ambiguous: boolean;
  /** The unit this one now belongs to; null for a unit in force today. */
  now: string | null;
  /** Why and since when `now` holds; null for a unit in force today. */
  basis: LegalBasis | null;
}

function load(): Place[] {
  const data = mapSchema.parse(mapData);
  const names = new Set(data.places.map((p) => p.name));
  return data.places.map((p) => {
    if (p.mergedInto !== undefined && !names.has(p.mergedInto)) throw new Error(`admin-map: ${p.name} merged into unknown ${p.mergedInto}`);
    const basis = p.basis === undefined ? null : (data.bases[p.basis] ?? null);
    if (p.mergedInto !== undefined && !basis) throw new Error(`admin-map: ${p.name} has no legal basis`);
    return { name: p.name, level: p.level, aliases: p.aliases, ambiguous: p.ambiguous, now: p.mergedInto ?? null, basis };
  });
}

export const PLACES: readonly Place[] = load();

/** Folded, punctuation-free key of a name: "TP. Hồ Chí Minh" → "tp ho chi minh". */
export function placeKey(text: string): string {
  return fold(text).replace(/[^a-z0-9]+/g, ' ').trim();
}

/** Words a name may carry in front ("tỉnh Nam Định", "TP. Cần Thơ", "thành phố Huế"). */
const LEVEL_PREFIX = /^(?:tinh|thanh pho|tp)\s+/;

const BY_KEY: ReadonlyMap<string, Place> = (() => {
  const map = new Map<string, Place>();
  for (const p of PLACES) for (const n of [p.name, ...p.aliases]) map.set(placeKey(n), p);
  return map;
})();

/** The place a name (as a header or a question writes it) refers to, or null. */
export function placeByName(name: string | null | undefined): Place | null {
  if (!name) return null;
  const key = placeKey(name);
  return BY_KEY.get(key) ?? BY_KEY.get(key.replace(LEVEL_PREFIX, '')) ?? null;
}

/** Canonical name of a province field, or the field tidied when the map does not know it. */
export function canonicalPlace(name: string): string {
  return placeByName(name)?.name ?? name.trim();
}

/** The unit in force today that a place is (itself) or belongs to. */
export function currentUnit(place: Place): Place {
  const seen = new Set<string>();
  let p = place;
  while (p.now !== null && !seen.has(p.name)) {
    seen.add(p.name);
    p = placeByName(p.now) ?? p;
  }
  return p;
}

/** Every place whose territory is now part of `unit`, the unit itself first. */
export function membersOf(unit: Place): Place[] {
  return [unit, ...PLACES.filter((p) => p !== unit && currentUnit(p) === unit)];
}

/** "tỉnh Nam Định", "thành phố Hồ Chí Minh". */
export function placeLabel(place: Place): string {
  return `${place.level} ${place.name}`;
}
