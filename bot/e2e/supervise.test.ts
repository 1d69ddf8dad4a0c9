/**
 * Supervision end to end over the Bot API emulator, on the sample plans and a fake clock:
 * the reminders the rules give go out at 08:00 on a working Monday, once (not again on later
 * ticks, nor after a restart); /nhacnho tat stops them for one user; /baocao sends the summary,
 * the workbook (the same one `report --xlsx` writes) and the chart; /dashboard offers the Mini App.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import type { App } from '../app.ts';
import { openReadyApp } from '../cli/ready.ts';
import { loadConfig } from '../config.ts';
import { silentLogger } from '../logger.ts';
import { dueReminders, ReminderScheduler, schedulerDeps } from '../schedule/scheduler.ts';
import { createTelegramBot } from '../telegram/bot.ts';
import { messenger } from '../telegram/deliver.ts';
import { launchBot, type RunningBot } from '../telegram/run.ts';
import { clientFor, readReplies, receiveUploads, say, sleep, startEmulator, unread, TOKEN, type BotMessage, type SentFile } from './harness.ts';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
const ADMIN = 8101;
const EDITOR = 8102;
const TICK_MS = 100;
const vn = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`);

let dir: string;
let server: TelegramServer;
let uploads: SentFile[];
const clock = { now: vn('2024-03-25 07:30') };

interface Running {
  app: App;
  bot: RunningBot;
  scheduler: ReminderScheduler;
}
let live: Running;

async function start(): Promise<Running> {
  const config = loadConfig(
    {
      MODELS_DIR: path.join(dir, 'models'), ADMIN_IDS: String(ADMIN), LOG_LEVEL: 'silent', TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: server.config.apiURL,
      DASHBOARD_URL: 'https://tro-ly.example.gov.vn/dashboard/',
    },
    { dataDir: path.join(dir, 'data') },
  );
  const app = await openReadyApp(config, silentLogger(), { now: () => clock.now });
  const telegraf = createTelegramBot(app.core, { token: TOKEN, apiRoot: config.telegram.apiRoot, handlerTimeoutMs: 20_000, typingDelayMs: 50 }, silentLogger());
  const bot = await launchBot(telegraf, { webhookPort: 0, dashboardUrl: config.dashboard.url }, silentLogger());
  const scheduler = new ReminderScheduler(schedulerDeps(app), messenger(telegraf.telegram, silentLogger()));
  scheduler.start(TICK_MS);
  return { app, bot, scheduler };
}

async function stop(r: Running): Promise<void> {
  await r.scheduler.stop();
  r.bot.stop('test');
  await r.bot.done.catch(() => undefined);
  await r.app.shutdown();
}

const text = (msgs: BotMessage[]) => msgs.map((m) => m.text).join('\n');
/** What arrived for this user within `ms`, left unread (used to show that nothing does). */
const quiet = async (userId: number, ms = 8 * TICK_MS) => {
  await sleep(ms);
  return unread(server, userId);
};

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tlkh-supervise-e2e-'));
  fs.mkdirSync(path.join(dir, 'models'));
  server = await startEmulator();
  uploads = receiveUploads(server);
  live = await start();
  await live.app.tracking.grant(ADMIN, EDITOR, 'editor', ['Sở Kế hoạch và Đầu tư']);
}, 120_000);

afterAll(async () => {
  if (live) await stop(live);
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('reminders through the emulator on a fake clock', () => {
  it('an update logged in the chat, nothing before 08:00, then the rules\' messages once at 08:00 Monday', async () => {
    const editor = clientFor(server, EDITOR);
    const confirm = await say(editor, '/capnhat BG24-MAT1 đang làm 30% đã lấy ý kiến các sở');
    expect(text(confirm)).toContain('Trạng thái: chưa cập nhật → <b>đang thực hiện 30%</b>');
    expect(await quiet(EDITOR)).toEqual([]);
    expect(await quiet(ADMIN)).toEqual([]);

    const expected = await dueReminders(schedulerDeps(live.app), vn('2024-03-25 08:00'));
    const forEditor = expected.filter((r) => r.userId === EDITOR);
    expect(forEditor.find((r) => r.kind === 'due')?.tasks.map((t) => t.id)).toEqual(['BG24-MAT1']);
    clock.now = vn('2024-03-25 08:00');

    const got = await readReplies(editor, (m) => /Nhắc việc/.test(text(m)), 10_000);
    expect(got).toHaveLength(1);
    const msg = got[0]!.text;
    expect(msg).toContain('Đến hạn trong 7 ngày tới (1)');
    expect(msg).toContain('BG24-MAT1');
    expect(msg).toContain('còn 6 ngày');
    for (const t of forEditor.flatMap((r) => r.tasks).slice(0, 10)) expect(msg).toContain(t.id);
    const digest = await readReplies(clientFor(server, ADMIN), (m) => /Tổng hợp tiến độ hằng tuần/.test(text(m)), 10_000);
    expect(digest).toHaveLength(1);
    expect(digest[0]!.text).toContain('bac-giang-2024-nq02.txt');
    expect(digest[0]!.text).toMatch(/đang thực hiện 1/);

    // Later ticks the same day and the next send nothing more.
    clock.now = vn('2024-03-25 10:00');
    expect(await quiet(EDITOR)).toEqual([]);
    clock.now = vn('2024-03-26 09:00');
    expect(await quiet(EDITOR)).toEqual([]);
    expect(await quiet(ADMIN)).toEqual([]);
  }, 60_000);

  it('a restart sends nothing already sent', async () => {
    await stop(live);
    live = await start();
    expect(await quiet(EDITOR, 10 * TICK_MS)).toEqual([]);
    expect(await quiet(ADMIN, 2 * TICK_MS)).toEqual([]);
  }, 60_000);

  it('/nhacnho tat stops one user\'s reminders; the next Monday the administrator still gets the digest', async () => {
    const editor = clientFor(server, EDITOR);
    expect(text(await say(editor, '/nhacnho'))).toContain('Nhắc việc của bạn đang <b>bật</b>');
    expect(text(await say(editor, '/nhacnho tat'))).toContain('Đã <b>tắt</b> nhắc việc');
    expect((await live.app.tracking.auditLog(`user:${EDITOR}`)).map((a) => a.action)).toContain('reminders.off');
    clock.now = vn('2024-04-01 08:30');
    const digest = await readReplies(clientFor(server, ADMIN), (m) => /Tổng hợp tiến độ hằng tuần/.test(text(m)), 10_000);
    expect(digest).toHaveLength(1);
    expect(await quiet(EDITOR)).toEqual([]);
    // Back on: the reply, then on the next tick the task overdue since 31 March.
    const back = await say(editor, '/nhacnho bat', (m) => /🔔/.test(text(m)));
    expect(back[0]!.text).toContain('Đã <b>bật</b> nhắc việc');
    const reminder = back.find((m) => m.text.includes('🔔'));
    expect(reminder?.text).toContain('Quá hạn (1)');
    expect(reminder?.text).toContain('BG24-MAT1');
  }, 60_000);
});

describe('/baocao and /dashboard through the emulator', () => {
  it('sends the summary, the workbook report --xlsx writes, and a chart a phone can show', async () => {
    uploads.length = 0;
    const admin = clientFor(server, ADMIN);
    const replies = await say(admin, '/baocao', (m) => m.length >= 3);
    expect(replies[0]!.text).toContain('Báo cáo tiến độ');
    expect(replies.slice(1).map((m) => m.text.split(']')[0])).toEqual(['[document: bao-cao-tien-do-2024-04-01.xlsx', '[photo: tien-do-2024-04-01.png']);
    const xlsx = uploads.find((u) => u.method === 'sendDocument')!;
    const png = uploads.find((u) => u.method === 'sendPhoto')!;
    expect(xlsx.chatId).toBe(ADMIN);

    const out = path.join(dir, 'cli.xlsx');
    await run(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(ROOT, 'bot/cli/report.ts'), '--data-dir', path.join(dir, 'data'), '--xlsx', out, '--today', '2024-04-01'], {
      cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'silent' },
    });
    const [fromChat, fromCli] = await Promise.all([xlsx.content, fs.readFileSync(out)].map(async (buf) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(buf as unknown as ArrayBuffer);
      return wb.worksheets.map((ws) => ({ name: ws.name, rows: ws.getSheetValues().map((r) => JSON.stringify(r)) }));
    }));
    expect(fromChat!.map((s) => s.name)).toEqual(['Tổng hợp', 'Bắc Giang 2024', 'Lạng Sơn 2021', 'Nam Định 2022', 'Nam Định 2024', 'Ninh Thuận 2024']);
    expect(fromChat).toEqual(fromCli);
    expect(JSON.stringify(fromChat)).toContain('đã lấy ý kiến các sở');

    const meta = await sharp(png.content).metadata();
    expect([meta.format, meta.width]).toEqual(['png', 1080]);
    expect(meta.height).toBeGreaterThan(600);
  }, 60_000);

  it('/dashboard answers with a button that opens the Mini App', async () => {
    const replies = await say(clientFor(server, ADMIN), '/dashboard');
    const keyboard = (replies[0] as unknown as { reply_markup: { inline_keyboard: { text: string; web_app?: { url: string } }[][] } }).reply_markup.inline_keyboard;
    expect(keyboard[0]![0]).toMatchObject({ text: 'Mở bảng theo dõi', web_app: { url: 'https://tro-ly.example.gov.vn/dashboard/' } });
  }, 30_000);
});

