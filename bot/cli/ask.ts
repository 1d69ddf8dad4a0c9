import fs from 'node:fs';
import readline from 'node:readline';
import { z } from 'zod';
import type { AnswerObject } from '../../prompts/types.ts';
import { createLogger } from '../logger.ts';
import { cliConfig, createProgram, isEntryPoint, runCommand, UsageError, type CommonOptions } from './args.ts';
import { openReadyApp } from './ready.ts';

/**
 * `npm run -s ask -- [--data-dir D] --json "QUESTION"` prints one answer object;
 * `npm run -s ask -- [--data-dir D] --batch FILE.jsonl` prints one per input line, in input
 * order, with the input's `id`. One process: the model and the index load once.
 */
interface AskOptions extends CommonOptions {
  batch?: string;
}

const batchLine = z.object({ id: z.union([z.string(), z.number()]).transform(String), question: z.string().min(1) }).loose();

export async function runAsk(argv: string[]): Promise<number> {
  const program = createProgram('ask', 'Answer a question from the plans, with citations')
    .argument('[question...]', 'the question (quote it)')
    .option('--batch <file>', 'JSONL file of {"id","question"} lines; prints one answer object per line');
  program.parse(argv, { from: 'user' });
  const opts = program.opts<AskOptions>();
  const question = program.args.join(' ').trim();
  if (!opts.batch && !question) throw new UsageError('Usage: ask [--data-dir D] --json "QUESTION" | ask --batch FILE.jsonl');
  if (opts.batch && !fs.existsSync(opts.batch)) throw new UsageError(`Batch file not found: ${opts.batch}`);
  const config = cliConfig(opts);
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const app = await openReadyApp(config, logger);
  try {
    if (opts.batch) return await answerBatch(opts.batch, (q, id) => app.assistant.ask(q, { id }));
    const answer = await app.assistant.ask(question);
    process.stdout.write(opts.json ? `${JSON.stringify(answer)}\n` : `${await humanText(answer)}\n`);
    return 0;
  } finally {
    await app.close();
  }
}

/** Answers every line in order; a malformed line gets an error object with its line number, the rest go on. */
async function answerBatch(file: string, ask: (q: string, id: string) => Promise<AnswerObject>): Promise<number> {
  const lines = readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let n = 0;
  let bad = 0;
  for await (const raw of lines) {
    n += 1;
    if (!raw.trim()) continue;
    const parsed = safeJson(raw);
    const line = batchLine.safeParse(parsed);
    if (!line.success) {
      bad += 1;
      process.stdout.write(`${JSON.stringify({ id: idOf(parsed), error: `line ${n}: expected {"id","question"}` })}\n`);
      continue;
    }
    const answer = await ask(line.data.question, line.data.id);
    process.stdout.write(`${JSON.stringify({ ...answer, id: line.data.id })}\n`);
  }
  return bad > 0 ? 1 : 0;
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}

function idOf(v: unknown): string | null {
  return v && typeof v === 'object' && 'id' in v ? String((v as { id: unknown }).id) : null;
}

/** The same plain text the chat shows, for a person at a terminal. */
async function humanText(answer: AnswerObject): Promise<string> {
  const { formatAnswerText } = await import('../../prompts/citation.ts');
  return formatAnswerText(answer);
}

if (isEntryPoint(import.meta.url)) await runCommand(() => runAsk(process.argv.slice(2)));
