import { z } from 'zod';
import type { App } from '../bot/app.ts';
import type { Config } from '../bot/config.ts';
import type { PlanStore } from '../corpus/store/documents.ts';
import type { AnswerObject } from '../prompts/types.ts';
import type { Passage, SearchOptions, SearchResult } from '../retrieval/types.ts';
import type { AlqacRunner } from './alqac.ts';
import { EvalError } from './errors.ts';
import type { EvalQuestion, Runner, RunOutput, RunPassage } from './types.ts';

/**
 * The one place the harness meets the application: the runs are built from the same public
 * objects the bot uses (`createApp` of bot/app.ts), so the numbers are the bot's numbers.
 */
export interface EvalApp {
  assistant: { ask(question: string): Promise<AnswerObject> };
  retriever: {
    search(question: string, opts?: SearchOptions): Promise<SearchResult>;
    sync(passages: Passage[]): Promise<unknown>;
    denseAvailable: boolean;
  };
  /** The plan store and the index refresh, for bringing the index up to date before a run. */
  plans: PlanStore;
  afterIngest(): Promise<void>;
  close(): void;
}

/** Compile-time check that the real application still offers what the harness uses. */
type Assert<T extends true> = T;
export type AppFitsEvalApp = Assert<App extends EvalApp ? true : false>;

async function timed<T>(f: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await f();
  return { value, ms: Math.round((performance.now() - t0) * 10) / 10 };
}

const passage = (p: { doc: string; section: string; text: string }): RunPassage => ({ doc: p.doc, section: p.section, text: p.text });

/** The parts of an answer object the metrics read. */
export interface AnswerLike {
  answerable: boolean;
  answer?: string;
  citations: ReadonlyArray<{ doc: string; section: string; text: string }>;
  hits: ReadonlyArray<{ doc: string; section: string; text: string }>;
}

export function answerToOutput(a: AnswerLike, ms: number): RunOutput {
  return { answerable: a.answerable, answer: a.answer ?? '', citations: a.citations.map(passage), hits: a.hits.map(passage), ms };
}

/** The full assistant, exactly as a chat question reaches it. */
export function assistantRunner(app: EvalApp): Runner {
  return {
    name: 'assistant',
    async run(question) {
      const { value, ms } = await timed(() => app.assistant.ask(question));
      return answerToOutput(value, ms);
    },
  };
}

export type Lane = 'lexical' | 'dense';

function denseSkipReason(app: EvalApp, config: Config): string | undefined {
  return app.retriever.denseAvailable ? undefined : `no embedding model loaded (${config.embeddingModel} under ${config.modelsDir}); run npm run models:fetch`;
}

/**
 * One retrieval lane alone. It has no answer step, so its answer and its one citation are its
 * top hit, and it refuses exactly when the retriever does.
 */
export function laneRunner(app: EvalApp, lane: Lane, config: Config): Runner {
  const skipped = lane === 'dense' ? denseSkipReason(app, config) : undefined;
  return {
    name: lane,
    ...(skipped !== undefined ? { skipped } : {}),
    async run(question) {
      const { value, ms } = await timed(() => app.retriever.search(question, { k: 10, lanes: [lane] }));
      const hits = value.hits.map(passage);
      const top = value.answerable ? hits[0] : undefined;
      return { answerable: value.answerable, answer: top?.text ?? '', citations: top ? [top] : [], hits, ms };
    },
  };
}

/** The engine's ranking for ALQAC: every lane, then each lane alone. Refusals are ignored: this is retrieval only. */
export function alqacEngineRunners(app: EvalApp, config: Config): AlqacRunner[] {
  const search = (name: string, lanes: Lane[] | undefined, skipped?: string): AlqacRunner => ({
    name,
    ...(skipped !== undefined ? { skipped } : {}),
    async run(question) {
      const { value, ms } = await timed(() => app.retriever.search(question, lanes ? { k: 10, lanes } : { k: 10 }));
      return { hits: value.hits.map((h) => ({ doc: h.doc, section: h.section })), ms };
    },
  });
  return [search('engine', undefined), search('lexical', ['lexical']), search('dense', ['dense'], denseSkipReason(app, config))];
}

const answerLineSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  answerable: z.boolean(),
  answer: z.string().default(''),
  citations: z.array(z.object({ doc: z.string(), section: z.string(), text: z.string() }).loose()),
  hits: z.array(z.object({ doc: z.string(), section: z.string(), text: z.string() }).loose()),
  ms: z.number(),
});

/** Parses `ask --batch` output: one answer object a line, each with the input id. */
export function parseAnswerLines(text: string): Map<string, RunOutput> {
  const byId = new Map<string, RunOutput>();
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let parsed;
    try {
      parsed = answerLineSchema.parse(JSON.parse(line));
    } catch (cause) {
      throw new EvalError(`answers line ${i + 1}: not an answer object with an id`, { cause });
    }
    byId.set(parsed.id, answerToOutput(parsed, parsed.ms));
  });
  return byId;
}

/** Scores answers produced elsewhere (e.g. `ask --batch`), joined to the set by id; their own `ms` is kept. */
export function replayRunner(name: string, questions: readonly EvalQuestion[], answers: Map<string, RunOutput>): Runner {
  const idsByQuestion = new Map<string, string>();
  for (const q of questions) idsByQuestion.set(q.question, q.id);
  return {
    name,
    async run(question) {
      const id = idsByQuestion.get(question);
      const out = id === undefined ? undefined : answers.get(id);
      if (out === undefined) throw new EvalError(`no recorded answer for question ${id ?? JSON.stringify(question)}`);
      return out;
    },
  };
}
