/**
 * The sample plans and dev questions as the retrieval checks use them: parse the plans in
 * corpus/plans, build passages, run questions, and rank hits by the contract's matching rule
 * (evidence tokens contiguous in the hit text). Shared by dev-check.ts and the dev tests.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from '../corpus/parse/index.ts';
import type { ParsedDocument } from '../corpus/types.ts';
import { containsTokens } from './normalize.ts';
import type { Hit, Passage } from './types.ts';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const PLANS_DIR = path.join(REPO_ROOT, 'corpus', 'plans');
/** The gold dev set lives in shared/, beside the repository. */
export const DEV_SET = path.resolve(REPO_ROOT, '..', 'shared', 'eval', 'dev.jsonl');

export interface DevQuestion {
  id: string;
  question: string;
  type: string;
  province: string | null;
  year: number | null;
  doc: string | null;
  section: string | null;
  evidence: string | null;
}

/** Clause kinds worth retrieving: the signature block and recipients list answer nothing. */
const SKIPPED_KINDS = new Set(['back']);

export function parseSamplePlans(dir = PLANS_DIR): ParsedDocument[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => parseDocument(f, fs.readFileSync(path.join(dir, f), 'utf8')));
}

export function passagesOf(docs: readonly ParsedDocument[]): Passage[] {
  return docs.flatMap((d) =>
    d.clauses
      .filter((c) => !SKIPPED_KINDS.has(c.kind) && c.text.trim() !== '')
      .map((clause) => ({ clause, doc: { id: d.id, header: d.header } })),
  );
}

export function loadDevSet(file = DEV_SET): DevQuestion[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as DevQuestion);
}

/** 1-based rank of the first hit whose text holds the evidence, or null. */
export function rankOf(hits: readonly Hit[], evidence: string | null, limit = 10): number | null {
  if (!evidence) return null;
  const i = hits.slice(0, limit).findIndex((h) => containsTokens(h.text, evidence));
  return i < 0 ? null : i + 1;
}
