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

/** What the emulator lacks for file uploads: getFile and the file download route, added in the tests. */
export interface EmulatorFiles {
  /** Registers a file a user "sends"; returns the Telegram document object to put in the message. */
  add(name: string, content: Buffer): { file_id: string; file_unique_id: string; file_name: string; file_size: number; mime_type: string };
  /** getFile calls the bot made, by file id. */
  readonly fetched: string[];
}

interface ExpressLayer {
  route?: { path?: string };
}

type Route = (path: string, handler: (req: never, res: never) => void) => void;
interface ExpressApp { post: Route; get: Route; _router: { stack: ExpressLayer[] } }

/**
 * Registers routes on telegram-test-api's express app ahead of its catch-all "unknown method"
 * route (express matches routes in order).
 */
function addRoutes(server: TelegramServer, register: (app: ExpressApp) => void): void {
  const app = (server as unknown as { webServer: ExpressApp }).webServer;
  const before = app._router.stack.length;
  register(app);
  const added = app._router.stack.splice(before);
  const catchAll = app._router.stack.findIndex((l) => l.route?.path === '/bot:token/:method');
  app._router.stack.splice(catchAll < 0 ? app._router.stack.length : catchAll, 0, ...added);
}

/** Adds getFile and GET /file/bot<token>/<path>: files a user "sends" the bot. */
export function serveFiles(server: TelegramServer): EmulatorFiles {
  const files = new Map<string, { name: string; content: Buffer }>();
  const fetched: string[] = [];
  addRoutes(server, (app) => {
    app.post('/bot:token/getFile', (req: { body: { file_id?: string } }, res: { sendResult: (d: unknown) => void; sendError: (e: Error) => void }) => {
      const id = req.body.file_id ?? '';
      const f = files.get(id);
      fetched.push(id);
      if (!f) return res.sendError(new Error('Bad Request: invalid file_id'));
      res.sendResult({ ok: true, result: { file_id: id, file_unique_id: id, file_size: f.content.length, file_path: `documents/${id}` } });
    });
    app.get('/file/bot:token/documents/:id', (req: { params: { id: string } }, res: { status: (n: number) => { end: () => void }; end: (b: Buffer) => void }) => {
      const f = files.get(req.params.id);
      if (!f) return res.status(404).end();
      res.end(f.content);
    });
  });
  let n = 0;
  return {
    fetched,
    add(name, content) {
      const id = `FILE${++n}`;
      files.set(id, { name, content });
      return { file_id: id, file_unique_id: id, file_name: name, file_size: content.length, mime_type: 'application/octet-stream' };
    },
  };
}

/** A message carrying a document, as a Telegram client sends a file. */
export function documentMessage(client: TelegramClient, document: ReturnType<EmulatorFiles['add']>) {
  return client.makeMessage('', { document } as never);
}

/** A file or photo the bot sent (sendDocument / sendPhoto), as the emulator received it. */
export interface SentFile {
  method: 'sendDocument' | 'sendPhoto';
  chatId: number;
  name: string;
  content: Buffer;
  caption: string | undefined;
}

/**
 * Adds sendDocument and sendPhoto (multipart uploads, which the emulator lacks): the file is
 * kept for the test, and a message with its caption and file name joins the chat, so
 * `readReplies` sees it in order with the text replies.
 */
export function receiveUploads(server: TelegramServer): SentFile[] {
  const sent: SentFile[] = [];
  const handler = (method: SentFile['method']) => async (req: NodeJS.ReadableStream & { headers: Record<string, string>; params: { token: string } }, res: { sendResult: (d: unknown) => void; sendError: (e: Error) => void }) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(Buffer.from(c as Buffer));
    const form = await new Request('http://emulator.local/', { method: 'POST', headers: { 'content-type': req.headers['content-type'] ?? '' }, body: Buffer.concat(chunks) }).formData();
    const file = form.get(method === 'sendPhoto' ? 'photo' : 'document');
    if (!(file instanceof Blob)) return res.sendError(new Error(`Bad Request: no file in ${method}`));
    const caption = form.get('caption');
    const entry: SentFile = {
      method, chatId: Number(form.get('chat_id')), name: (file as File).name, content: Buffer.from(await file.arrayBuffer()), caption: typeof caption === 'string' ? caption : undefined,
    };
    sent.push(entry);
    const kind = method === 'sendPhoto' ? 'photo' : 'document';
    res.sendResult({ ok: true, result: server.addBotMessage({ chat_id: entry.chatId, text: `[${kind}: ${entry.name}] ${entry.caption ?? ''}`.trim() } as never, req.params.token) });
  };
  addRoutes(server, (app) => {
    app.post('/bot:token/sendDocument', handler('sendDocument') as never);
    app.post('/bot:token/sendPhoto', handler('sendPhoto') as never);
  });
  return sent;
}

/**
 * Bot messages to a chat that no client has read yet, looked at without reading them. (A client
 * whose getUpdates timed out keeps polling in the background and would swallow later messages,
 * so "nothing arrives" is checked here rather than with a short-timeout client.)
 */
export function unread(server: TelegramServer, chatId: number): BotMessage[] {
  const storage = (server as unknown as { storage: { botMessages: { message: BotMessage & { chat_id: number | string }; isRead: boolean }[] } }).storage;
  return storage.botMessages.filter((u) => String(u.message.chat_id) === String(chatId) && !u.isRead).map((u) => u.message);
}
