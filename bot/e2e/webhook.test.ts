import net from 'node:net';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import { silentLogger } from '../logger.ts';
import { createTelegramBot } from '../telegram/bot.ts';
import { launchBot, LaunchError, webhookTarget, type RunningBot } from '../telegram/run.ts';
import { createFixture, type Fixture } from '../core/testing.ts';
import { clientFor, freePort, readReplies, sleep, startEmulator, TOKEN, type BotMessage } from './harness.ts';

/**
 * Webhook mode end to end on 127.0.0.1: the real telegraf bot serves its webhook, the
 * emulator is its Bot API (setWebhook included: the emulator stores the URL and from then on
 * pushes user messages to it), and updates are also POSTed straight to the hook as Telegram would.
 */
let server: TelegramServer;
let running: RunningBot;
let f: Fixture;
let port: number;
const hookPath = `/tg-${randomUUID()}`;
let updateId = 1000;

const allText = (msgs: BotMessage[]) => msgs.map((m) => m.text).join('\n');

/** A Telegram Update as the Bot API would POST it; a leading "/word" gets its bot_command entity. */
function update(userId: number, text: string) {
  const length = text.split(/\s/)[0]?.length ?? 0;
  return {
    update_id: ++updateId,
    message: {
      message_id: updateId, date: Math.floor(Date.now() / 1000), text,
      chat: { id: userId, type: 'private', first_name: `User${userId}` },
      from: { id: userId, is_bot: false, first_name: `User${userId}` },
      ...(text.startsWith('/') ? { entities: [{ type: 'bot_command', offset: 0, length }] } : {}),
    },
  };
}

function post(path: string, body: unknown): Promise<Response> {
  return fetch(`http://127.0.0.1:${port}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

function canConnect(p: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(p, '127.0.0.1');
    socket.once('connect', () => socket.destroy() && resolve(true));
    socket.once('error', () => resolve(false));
  });
}

beforeAll(async () => {
  server = await startEmulator();
  f = await createFixture();
  port = await freePort();
  const bot = createTelegramBot(f.core, { token: TOKEN, apiRoot: server.config.apiURL, handlerTimeoutMs: 1500, typingDelayMs: 50 }, silentLogger());
  running = await launchBot(bot, { webhookUrl: `http://127.0.0.1:${port}${hookPath}`, webhookPort: port, webhookHost: '127.0.0.1' }, silentLogger());
});

afterAll(async () => {
  running?.stop('test done');
  await running?.done;
  await server?.stop();
});

describe('telegram bot in webhook mode', () => {
  it('listens on the port of WEBHOOK_URL and keeps running (done stays pending)', async () => {
    expect(running.webhookPort).toBe(port);
    const state = await Promise.race([running.done.then(() => 'stopped'), sleep(100).then(() => 'running')]);
    expect(state).toBe('running');
  });

  it('takes the hook path from WEBHOOK_URL; a bare domain gets the secret path; junk is a LaunchError', async () => {
    expect(webhookTarget('https://bot.example.vn/tg/abc?x=1', 'h').pathname).toBe('/tg/abc');
    expect(webhookTarget('https://bot.example.vn', 'h').href).toBe('https://bot.example.vn/telegraf/h');
    expect(() => webhookTarget('bot.example.vn', 'h')).toThrow(LaunchError);
  });

  it('answers /vanban POSTed to the webhook through the Bot API', async () => {
    const res = await post(hookPath, update(81, '/vanban'));
    expect(res.status).toBe(200);
    const text = allText(await readReplies(clientFor(server, 81)));
    expect(text).toContain('Kế hoạch cải cách hành chính năm 2023');
  });

  it('answers a plain question POSTed to the webhook', async () => {
    await post(hookPath, update(82, 'ai chủ trì hoàn thuế?'));
    const text = allText(await readReplies(clientFor(server, 82), (m) => m.some((x) => x.text.includes('câu hỏi'))));
    expect(text).toContain('câu hỏi: ai chủ trì hoàn thuế?');
    expect(f.assistant.asked).toContain('ai chủ trì hoàn thuế?');
  });

  it('ignores a wrong path or a GET with 404 and sends nothing', async () => {
    expect((await post('/tg-wrong', update(83, 'câu hỏi giả mạo'))).status).toBe(404);
    expect((await post('/', update(83, 'câu hỏi giả mạo'))).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${port}${hookPath}`)).status).toBe(404);
    // A genuine update afterwards is the only thing answered in that chat.
    await post(hookPath, update(83, 'câu hỏi thật'));
    const msgs = await readReplies(clientFor(server, 83), (m) => m.some((x) => x.text.includes('câu hỏi thật')));
    expect(allText(msgs)).not.toContain('giả mạo');
    expect(f.assistant.asked).not.toContain('câu hỏi giả mạo');
  });

  it('registered the hook with the emulator, which pushes user messages to it', async () => {
    const client = clientFor(server, 84);
    await client.sendMessage(client.makeMessage('hỏi qua emulator'));
    const text = allText(await readReplies(client, (m) => m.some((x) => x.text.includes('hỏi qua emulator'))));
    expect(text).toContain('câu hỏi: hỏi qua emulator');
  });

  it('stops cleanly and releases the port', async () => {
    expect(await canConnect(port)).toBe(true);
    running.stop('test');
    await running.done;
    expect(await canConnect(port)).toBe(false);
  });
});

describe('telegram bot in webhook mode with WEBHOOK_SECRET', () => {
  const secret = 'so_bi_mat-123';
  let securePort: number;
  let secure: RunningBot;

  beforeAll(async () => {
    securePort = await freePort();
    const bot = createTelegramBot(f.core, { token: TOKEN, apiRoot: server.config.apiURL, handlerTimeoutMs: 1500, typingDelayMs: 50 }, silentLogger());
    secure = await launchBot(bot, { webhookUrl: `http://127.0.0.1:${securePort}${hookPath}`, webhookPort: securePort, webhookHost: '127.0.0.1', webhookSecret: secret }, silentLogger());
  });

  afterAll(async () => {
    secure?.stop('test done');
    await secure?.done;
  });

  const send = (headers: Record<string, string>, body: unknown) =>
    fetch(`http://127.0.0.1:${securePort}${hookPath}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  it('refuses updates without Telegram\'s secret header and answers those that carry it', async () => {
    expect((await send({}, update(91, 'câu hỏi không có mã'))).status).not.toBe(200);
    expect((await send({ 'x-telegram-bot-api-secret-token': 'sai' }, update(91, 'câu hỏi mã sai'))).status).not.toBe(200);
    expect((await send({ 'x-telegram-bot-api-secret-token': secret }, update(91, 'câu hỏi có mã'))).status).toBe(200);
    const msgs = await readReplies(clientFor(server, 91), (m) => m.some((x) => x.text.includes('câu hỏi có mã')));
    expect(allText(msgs)).not.toContain('không có mã');
    expect(f.assistant.asked).not.toContain('câu hỏi mã sai');
  });
});
