import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAssistant } from './assistant.ts';
import { LlmError } from './errors.ts';
import { startFakeLlm, type FakeLlmServer } from './fake-llm.fixture.ts';
import { JUSTICE, VAT, lookupOf, resultOf } from './handmade.fixture.ts';
import { createLlmClient, parseLlmReply } from './llm.ts';

let server: FakeLlmServer;
beforeAll(async () => {
  server = await startFakeLlm();
});
afterAll(async () => server.close());
beforeEach(() => {
  server.requests = [];
});

const QUESTION = 'Ở Nam Định cơ quan nào chủ trì hoàn thuế GTGT?';

function build(timeoutMs = 2000) {
  const warnings: Array<{ reason?: string }> = [];
  const llm = createLlmClient({ baseUrl: server.baseUrl, model: 'fake-model', apiKey: 'secret', timeoutMs });
  const retriever = { search: async (q: string) => resultOf(q, [VAT, JUSTICE]), denseAvailable: false };
  const logger = { warn: (obj: object) => warnings.push(obj as { reason?: string }), debug: () => {} };
  return { assistant: createAssistant({ retriever, lookup: lookupOf(), llm, logger }), warnings };
}

const json = (o: object) => JSON.stringify(o);

describe('LLM answers', () => {
  it('uses a good reply, citing the clauses it names, and shows the model only the retrieved clauses', async () => {
    server.reply = { content: '```json\n' + json({ answer: 'Cục Thuế tỉnh chủ trì việc hoàn thuế GTGT.', citations: [VAT.id], answerable: true }) + '\n```' };
    const { assistant, warnings } = build();
    const a = await assistant.ask(QUESTION, { id: 'q1' });
    expect(a).toMatchObject({ id: 'q1', mode: 'llm', answerable: true, answer: 'Cục Thuế tỉnh chủ trì việc hoàn thuế GTGT.', taskId: 'ND24-04SE' });
    expect(a.citations.map((c) => c.section)).toEqual(['IV.2.5.e']);
    expect(a.citations[0]?.text).toBe(VAT.text);
    expect(warnings).toEqual([]);
    const sent = server.requests[0]?.body;
    expect(server.requests[0]?.url).toBe('/v1/chat/completions');
    expect(sent?.model).toBe('fake-model');
    expect(sent?.messages?.[0]?.content).toMatch(/Chỉ trả lời dựa trên các điều khoản/u);
    expect(sent?.messages?.[1]?.content).toContain(`[${VAT.id}]`);
    expect(sent?.messages?.[1]?.content).toContain(`[${JUSTICE.id}]`);
    expect(sent?.messages?.[1]?.content).toContain(QUESTION);
  });

  it('falls back to the extractive answer when the reply cites a clause that was not retrieved', async () => {
    server.reply = { content: json({ answer: 'Sở Tài chính chủ trì.', citations: ['other.txt#I.1'], answerable: true }) };
    const { assistant, warnings } = build();
    const a = await assistant.ask(QUESTION);
    expect(a.mode).toBe('extractive');
    expect(a.answer).toMatch(/^Cục Thuế tỉnh chủ trì/u);
    expect(warnings[0]?.reason).toBe('citations');
  });

  it('falls back on a timeout', async () => {
    server.reply = { hang: true };
    const { assistant, warnings } = build(300);
    const started = Date.now();
    const a = await assistant.ask(QUESTION);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(a.mode).toBe('extractive');
    expect(a.answerable).toBe(true);
    expect(warnings[0]?.reason).toBe('timeout');
  });

  it('falls back on garbage and on an HTTP error', async () => {
    server.reply = { content: 'Xin lỗi, tôi không hiểu.' };
    const garbage = build();
    expect((await garbage.assistant.ask(QUESTION)).mode).toBe('extractive');
    expect(garbage.warnings[0]?.reason).toBe('parse');
    server.reply = { status: 500, body: json({ error: { message: 'boom' } }) };
    const broken = build();
    expect((await broken.assistant.ask(QUESTION)).mode).toBe('extractive');
    expect(broken.warnings[0]?.reason).toBe('http');
  });

  it('passes on the model saying the clauses do not hold the answer', async () => {
    server.reply = { content: json({ answer: 'Không tìm thấy trong các kế hoạch đã nạp.', citations: [], answerable: false }) };
    const a = await build().assistant.ask(QUESTION);
    expect(a).toMatchObject({ mode: 'llm', answerable: false, citations: [] });
  });
});

describe('parseLlmReply', () => {
  it('reads JSON wrapped in prose and rejects wrong shapes with a named error', () => {
    expect(parseLlmReply('Đây: {"answer":"x","citations":["a"],"answerable":true} xong')).toEqual({ answer: 'x', citations: ['a'], answerable: true });
    expect(() => parseLlmReply('{"answer":"x"}')).toThrow(LlmError);
    expect(() => parseLlmReply('{"answer": }')).toThrow(/not valid JSON/);
  });
});
