import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import { silentLogger } from '../logger.ts';
import { createTelegramBot } from '../telegram/bot.ts';
import { launchBot, type RunningBot } from '../telegram/run.ts';
import { ADMIN, createFixture, EDITOR, taskAnswer, type Fixture } from '../core/testing.ts';
import { clientFor, readReplies, say, sleep, startEmulator, TOKEN, type BotMessage } from './harness.ts';

/**
 * The real telegraf bot, long polling a local Bot API emulator on 127.0.0.1, over the real
 * core and an in-memory store; only the question-answering service is a fake.
 */
let server: TelegramServer;
let running: RunningBot;
let f: Fixture;

const statusRows = () => (f.db.prepare('SELECT COUNT(*) AS n FROM status_updates').get() as { n: number }).n;
const allText = (msgs: BotMessage[]) => msgs.map((m) => m.text).join('\n');

beforeAll(async () => {
  server = await startEmulator();
  f = await createFixture();
  const bot = createTelegramBot(f.core, { token: TOKEN, apiRoot: server.config.apiURL, handlerTimeoutMs: 1500, typingDelayMs: 50 }, silentLogger());
  running = await launchBot(bot, { webhookPort: 0 }, silentLogger());
});

afterAll(async () => {
  running?.stop('test done');
  await running?.done.catch(() => undefined);
  await server?.stop();
});

describe('telegram bot over the Bot API emulator', () => {
  it('an editor sets "đang thực hiện 40%" and /tiendo shows it', async () => {
    const editor = clientFor(server, EDITOR);
    const confirm = await say(editor, '/capnhat A24-0001 đang thực hiện 40% đã họp');
    expect(confirm[0]?.parse_mode).toBe('HTML');
    expect(confirm[0]?.text).toContain('chưa cập nhật → <b>đang thực hiện 40%</b>');
    const progress = allText(await say(editor, '/tiendo a24-0001'));
    expect(progress).toContain('Trạng thái: <b>đang thực hiện 40%</b>');
    expect(progress).toMatch(/đang thực hiện 40% — đã họp/);
  });

  it('refuses a user without rights and changes nothing', async () => {
    const before = statusRows();
    const stranger = clientFor(server, 4242);
    expect(allText(await say(stranger, '/capnhat A24-0002 hoàn thành'))).toContain('chưa có quyền cập nhật');
    expect(statusRows()).toBe(before);
    expect(await f.tracking.latest('A24-0002')).toBeNull();
  });

  it('an admin approves a /dangky and the new editor can update', async () => {
    const admin = clientFor(server, ADMIN);
    const applicant = clientFor(server, 60, { firstName: 'Lan' });
    expect(allText(await say(applicant, '/dangky Sở Y tế'))).toContain('Đã gửi yêu cầu');
    expect(allText(await readReplies(admin))).toContain('/duyet 60 bientap');
    expect(allText(await say(admin, '/duyet 60 bientap'))).toContain('Đã cấp quyền');
    expect(allText(await readReplies(applicant))).toContain('Bạn đã được cấp quyền');
    expect(allText(await say(applicant, '/capnhat A24-0002 hoàn thành'))).toContain('Đã cập nhật');
    expect(await f.tracking.getUser(60)).toMatchObject({ role: 'editor', agencies: ['Sở Y tế'] });
  });

  it('splits a long answer into several messages under 4096 characters', async () => {
    f.assistant.respond = (q) => ({ ...taskAnswer(q), answer: Array.from({ length: 500 }, (_, i) => `Ý ${i}: nội dung trả lời dài.`).join('\n') });
    const msgs = await say(clientFor(server, 70), 'trả lời dài', (m) => m.some((x) => x.reply_markup?.inline_keyboard));
    f.assistant.respond = taskAnswer;
    expect(msgs.length).toBeGreaterThan(2);
    for (const m of msgs) expect(m.text.length).toBeLessThanOrEqual(4096);
    expect(msgs.at(-1)?.text).toContain('Mã nhiệm vụ');
  });

  it('escapes HTML in a question', async () => {
    const text = allText(await say(clientFor(server, 71), 'ai chủ trì <b>hoàn thuế</b> & phí?'));
    expect(text).toContain('&lt;b&gt;hoàn thuế&lt;/b&gt; &amp; phí?');
  });

  it('answers button presses: the source clause and feedback', async () => {
    const user = clientFor(server, 72);
    const answer = await say(user, 'hoàn thuế');
    const keys = answer.at(-1)?.reply_markup?.inline_keyboard?.flat() ?? [];
    const source = keys.find((k) => k.text === 'Xem nguyên văn');
    await user.sendCallback(user.makeCallbackQuery(source?.callback_data ?? ''));
    expect(allText(await readReplies(user))).toContain('Cải thiện môi trường kinh doanh');
    const up = keys.find((k) => k.text === '👍');
    await user.sendCallback(user.makeCallbackQuery(up?.callback_data ?? ''));
    for (let i = 0; i < 50 && (await f.tracking.listFeedback()).length === 0; i++) await sleep(50);
    expect(await f.tracking.listFeedback()).toMatchObject([{ userId: 72, vote: 1 }]);
  });

  it('a failing or slow handler gets a polite reply and the bot keeps answering', async () => {
    const user = clientFor(server, 73);
    f.assistant.respond = () => {
      throw new Error('index exploded');
    };
    expect(allText(await say(user, 'câu hỏi lỗi'))).toContain('Xin lỗi, đã có lỗi');
    f.assistant.respond = () => sleep(3000).then(() => taskAnswer('muộn'));
    expect(allText(await say(user, 'câu hỏi chậm'))).toContain('Xin lỗi, đã có lỗi');
    f.assistant.respond = taskAnswer;
    const next = allText(await say(user, 'câu hỏi tiếp theo', (m) => m.some((x) => x.text.includes('tiếp theo'))));
    expect(next).toContain('A24-0001');
  });

  it('in a group answers a mention and ignores chatter', async () => {
    const group = clientFor(server, 74, { chatId: -100, type: 'group' });
    await group.sendMessage(group.makeMessage('chào cả nhóm'));
    const mention = group.makeMessage('@TestNameBot ai chủ trì hoàn thuế?', { entities: [{ type: 'mention', offset: 0, length: 12 }] } as never);
    await group.sendMessage(mention);
    const msgs = await readReplies(group, (m) => m.length > 0);
    expect(msgs).toHaveLength(1);
    expect(msgs[0]?.text).toContain('câu hỏi: ai chủ trì hoàn thuế?');
  });
});
