import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ingestPaths } from '../../corpus/ingest.ts';
import { isCallbackButton, type Reply } from './types.ts';
import { createFixture, taskAnswer, VIEWER, type Fixture } from './testing.ts';

type TextReply = Extract<Reply, { kind: 'text' }>;

async function send(f: Fixture, userId: number, text: string, extra: { chatType?: 'private' | 'group'; mentioned?: boolean } = {}) {
  return f.core.handle({ id: userId, name: `Người dùng ${userId}` }, { text, chatType: extra.chatType ?? 'private', mentioned: extra.mentioned ?? false });
}

const texts = (replies: Reply[]) => replies.filter((r): r is TextReply => r.kind === 'text' && r.to === undefined);
const html = (replies: Reply[]) => texts(replies).map((r) => r.html).join('\n');
const buttons = (replies: Reply[]) => texts(replies).flatMap((r) => r.buttons?.flat() ?? []).filter(isCallbackButton);

describe('questions', () => {
  it('answers plain text with the cited plan, section, quote and task code', async () => {
    const f = await createFixture();
    const replies = await send(f, 50, 'ai chủ trì hoàn thuế?');
    const out = html(replies);
    expect(f.assistant.asked).toEqual(['ai chủ trì hoàn thuế?']);
    expect(out).toContain('<b>Nguồn:</b> Kế hoạch số 12/KH-UBND của UBND tỉnh Tỉnh A năm 2024 — Mục II.1.a');
    expect(out).toContain('Mục II.1.a');
    expect(out).toContain('<blockquote>Sở Tài chính chủ trì, phối hợp với Sở Kế hoạch và Đầu tư rà soát thủ tục hoàn thuế &lt;VAT&gt; &amp; phí');
    expect(out).toContain('Mã nhiệm vụ: <code>A24-0001</code>');
    expect(buttons(replies).map((b) => b.text)).toEqual(['Xem nguyên văn', '👍', '👎']);
  });

  it('/hoi asks too; without a question it shows usage', async () => {
    const f = await createFixture();
    await send(f, 50, '/hoi thời hạn?');
    expect(f.assistant.asked).toEqual(['thời hạn?']);
    expect(html(await send(f, 50, '/hoi'))).toContain('Cách dùng');
  });

  it('escapes HTML typed by the user', async () => {
    const f = await createFixture();
    const out = html(await send(f, 50, '<b>ai</b> & <script>'));
    expect(out).toContain('&lt;b&gt;ai&lt;/b&gt; &amp; &lt;script&gt;');
    expect(out).not.toContain('<script>');
  });

  it('splits a long answer into messages under 4096 characters, buttons on the last', async () => {
    const f = await createFixture();
    f.assistant.respond = (q) => ({ question: q, answerable: false, answer: Array.from({ length: 400 }, (_, i) => `Dòng ${i} của câu trả lời rất dài.`).join('\n'), citations: [], hits: [], ms: 1 });
    const replies = texts(await send(f, 50, 'dài'));
    expect(replies.length).toBeGreaterThan(2);
    for (const r of replies) expect(r.html.length).toBeLessThanOrEqual(4096);
    expect(replies.slice(0, -1).every((r) => !r.buttons)).toBe(true);
    expect(replies.at(-1)?.buttons?.flat().map((b) => b.text)).toEqual(['👍', '👎']);
  });

  it('"Xem nguyên văn" shows the parent heading and the whole clause', async () => {
    const f = await createFixture();
    const src = buttons(await send(f, 50, 'hoàn thuế')).find((b) => b.text === 'Xem nguyên văn');
    const result = await f.core.handleCallback({ id: 50 }, src?.data ?? '');
    const out = html(result.replies);
    expect(out).toContain('<b>1. Cải thiện môi trường kinh doanh</b>');
    expect(out).toContain('a) Sở Tài chính chủ trì');
    expect(out).toContain('- Báo cáo kết quả về Ủy ban nhân dân tỉnh.');
    expect(out).not.toContain('Sở Y tế');
  });

  it('offers one button per province when the question named none, and asks again for the one pressed', async () => {
    const f = await createFixture();
    f.assistant.respond = (q) => ({
      ...taskAnswer(q),
      provinces: /Tỉnh A/u.test(q) ? undefined : ['Tỉnh A', 'Bắc Ninh'],
      answer: /Tỉnh A|tỉnh Bắc Ninh/u.test(q) ? 'Một tỉnh.' : 'Câu hỏi chưa nêu tỉnh, thành phố; …',
    });
    const replies = await send(f, 50, 'ai chủ trì hoàn thuế?');
    const choice = buttons(replies).filter((b) => b.data.startsWith('tinh:'));
    expect(choice.map((b) => b.text)).toEqual(['Chỉ Tỉnh A', 'Chỉ Bắc Ninh']);
    const narrowed = await f.core.handleCallback({ id: 50 }, choice[1]!.data);
    expect(f.assistant.asked.at(-1)).toBe('ai chủ trì hoàn thuế? (tỉnh Bắc Ninh)');
    expect(html(narrowed.replies)).toContain('Một tỉnh.');
    expect((await f.core.handleCallback({ id: 50 }, 'tinh:zzzz:0')).toast).toMatch(/hỏi lại/);
  });

  it('stores 👍/👎 feedback; stale buttons ask to ask again', async () => {
    const f = await createFixture();
    const down = buttons(await send(f, 50, 'hoàn thuế')).find((b) => b.text === '👎');
    expect((await f.core.handleCallback({ id: 50 }, down?.data ?? '')).toast).toMatch(/Cảm ơn/);
    expect(await f.tracking.listFeedback()).toMatchObject([{ userId: 50, question: 'hoàn thuế', section: 'II.1.a', vote: -1 }]);
    expect((await f.core.handleCallback({ id: 50 }, 'fb:zzzz:1')).toast).toMatch(/hỏi lại/);
    expect(await f.tracking.listFeedback()).toHaveLength(1);
  });

  it('with PUBLIC_QA=false only approved users may ask', async () => {
    const f = await createFixture({ publicQa: false });
    expect(html(await send(f, 50, 'ai chủ trì?'))).toContain('/dangky');
    expect(f.assistant.asked).toEqual([]);
    expect(html(await send(f, VIEWER, 'ai chủ trì?'))).toContain('A24-0001');
  });
});

describe('chat etiquette', () => {
  it('in groups answers only commands and mentions', async () => {
    const f = await createFixture();
    expect(await send(f, 50, 'chào mọi người', { chatType: 'group' })).toEqual([]);
    expect(html(await send(f, 50, 'ai chủ trì?', { chatType: 'group', mentioned: true }))).toContain('A24-0001');
    expect(html(await send(f, 50, '/vanban', { chatType: 'group' }))).toContain('Tỉnh B');
    expect(await send(f, 50, '/khonglenh', { chatType: 'group' })).toEqual([]);
  });

  it('rate-limits per user: one notice, then silence, then recovers', async () => {
    const f = await createFixture({ rateLimitPerMinute: 3 });
    for (let i = 0; i < 3; i++) expect(html(await send(f, 50, '/vanban'))).toContain('Tỉnh A');
    expect(html(await send(f, 50, '/vanban'))).toContain('quá nhiều');
    expect(await send(f, 50, '/vanban')).toEqual([]);
    expect(html(await send(f, 51, '/vanban'))).toContain('Tỉnh A');
    f.clock.now = new Date(f.clock.now.getTime() + 61_000);
    expect(html(await send(f, 50, '/vanban'))).toContain('Tỉnh A');
  });

  it('answers unknown commands with a pointer to /help', async () => {
    const f = await createFixture();
    expect(html(await send(f, 50, '/xyz'))).toContain('/help');
  });

  it('/start explains the bot with three example questions and the commands', async () => {
    const f = await createFixture();
    const out = html(await send(f, 50, '/start'));
    expect(out).toContain('Trợ lý Kế hoạch');
    expect(out.match(/^• /gm)).toHaveLength(3);
    expect(out).toContain('Cơ quan nào chủ trì “nâng cao chất lượng khám chữa bệnh” (Tỉnh A 2024)?');
    expect(out).toContain('/capnhat');
  });
});

describe('/help on the sample plans', () => {
  it('gives example questions that read as an official would type them, never cut mid-phrase', async () => {
    const f = await createFixture();
    await ingestPaths([fileURLToPath(new URL('../../corpus/plans', import.meta.url))], { store: f.plans, maxBytes: 10 << 20 });
    const examples = (html(await send(f, 50, '/help')).match(/^• .*$/gm) ?? []).map((l) => l.slice(2));
    expect(examples).toHaveLength(3);
    for (const q of examples) {
      const quoted = /“([^”]+)”/.exec(q)?.[1];
      if (quoted) expect(quoted.split(' ').at(-1), q).not.toMatch(/^(của|và|các|trong|về|với|cho|theo|để|tại|thực|ngày|số)$/u);
      expect(q, q).not.toMatch(/ của Chính của /u);
      expect(q.endsWith('?')).toBe(true);
    }
  });
});

describe('/vanban and /trangthai', () => {
  it('lists plans with number, province, year and counts', async () => {
    const out = html(await send(await createFixture(), 50, '/vanban'));
    expect(out).toContain('(số 12/KH-UBND), Tỉnh A, năm 2024');
    expect(out).toContain('6 mục, 3 nhiệm vụ');
    expect(out).toContain('20 mục, 20 nhiệm vụ');
  });

  it('reports counts and whether the embedding model is loaded', async () => {
    const f = await createFixture();
    f.clock.now = new Date(f.clock.now.getTime() + 2 * 3600_000 + 5 * 60_000);
    const out = html(await send(f, 50, '/trangthai'));
    expect(out).toContain('Kế hoạch: 2');
    expect(out).toContain('Điều khoản: 26');
    expect(out).toContain('Nhiệm vụ: 23');
    expect(out).toContain('chỉ tìm kiếm từ khóa');
    expect(out).toContain('2 giờ 5 phút');
    f.assistant.dense = true;
    expect(html(await send(f, 50, '/trangthai'))).toContain('Xenova/multilingual-e5-small');
  });
});
