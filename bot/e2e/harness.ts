import net from 'node:net';
import { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import type { TelegramClient } from 'telegram-test-api/lib/modules/telegramClient.js';

/**
 * The local Bot API emulator (telegram-test-api) on 127.0.0.1 and helpers to read what the
 * bot sent. Nothing here talks to Telegram.
 */
export const TOKEN = '123456:TEST-token';

export interface BotMessage {
  text: string;
  parse_mode?: string;
  reply_markup?: { inline_keyboard?: { text: string; callback_data: string }[][] };
}

/** A port the OS just handed out; the emulator treats port 0 as "use 9000", so ask first. */
export async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

export async function startEmulator(): Promise<TelegramServer> {
  const server = new TelegramServer({ port: await freePort(), host: '127.0.0.1', storeTimeout: 600 });
  await server.start();
  return server;
}

export function clientFor(server: TelegramServer, userId: number, opts: { chatId?: number; type?: 'private' | 'group'; firstName?: string } = {}): TelegramClient {
  return server.getClient(TOKEN, { userId, chatId: opts.chatId ?? userId, type: opts.type ?? 'private', firstName: opts.firstName ?? `User${userId}`, timeout: 15_000 });
}

/** A command message with the bot_command entity Telegram adds (the emulator's makeMessage does not). */
export function command(client: TelegramClient, text: string) {
  const length = text.split(/\s/)[0]?.length ?? text.length;
  return client.makeMessage(text, { entities: [{ type: 'bot_command', offset: 0, length }] } as never);
}

/**
 * Messages the bot sent to this client's chat, read until `done` says the batch is complete
 * (or `timeoutMs` passes, returning what arrived).
 */
export async function readReplies(client: TelegramClient, done: (msgs: BotMessage[]) => boolean = (m) => m.length > 0, timeoutMs = 15_000): Promise<BotMessage[]> {
  const out: BotMessage[] = [];
  const deadline = Date.now() + timeoutMs;
  while (!done(out) && Date.now() < deadline) {
    try {
      const res = await client.getUpdates();
      out.push(...res.result.map((u) => u.message as unknown as BotMessage));
    } catch {
      // getUpdates rejects when nothing arrived within its own timeout; keep waiting until ours.
    }
  }
  return out;
}

/** Sends a message and returns the bot's replies to it. */
export async function say(client: TelegramClient, text: string, done?: (msgs: BotMessage[]) => boolean): Promise<BotMessage[]> {
  await client.sendMessage(text.startsWith('/') ? command(client, text) : client.makeMessage(text));
  return readReplies(client, done);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
