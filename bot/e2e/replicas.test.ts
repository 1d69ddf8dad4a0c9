import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import { openSql } from '../../corpus/store/db.ts';
import { freshDatabase } from '../../corpus/store/postgres/cluster.ts';
import { ADMIN, seedPlans } from '../core/testing.ts';
import { clientFor, command, documentMessage, freePort, readReplies, serveFiles, sleep, startEmulator, TOKEN, type BotMessage, type EmulatorFiles } from './harness.ts';
import { collect, exited, ROOT, startMain } from './process.ts';

/**
 * Two bot processes (webhook mode) behind one URL, sharing one PostgreSQL store: the URL is a
 * small proxy in this test that forwards each update to the replica the test chooses, as a
 * load balancer would. The emulator is the Bot API. Skipped without a PostgreSQL server.
 */
const pgUrl = inject('pgUrl');
let server: TelegramServer;
let files: EmulatorFiles;
let url: string;
let proxy: http.Server;
let target = 0;
const ports: number[] = [];
const replicas: Array<{ child: ChildProcess; stderr: () => string; dir: string }> = [];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'replicas-'));

const allText = (msgs: BotMessage[]) => msgs.map((m) => m.text).join('\n');
const has = (re: RegExp) => (m: BotMessage[]) => m.some((x) => re.test(x.text));

/** The one URL Telegram knows: forwards the update to replica `target`. */
function startProxy(port: number): Promise<http.Server> {
  const srv = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const out = http.request({ host: '127.0.0.1', port: ports[target], path: req.url, method: req.method, headers: req.headers }, (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      });
      out.on('error', () => res.writeHead(502).end());
      out.end(Buffer.concat(chunks));
    });
  });
  return new Promise((resolve) => srv.listen(port, '127.0.0.1', () => resolve(srv)));
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

async function startReplica(i: number, hookUrl: string): Promise<void> {
  const dir = path.join(tmp, `replica-${i}`);
  const child = startMain(dir, {
    TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: server.config.apiURL, ADMIN_IDS: String(ADMIN), DATABASE_URL: url,
    WEBHOOK_URL: hookUrl, WEBHOOK_PORT: String(ports[i]), RATE_LIMIT_PER_MINUTE: '8', REMINDERS: 'off', LOG_LEVEL: 'warn',
  });
  replicas[i] = { child, stderr: collect(child.stderr), dir };
  const deadline = Date.now() + 90_000;
  while (!(await listening(ports[i]!))) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`replica ${i} did not start: ${replicas[i]!.stderr()}`);
    await sleep(200);
  }
}

/** Sends through the one URL to replica `to` and reads the replies. */
async function say(to: number, userId: number, text: string, done: (m: BotMessage[]) => boolean = (m) => m.length > 0): Promise<string> {
  target = to;
  const client = clientFor(server, userId);
  await client.sendMessage(text.startsWith('/') ? command(client, text) : client.makeMessage(text));
  return allText(await readReplies(client, done, 30_000));
}

beforeAll(async () => {
  if (!pgUrl) return;
  server = await startEmulator();
  files = serveFiles(server);
  url = await freshDatabase(pgUrl, 'replicas');
  // The small test plans (Tỉnh A, Tỉnh B) are in the store before the replicas start.
  const sql = await openSql({ databaseUrl: url, file: '' });
  await seedPlans(sql);
  await sql.close();
  ports.push(await freePort(), await freePort());
  const proxyPort = await freePort();
  proxy = await startProxy(proxyPort);
  const hookUrl = `http://127.0.0.1:${proxyPort}/hook`;
  await Promise.all([startReplica(0, hookUrl), startReplica(1, hookUrl)]);
}, 180_000);

afterAll(async () => {
  for (const r of replicas) {
    if (r.child.exitCode === null && r.child.signalCode === null) {
      r.child.kill('SIGTERM');
      await exited(r.child);
    }
  }
  proxy?.close();
  await server?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe.skipIf(!pgUrl)('two replicas on one PostgreSQL store', () => {
  it('an update through one replica is seen by /tiendo on the other at once', async () => {
    expect(await say(0, ADMIN, '/capnhat A24-0001 đang thực hiện 40% qua bản sao A')).toContain('Đã cập nhật');
    const progress = await say(1, ADMIN, '/tiendo A24-0001');
    expect(progress).toContain('Trạng thái: <b>đang thực hiện 40%</b>');
    expect(progress).toContain('qua bản sao A');
  });

  it('"Xem nguyên văn" works on the replica that did not answer', async () => {
    target = 0;
    const user = clientFor(server, 41);
    await user.sendMessage(user.makeMessage('Ai chủ trì nâng cao chất lượng khám chữa bệnh?'));
    const answer = await readReplies(user, (m) => m.some((x) => x.reply_markup?.inline_keyboard !== undefined), 30_000);
    const button = answer.flatMap((m) => m.reply_markup?.inline_keyboard?.flat() ?? []).find((b) => b.text === 'Xem nguyên văn');
    expect(button, allText(answer)).toBeDefined();
    target = 1;
    await user.sendCallback(user.makeCallbackQuery(button!.callback_data));
    const source = allText(await readReplies(user, has(/Sở Y tế/), 30_000));
    expect(source).toContain('Sở Y tế chủ trì nâng cao chất lượng khám chữa bệnh');
    expect(source).not.toContain('đã cũ');
  });

  it('counts one rate limit across both replicas', async () => {
    const replies: string[] = [];
    // RATE_LIMIT_PER_MINUTE=8: eight messages alternate between the replicas, the ninth is refused.
    for (let i = 0; i < 9; i++) replies.push(await say(i % 2, 55, '/vanban'));
    expect(replies.slice(0, 8).every((r) => r.includes('Kế hoạch'))).toBe(true);
    expect(replies[8]).toContain('quá nhiều yêu cầu');
  });

  it('a plan ingested through one replica is answered by the other within seconds', async () => {
    const question = 'Bắc Giang năm 2024 ai chủ trì hoàn thuế giá trị gia tăng?';
    expect(await say(1, 61, question)).toMatch(/chưa nạp|không tìm thấy|Không có/i);
    const plan = fs.readFileSync(path.join(ROOT, 'corpus/plans/bac-giang-2024-nq02.txt'));
    target = 0;
    const admin = clientFor(server, ADMIN);
    await admin.sendMessage(documentMessage(admin, files.add('bac-giang-2024-nq02.txt', plan)));
    expect(allText(await readReplies(admin, has(/Đã nạp|Không nạp/), 60_000))).toContain('✅ Đã nạp');
    const started = Date.now();
    let answer = '';
    while (Date.now() - started < 15_000) {
      answer = await say(1, 62, question);
      if (answer.includes('bac-giang') || answer.includes('Bắc Giang')) break;
      await sleep(500);
    }
    expect(answer).toMatch(/Bắc Giang/);
    expect(answer).not.toMatch(/chưa nạp/);
  });

  it('killing a replica right after it confirmed an update loses nothing; the other carries on', async () => {
    expect(await say(0, ADMIN, '/capnhat A24-0003 vướng mắc ngay trước khi sập')).toContain('Đã cập nhật');
    replicas[0]!.child.kill('SIGKILL');
    expect((await exited(replicas[0]!.child)).signal).toBe('SIGKILL');
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query("SELECT status, note FROM status_updates WHERE task_id = 'A24-0003'");
      expect(rows).toEqual([{ status: 'vuong_mac', note: 'ngay trước khi sập' }]);
    } finally {
      await client.end();
    }
    expect(await say(1, ADMIN, '/tiendo A24-0003')).toContain('ngay trước khi sập');
  });
});
