/**
 * The question-answering service the bot and eval call: search, then compose an answer
 * object (contract's "Answer object") from the hits, extractively or, when an LLM endpoint
 * is configured, fluently with the extractive answer as the fallback.
 */
import type { Hit, SearchOptions, SearchResult } from '../retrieval/types.ts';
import { candidatesOf, type AnswerLookup } from './candidates.ts';
import { formatCitation, toCitation } from './citation.ts';
import { LlmError } from './errors.ts';
import { composeExtractive, MAX_CITATIONS, type Composition } from './extractive.ts';
import { readQuestion, type QuestionReading } from './intent.ts';
import { checkCitations, type LlmClient } from './llm.ts';
import type { AnswerHit, AnswerObject } from './types.ts';

export type { AnswerLookup } from './candidates.ts';
export type { LlmClient } from './llm.ts';

export interface AssistantRetriever {
  search(question: string, options?: SearchOptions): Promise<SearchResult>;
  readonly denseAvailable: boolean;
  readonly modelId?: string | null;
}

export interface AssistantLogger {
  warn(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}

export interface AssistantDeps {
  retriever: AssistantRetriever;
  lookup: AnswerLookup;
  llm?: LlmClient | null;
  logger?: AssistantLogger;
}

export interface Assistant {
  ask(question: string, opts?: { id?: string }): Promise<AnswerObject>;
  status(): { denseAvailable: boolean; modelId: string | null; llm: boolean };
}

const MAX_HITS = 10;
/** Clauses shown to the model: enough to hold the answer when retrieval ranks it a little low, few enough for a small context. */
const LLM_CLAUSES = 6;

function toAnswerHit(h: Hit): AnswerHit {
  const lanes: Record<string, number> = {};
  for (const [k, v] of Object.entries(h.lanes)) if (typeof v === 'number') lanes[k] = v;
  return { doc: h.doc, section: h.section, text: h.text, score: h.score, clauseId: h.clauseId, lanes };
}

/** Models drift into markdown despite the prompt; the contract's answer is plain text. */
function plain(text: string): string {
  return text.replace(/\*\*|__|`/g, '').replace(/^#+\s*/gm, '').trim();
}

async function llmComposition(
  llm: LlmClient, question: string, reading: QuestionReading, result: SearchResult, lookup: AnswerLookup,
): Promise<Composition> {
  const candidates = candidatesOf(result.hits.slice(0, LLM_CLAUSES), lookup);
  const clauses = candidates.map((c) => ({
    id: c.hit.clauseId,
    source: formatCitation(toCitation(c.clause, c.header, c.task, c.ocr), 'vi'),
    text: c.clause.text,
  }));
  const reply = await llm.answer({ question, lang: reading.lang, clauses });
  checkCitations(reply, new Set(clauses.map((c) => c.id)));
  if (!reply.answerable) return { answerable: false, answer: plain(reply.answer), lang: reading.lang, citations: [], taskId: null };
  const byId = new Map(candidates.map((c) => [c.hit.clauseId, c]));
  const cited = [...new Set(reply.citations)].flatMap((id) => byId.get(id) ?? []).slice(0, MAX_CITATIONS);
  return {
    answerable: true,
    answer: plain(reply.answer),
    lang: reading.lang,
    citations: cited.map((c) => toCitation(c.clause, c.header, c.task, c.ocr)),
    taskId: cited[0]?.task?.id ?? null,
  };
}

export function createAssistant(deps: AssistantDeps): Assistant {
  const { retriever, lookup, llm, logger } = deps;

  async function compose(question: string, result: SearchResult): Promise<{ composition: Composition; mode: 'extractive' | 'llm' }> {
    const reading = readQuestion(question);
    await lookup.prefetch?.(result.hits);
    const extractive = composeExtractive(reading, result, lookup);
    // Refusals stay extractive: the model must never answer what retrieval ruled out of scope.
    // A reply naming each province's answer stays extractive too: one fluent answer would blur whose it is.
    if (!llm || !extractive.answerable || extractive.provinces) return { composition: extractive, mode: 'extractive' };
    try {
      return { composition: await llmComposition(llm, question, reading, result, lookup), mode: 'llm' };
    } catch (err) {
      if (!(err instanceof LlmError)) throw err;
      logger?.warn({ err, reason: err.reason, question }, 'LLM answer unusable, extractive answer used');
      return { composition: extractive, mode: 'extractive' };
    }
  }

  async function ask(question: string, opts: { id?: string } = {}): Promise<AnswerObject> {
    const started = performance.now();
    const text = question.normalize('NFC').trim();
    const result = await retriever.search(text, { k: MAX_HITS });
    const { composition, mode } = await compose(text, result);
    const ms = Math.round(performance.now() - started);
    logger?.debug({ question: text, answerable: composition.answerable, mode, top: result.hits[0]?.clauseId, ms }, 'answer');
    return {
      ...(opts.id !== undefined ? { id: opts.id } : {}),
      question: text,
      answerable: composition.answerable,
      answer: composition.answer,
      citations: composition.citations,
      hits: result.hits.slice(0, MAX_HITS).map(toAnswerHit),
      ms,
      lang: composition.lang,
      taskId: composition.taskId,
      mode,
      ...(composition.provinces ? { provinces: composition.provinces } : {}),
    };
  }

  return {
    ask,
    status: () => ({ denseAvailable: retriever.denseAvailable, modelId: retriever.modelId ?? null, llm: Boolean(llm) }),
  };
}
