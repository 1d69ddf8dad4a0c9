/**
 * A plan sent in the chat, end to end over the Bot API emulator (given the getFile and file
 * download routes it lacks): an administrator's file is downloaded, ingested in the background
 * and reported; anyone else is refused and nothing is downloaded; /xoavanban retires it; and a
 * question asked while a 30-page scan is being OCR'd is answered first.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import { buildScannedPdf, canScan, paginate } from '../../corpus/test-fixtures/scan.ts';
import type { App } from '../app.ts';
import { openReadyApp } from '../cli/ready.ts';
import { loadConfig } from '../config.ts';
import { silentLogger } from '../logger.ts';
import { createTelegramBot } from '../telegram/bot.ts';
import { launchBot, type RunningBot } from '../telegram/run.ts';
import { clientFor, command, documentMessage, readReplies, serveFiles, startEmulator, TOKEN, type BotMessage, type EmulatorFiles } from './harness.ts';

const ADMIN_ID = 7001;
const VIEWER_ID = 7002;
const ASKER_ID = 7003;
const PLANS = fileURLToPath(new URL('../../corpus/plans', import.meta.url));

let dir: string;
let server: TelegramServer;
let files: EmulatorFiles;
let app: App;
let running: RunningBot;

const allText = (msgs: BotMessage[]) => msgs.map((m) => m.text).join('\n');
const has = (re: RegExp) => (msgs: BotMessage[]) => re.test(allText(msgs));

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tlkh-upload-'));
  fs.mkdirSync(path.join(dir, 'models'));
  server = await startEmulator();
  files = serveFiles(server);
  const config = loadConfig(
    { MODELS_DIR: path.join(dir, 'models'), ADMIN_IDS: String(ADMIN_ID), LOG_LEVEL: 'silent', TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: server.config.apiURL },
    { dataDir: path.join(dir, 'data') },
  );
  app = await openReadyApp(config, silentLogger());
  const bot = createTelegramBot(app.core, { token: TOKEN, apiRoot: config.telegram.apiRoot, handlerTimeoutMs: 10_000, typingDelayMs: 50 }, silentLogger());
  running = await launchBot(bot, { webhookPort: 0 }, silentLogger());
}, 60_000);

afterAll(async () => {
  running?.stop('test done');
  await running?.done.catch(() => undefined);
  await server?.stop();
  await app?.shutdown();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a plan sent in the chat', () => {
  it('is downloaded, ingested and reported for an administrator; the same file again is "đã có"', async () => {
    const admin = clientFor(server, ADMIN_ID);
    const plan = fs.readFileSync(path.join(PLANS, 'bac-giang-2024-nq02.txt'));
    const doc = files.add('bac-giang-2024-nq02-moi.txt', plan);
    await admin.sendMessage(documentMessage(admin, doc));
    const replies = await readReplies(admin, has(/Đã nạp|Không nạp/), 60_000);
    const text = allText(replies);
    expect(text).toContain('Đã nhận <b>bac-giang-2024-nq02-moi.txt</b>');
    expect(text).toContain('✅ Đã nạp <b>bac-giang-2024-nq02-moi.txt</b>');
    expect(text).toMatch(/Bắc Giang/u);
    expect(text).toMatch(/\d+ điều khoản, \d+ nhiệm vụ/u);
    expect(files.fetched).toEqual([doc.file_id]);
    expect(await app.plans.getDocument('bac-giang-2024-nq02-moi.txt')).toMatchObject({ province: 'Bắc Giang', year: 2024 });

    await admin.sendMessage(documentMessage(admin, files.add('bac-giang-2024-nq02-moi.txt', plan)));
    expect(allText(await readReplies(admin, has(/đã có trong kho/), 60_000))).toContain('đã có trong kho');
  });

  it('is refused politely for anyone else, and nothing is downloaded or stored', async () => {
    const viewer = clientFor(server, VIEWER_ID);
    const doc = files.add('khong-duoc.txt', Buffer.from('KẾ HOẠCH\nSở Tài chính chủ trì rà soát.\n'));
    await viewer.sendMessage(documentMessage(viewer, doc));
    expect(allText(await readReplies(viewer))).toContain('Chỉ quản trị viên mới nạp được kế hoạch mới');
    expect(files.fetched).not.toContain(doc.file_id);
    expect(await app.plans.getDocument('khong-duoc.txt')).toBeNull();
  });

  it('reports a file it cannot read with the exact error', async () => {
    const admin = clientFor(server, ADMIN_ID);
    await admin.sendMessage(documentMessage(admin, files.add('bang.xlsx', Buffer.from('x'))));
    expect(allText(await readReplies(admin))).toContain('không phải định dạng kế hoạch đọc được');
    await admin.sendMessage(documentMessage(admin, files.add('rong.txt', Buffer.from('   \n'))));
    expect(allText(await readReplies(admin, has(/Không nạp/), 30_000))).toMatch(/Không nạp được <b>rong\.txt<\/b>: rong\.txt: the file has no text/);
  });

  it('/xoavanban retires it for an administrator only', async () => {
    const viewer = clientFor(server, VIEWER_ID);
    await viewer.sendMessage(command(viewer, '/xoavanban bac-giang-2024-nq02-moi.txt'));
    expect(allText(await readReplies(viewer))).toContain('Chỉ quản trị viên');
    const admin = clientFor(server, ADMIN_ID);
    await admin.sendMessage(command(admin, '/xoavanban bac-giang-2024-nq02-moi.txt'));
    expect(allText(await readReplies(admin))).toMatch(/Đã gỡ .* khỏi kho tra cứu/u);
    expect((await app.plans.listDocuments()).map((d) => d.id)).not.toContain('bac-giang-2024-nq02-moi.txt');
    expect((await app.tracking.auditLog('doc:bac-giang-2024-nq02-moi.txt')).map((a) => a.action)).toEqual(['plan.upload', 'plan.upload', 'plan.retire']);
  });
});

const scanning = await canScan();
describe.skipIf(!scanning)('a long scan being OCR\'d', () => {
  it('never holds up another user\'s question', async () => {
    const lines = fs.readFileSync(path.join(PLANS, 'nam-dinh-2024-nq02.txt'), 'utf8').split('\n').map((l) => l.trimEnd());
    const pages = paginate(lines, 30).slice(0, 30);
    expect(pages).toHaveLength(30);
    const scan = await buildScannedPdf(pages, { dpi: 150 });
    const admin = clientFor(server, ADMIN_ID);
    const asker = clientFor(server, ASKER_ID);
    await admin.sendMessage(documentMessage(admin, files.add('nam-dinh-2024-ban-quet.pdf', scan)));
    expect(allText(await readReplies(admin))).toContain('Đã nhận');
    const asked = Date.now();
    await asker.sendMessage(asker.makeMessage('Which agency leads VAT refunds in Nam Định?'));
    const answer = allText(await readReplies(asker));
    expect(answer).toContain('Cục Thuế tỉnh');
    // The answer came while the scan was still being read: the upload's report has not arrived.
    expect(await app.plans.getDocument('nam-dinh-2024-ban-quet.pdf')).toBeNull();
    expect(Date.now() - asked).toBeLessThan(10_000);
  }, 180_000);
});
