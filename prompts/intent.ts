/**
 * What the answer should be shaped as, and in which language: read from the question with
 * retrieval's own query understanding, so the answer and the ranking agree on the intent.
 */
import { detectIntents, prepareQuery, type Intent } from '../retrieval/query.ts';
import { containsRun } from '../retrieval/normalize.ts';

export type AnswerIntent = 'lead' | 'coordinate' | 'deadline' | 'target' | 'assignment' | 'other';
export type Lang = 'vi' | 'en';

export interface QuestionReading {
  lang: Lang;
  intent: AnswerIntent;
  /** Folded content words (English already glossed into Vietnamese), for sentence picking. */
  terms: string[];
  /** Folded word bigrams of the question ("hoan_thue"). */
  bigrams: string[];
}

/**
 * "ai"/"who" alone are weak cues: "ai" is also a syllable of place names ("Bác Ái") and a
 * "who must report by when" question asks for the date. A lead cue that survives without
 * them ("chủ trì", "cơ quan nào", "which agency") outranks the date and number cues.
 */
const WEAK_LEAD = new Set(['ai', 'who']);

function strongLead(folded: readonly string[]): boolean {
  return detectIntents(folded.filter((w) => !WEAK_LEAD.has(w))).includes('lead');
}

/** "làm gì", "trách nhiệm gì", "được giao gì", "vai trò", "asked to do": the question wants the duty itself, even when it says "được giao". */
const ASKS_WHAT: readonly string[][] = [
  ['lam', 'gi'], ['trach', 'nhiem', 'gi'], ['nhiem', 'vu', 'gi'], ['asked', 'to', 'do'], ['what', 'must'], ['what', 'should'],
  ['giao', 'gi'], ['viec', 'gi'], ['vai', 'tro'], ['nhung', 'gi'], ['nhiem', 'vu', 'nao'],
];

export function resolveIntent(intents: readonly Intent[], folded: readonly string[]): AnswerIntent {
  const has = (i: Intent) => intents.includes(i);
  if (has('coordinate')) return 'coordinate';
  if (ASKS_WHAT.some((cue) => containsRun(folded, cue))) return 'assignment';
  if (has('lead') && strongLead(folded)) return 'lead';
  if (has('deadline')) return 'deadline';
  if (has('target')) return 'target';
  if (has('assignment')) return 'assignment';
  if (has('lead')) return 'lead';
  return 'other';
}

export function readQuestion(question: string): QuestionReading {
  const query = prepareQuery(question);
  return {
    lang: query.terms.english ? 'en' : 'vi',
    // Cues read with the province and year taken out, which may split one ("Which Bac Giang department leads").
    intent: resolveIntent(query.intents, query.unscoped),
    terms: [...new Set(query.terms.content)],
    bigrams: query.terms.bigrams,
  };
}
