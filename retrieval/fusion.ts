/**
 * Fusion of retrieval lanes. Several lanes: reciprocal-rank fusion, which needs no score
 * calibration between bm25 and cosine. One lane: its scores scaled to the best one, so the
 * score gaps bm25 measured survive into re-ranking (RRF alone would flatten them).
 */
import type { LaneScores } from './types.ts';

export type LaneName = 'lexical' | 'dense';

export interface LaneResult {
  lane: LaneName;
  /** Best first. */
  hits: ReadonlyArray<{ id: string; score: number }>;
}

export interface Fused {
  id: string;
  /** In [0, 1]: 1 for the best candidate. */
  fused: number;
  lanes: LaneScores;
}

/** The usual RRF constant (Cormack et al. 2009): ranks past ~60 barely matter. */
export const RRF_K = 60;

function laneScores(results: readonly LaneResult[]): Map<string, LaneScores> {
  const byId = new Map<string, LaneScores>();
  for (const { lane, hits } of results) {
    hits.forEach((hit, i) => {
      const scores = byId.get(hit.id) ?? {};
      if (lane === 'lexical') Object.assign(scores, { lexical: hit.score, lexicalRank: i + 1 });
      else Object.assign(scores, { dense: hit.score, denseRank: i + 1 });
      byId.set(hit.id, scores);
    });
  }
  return byId;
}

function rrf(scores: LaneScores): number {
  const ranks = [scores.lexicalRank, scores.denseRank].filter((r): r is number => r !== undefined);
  return ranks.reduce((sum, r) => sum + 1 / (RRF_K + r), 0);
}

/** Fuses the lanes that returned anything; candidates best first. */
export function fuse(results: readonly LaneResult[]): Fused[] {
  const active = results.filter((r) => r.hits.length > 0);
  const byId = laneScores(active);
  const single = active.length === 1 ? active[0] : undefined;
  const top = single ? Math.max(single.hits[0]?.score ?? 0, Number.EPSILON) : 0;
  const raw = Array.from(byId, ([id, lanes]) => {
    const score = single ? (lanes.lexical ?? lanes.dense ?? 0) / top : rrf(lanes);
    return { id, lanes, score };
  });
  const best = Math.max(...raw.map((r) => r.score), Number.EPSILON);
  return raw
    .map(({ id, lanes, score }) => ({ id, fused: score / best, lanes: { ...lanes, fused: score / best } }))
    .sort((a, b) => b.fused - a.fused);
}
