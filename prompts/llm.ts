/**
 * Optional fluent answers through an OpenAI-compatible chat endpoint. The model sees only
 * the retrieved clauses and must reply with JSON naming the clauses it used; an HTTP error,
 * a timeout or an unparsable reply is an LlmError, and so is (checked by the assistant) a
 * citation it was not given. The assistant then falls back to the extractive answer.
 */
import { ChatOpenAI } from '@langchain/openai';
import { z } from 'zod';
import { LlmError } from './errors.ts';
import type { Lang } from './intent.ts';
import { answerPrompt, languageName, renderClauses, type PromptClause } from './llm-prompt.ts';

export interface LlmConfig {
  baseUrl: string;
  model: string;
  apiKey?: string | undefined;
  timeoutMs: number;
}

export interface LlmRequest {
  question: string;
  lang: Lang;
  clauses: PromptClause[];
}

export interface LlmReply {
  answer: string;
  citations: string[];
  answerable: boolean;
}

export interface LlmClient {
  readonly model: string;
  answer(request: LlmRequest): Promise<LlmReply>;
}

const replySchema = z.object({
  answer: z.string().trim().min(1),
  citations: z.array(z.string().trim()).default([]),
  answerable: z.boolean(),
});

/** Models often wrap JSON in a ```json fence or a sentence: the outermost braces are the reply. */
export function parseLlmReply(content: string): LlmReply {
  const start = content.indexOf('{');
  const end = content.lastIndexOf('}');
  if (start < 0 || end <= start) throw new LlmError('LLM reply holds no JSON object', 'parse');
  let json: unknown;
  try {
    json = JSON.parse(content.slice(start, end + 1));
  } catch (err) {
    throw new LlmError('LLM reply is not valid JSON', 'parse', { cause: err });
  }
  const parsed = replySchema.safeParse(json);
  if (!parsed.success) throw new LlmError(`LLM reply has the wrong shape: ${parsed.error.message}`, 'parse', { cause: parsed.error });
  return parsed.data;
}

/** An answer must rest on the clauses it was given: every citation among them, and at least one when it answers. */
export function checkCitations(reply: LlmReply, allowed: ReadonlySet<string>): void {
  const foreign = reply.citations.filter((id) => !allowed.has(id));
  if (foreign.length) throw new LlmError(`LLM cited clauses it was not given: ${foreign.join(', ')}`, 'citations');
  if (reply.answerable && reply.citations.length === 0) throw new LlmError('LLM answered without citing a clause', 'citations');
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content.map((part) => (typeof part === 'string' ? part : (part as { text?: unknown }).text ?? '')).join('');
  }
  return '';
}

function isTimeout(err: unknown): boolean {
  const e = err as { name?: string; message?: string } | null;
  return e?.name === 'TimeoutError' || e?.name === 'AbortError' || /timed? ?out/i.test(e?.message ?? '');
}

export function createLlmClient(config: LlmConfig): LlmClient {
  const chat = new ChatOpenAI({
    model: config.model,
    // Local OpenAI-compatible servers take no key, but the client library insists on one.
    apiKey: config.apiKey ?? 'no-key',
    configuration: { baseURL: config.baseUrl },
    timeout: config.timeoutMs,
    // A failed call falls back to the extractive answer at once; a retry would only add latency.
    maxRetries: 0,
    temperature: 0,
  });
  const chain = answerPrompt.pipe(chat);

  async function answer(request: LlmRequest): Promise<LlmReply> {
    let content: string;
    try {
      const message = await chain.invoke(
        { question: request.question, clauses: renderClauses(request.clauses), language: languageName(request.lang) },
        { signal: AbortSignal.timeout(config.timeoutMs) },
      );
      content = textOf(message.content);
    } catch (err) {
      const reason = isTimeout(err) ? 'timeout' : 'http';
      throw new LlmError(`LLM request failed (${reason}): ${(err as Error).message}`, reason, { cause: err });
    }
    return parseLlmReply(content);
  }

  return { model: config.model, answer };
}
