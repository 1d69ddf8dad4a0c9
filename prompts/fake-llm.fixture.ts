/**
 * Test fixture: a fake OpenAI-compatible chat endpoint on 127.0.0.1. Each test sets how it
 * replies (content, HTTP status, or silence for timeouts) and reads the requests it got.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeReply = { content: string } | { status: number; body: string } | { hang: true };

export interface FakeLlmServer {
  baseUrl: string;
  requests: Array<{ url: string; body: { model?: string; messages?: Array<{ role: string; content: string }> } }>;
  reply: FakeReply;
  close(): Promise<void>;
}

export async function startFakeLlm(): Promise<FakeLlmServer> {
  const state: FakeLlmServer = { baseUrl: '', requests: [], reply: { content: '{}' }, close: async () => {} };
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      state.requests.push({ url: req.url ?? '', body: JSON.parse(raw || '{}') as FakeLlmServer['requests'][number]['body'] });
      const reply = state.reply;
      if ('hang' in reply) return;
      if ('status' in reply) {
        res.writeHead(reply.status, { 'content-type': 'application/json' }).end(reply.body);
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({
        id: 'chatcmpl-fake', object: 'chat.completion', created: 0, model: 'fake',
        choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: reply.content } }],
      }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  state.close = () => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return state;
}
