/**
 * A question that names no province, answered as well by several provinces' plans ("ai chủ
 * trì phát triển kinh tế số?" with Bắc Ninh's and Đồng Nai's plans loaded): silently picking one
 * would answer for a province the official did not mean. Those near-equal answers, one per
 * province (a national plan counts as its own), are handed to the composer, which names each.
 */
import { canonicalPlace } from '../corpus/places.ts';
import type { PassageInfo } from './lexical.ts';
import { linearScore, type Ranked } from './rerank.ts';
import type { IndexedDocument, ProvinceChoice } from './types.ts';

/** A province's best clause must score at least this share of the overall best to count as an equal answer. */
const NEAR = 0.85;
/** How deep the ranking is looked through for other provinces' answers. */
const DEPTH = 20;
/** Most provinces named in one reply. */
export const MAX_CHOICES = 3;

export function provinceChoices(
  ranked: readonly Ranked[],
  passages: ReadonlyMap<string, PassageInfo>,
  documents: ReadonlyMap<string, IndexedDocument>,
  minCoverage: number,
): ProvinceChoice[] {
  const top = ranked[0];
  if (!top) return [];
  const byProvince = new Map<string, ProvinceChoice>();
  const best = linearScore(top);
  for (const r of ranked.slice(0, DEPTH)) {
    if (linearScore(r) < NEAR * best || r.coverage < minCoverage) continue;
    const doc = documents.get(passages.get(r.id)?.docId ?? '');
    if (!doc) continue;
    const province = doc.header.province ? canonicalPlace(doc.header.province) : null;
    const key = province ?? 'national';
    if (!byProvince.has(key)) byProvince.set(key, { province, clauseId: r.id });
    if (byProvince.size === MAX_CHOICES) break;
  }
  return byProvince.size >= 2 ? [...byProvince.values()] : [];
}
