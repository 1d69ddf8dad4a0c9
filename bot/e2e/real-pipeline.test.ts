import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import type { App } from '../app.ts';
import { openReadyApp } from '../cli/ready.ts';
import { loadConfig } from '../config.ts';
import { silentLogger } from '../logger.ts';
import { createTelegramBot } from '../telegram/bot.ts';
import { launchBot, type RunningBot } from '../telegram/run.ts';
import { clientFor, readReplies, say, startEmulator, TOKEN, type BotMessage } from './harness.ts';

/**
 * The whole product over the Bot API emulator: a fresh data dir, the sample plans ingested by
 * `openReadyApp`, the real retriever and answer composer, the real telegraf bot. Nothing is
 * faked; the models dir is empty, so this is the keyword-only configuration a clean install runs.
 */
const ADMIN_ID = 9001;
const STRANGER_ID = 9002;
const APPLICANT_ID = 9003;

let dir: string;
let server: TelegramServer;
let app: App;
let running: RunningBot;
let taskCode = '';

const allText = (msgs: BotMessage[]) => msgs.map((m) => m.text).join('\n');
const statusRows = () => (app.plans.db.prepare('SELECT COUNT(*) AS n FROM status_updates').get() as { n: number }).n;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tlkh-real-bot-'));
  fs.mkdirSync(path.join(dir, 'models'));
  server = await startEmulator();
  const config = loadConfig(
    { MODELS_DIR: path.join(dir, 'models'), ADMIN_IDS: String(ADMIN_ID), LOG_LEVEL: 'silent', TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: server.config.apiURL },
    { dataDir: path.join(dir, 'data') },
  );
  app = await openReadyApp(config, silentLogger());
  const bot = createTelegramBot(app.core, { token: TOKEN, apiRoot: config.telegram.apiRoot, handlerTimeoutMs: 10_000, typingDelayMs: 50 }, silentLogger());
  running = await launchBot(bot, { webhookPort: 0 }, silentLogger());
});

afterAll(async () => {
  running?.stop('test done');
  await running?.done.catch(() => undefined);
  await server?.stop();
  await app?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the real pipeline behind the telegraf bot', () => {
  it('answers an English question with the Nam Định clause, its section and task code', async () => {
    const text = allText(await say(clientFor(server, 9010), 'Which agency leads VAT refunds in Nam Định?'));
    const code = /Mã nhiệm vụ: <code>([^<]+)<\/code>/.exec(text)?.[1];
    taskCode = code ?? '';
    expect(code).toMatch(/^ND24-[0-9A-Z]{4}$/);
    expect(text).toContain('Cục Thuế tỉnh');
    // The best source (the 📄 line, before the quote) is the Nam Định 2024 plan's IV.2.5.e.
    const source = text.split('\n').find((line) => line.startsWith('📄')) ?? '';
    expect(source).toMatch(/IV\.2\.5\.e\b/);
    expect(source).toContain('Nam Định');
    expect(source).toContain('2024');
    // The code names the quoted clause's task, not just any task.
    expect(await app.plans.getTask(taskCode)).toMatchObject({ section: 'IV.2.5.e', lead: ['Cục Thuế tỉnh'] });
  });

  it('refuses an update from a user without rights and changes nothing', async () => {
    expect(taskCode).not.toBe('');
    const stranger = clientFor(server, STRANGER_ID);
    const before = statusRows();
    expect(allText(await say(stranger, `/capnhat ${taskCode} dang thuc hien 40%`))).toContain('chưa có quyền cập nhật');
    expect(statusRows()).toBe(before);
    const progress = allText(await say(stranger, `/tiendo ${taskCode}`));
    expect(progress).toContain('Trạng thái: <b>chưa cập nhật</b>');
    expect(progress).toContain('Chưa có cập nhật tiến độ nào.');
  });

  it('an applicant approved by the admin as editor of Cục Thuế tỉnh logs progress, and /tiendo shows it', async () => {
    const admin = clientFor(server, ADMIN_ID);
    const applicant = clientFor(server, APPLICANT_ID, { firstName: 'Hoa' });
    expect(allText(await say(applicant, '/dangky Cục Thuế tỉnh'))).toContain('Đã gửi yêu cầu');
    expect(allText(await readReplies(admin))).toContain(`/duyet ${APPLICANT_ID} bientap`);
    expect(allText(await say(admin, `/duyet ${APPLICANT_ID} editor Cục Thuế tỉnh`))).toContain('Đã cấp quyền');
    expect(allText(await readReplies(applicant))).toContain('Bạn đã được cấp quyền');

    const confirm = allText(await say(applicant, `/capnhat ${taskCode} đang thực hiện 40% đã rà soát hồ sơ`));
    expect(confirm).toContain('chưa cập nhật → <b>đang thực hiện 40%</b>');
    const progress = allText(await say(applicant, `/tiendo ${taskCode}`));
    expect(progress).toContain('đang thực hiện');
    expect(progress).toContain('40%');
    expect(progress).toContain('đã rà soát hồ sơ');
    expect(progress).toContain('Lịch sử cập nhật (1)');
    expect(await app.tracking.latest(taskCode)).toMatchObject({ status: 'dang_thuc_hien', percent: 40 });
  });

  it('refuses a question the plans do not hold, with no citation', async () => {
    const text = allText(await say(clientFor(server, 9011), 'Kế hoạch năm 2022 của Bắc Giang giao sở nào chủ trì tinh giản biên chế?'));
    expect(text).toContain('Không tìm thấy trong các kế hoạch đã nạp');
    expect(text).not.toContain('📄');
    expect(text).not.toMatch(/Nguồn|Source/);
    expect(text).not.toContain('<blockquote>');
    expect(text).not.toContain('Mã nhiệm vụ');
  });

  it('keeps HTML a user typed inert: well-formed replies, the raw tag never passes through', async () => {
    const user = clientFor(server, 9012);
    const msgs = await say(user, 'ai chủ trì <b>HTML</b> hoàn thuế giá trị gia tăng ở Nam Định?');
    const text = allText(msgs);
    expect(msgs[0]?.parse_mode).toBe('HTML');
    expect(text).toContain('Cục Thuế tỉnh');
    expect(text).not.toContain('<b>HTML</b>');
    expect(unbalancedTags(text)).toEqual([]);
    // Answers never repeat the question, so the echo path is checked where user text is shown back.
    const echoed = allText(await say(user, '/tiendo <b>HTML</b>'));
    expect(echoed).toContain('<code>&lt;b&gt;HTML&lt;/b&gt;</code>');
    expect(unbalancedTags(echoed)).toEqual([]);
  });
});

/** Tags outside Telegram's HTML subset, or opened and closed out of order (Telegram would reject the message). */
function unbalancedTags(html: string): string[] {
  const allowed = new Set(['b', 'i', 'u', 's', 'code', 'pre', 'a', 'blockquote']);
  const open: string[] = [];
  const bad: string[] = [];
  for (const m of html.matchAll(/<(\/?)([a-z]+)[^>]*>/gi)) {
    const name = (m[2] ?? '').toLowerCase();
    if (!allowed.has(name)) bad.push(m[0]);
    else if (!m[1]) open.push(name);
    else if (open.pop() !== name) bad.push(m[0]);
  }
  return [...bad, ...open.map((t) => `<${t}> not closed`)];
}
