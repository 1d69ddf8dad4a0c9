import { TelegramError } from 'telegraf';
import type { Message } from 'telegraf/types';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../logger.ts';
import { toIncoming } from './bot.ts';
import { withRetry } from './deliver.ts';

const tooMany = (retryAfter: number) => new TelegramError({ error_code: 429, description: 'Too Many Requests', parameters: { retry_after: retryAfter } });
const badRequest = () => new TelegramError({ error_code: 400, description: "Bad Request: can't parse entities" });

describe('withRetry', () => {
  it('waits retry_after seconds on 429 and tries again', async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await withRetry(async () => {
      calls += 1;
      if (calls < 3) throw tooMany(calls * 2);
      return 'sent';
    }, silentLogger(), 3, async (ms) => void waits.push(ms));
    expect(result).toBe('sent');
    expect(waits).toEqual([2000, 4000]);
  });

  it('does not retry a bad request, nor past the attempt limit', async () => {
    let calls = 0;
    await expect(withRetry(async () => {
      calls += 1;
      throw badRequest();
    }, silentLogger(), 3, async () => undefined)).rejects.toThrow(/Bad Request/);
    expect(calls).toBe(1);
    calls = 0;
    await expect(withRetry(async () => {
      calls += 1;
      throw tooMany(1);
    }, silentLogger(), 2, async () => undefined)).rejects.toThrow(/Too Many/);
    expect(calls).toBe(2);
  });
});

describe('toIncoming', () => {
  const me = { id: 666, username: 'TroLyBot' };
  const msg = (text: string, extra: Partial<Message.TextMessage> = {}) =>
    ({ message_id: 1, date: 0, chat: { id: -1, type: 'group', title: 'g' }, text, ...extra }) as Message.TextMessage;

  it('cuts an @-mention of the bot and marks the message as addressed', () => {
    const m = msg('@trolybot ai chủ trì?', { entities: [{ type: 'mention', offset: 0, length: 9 }] });
    expect(toIncoming(m, 'group', me)).toEqual({ text: 'ai chủ trì?', chatType: 'group', mentioned: true, botUsername: 'TroLyBot' });
  });

  it('treats a reply to the bot as addressed and other mentions as not', () => {
    const reply = msg('còn hạn chót?', { reply_to_message: { message_id: 0, date: 0, chat: { id: -1, type: 'group', title: 'g' }, from: { id: 666, is_bot: true, first_name: 'b' } } as never });
    expect(toIncoming(reply, 'group', me).mentioned).toBe(true);
    const other = msg('@someone xem này', { entities: [{ type: 'mention', offset: 0, length: 8 }] });
    expect(toIncoming(other, 'group', me)).toMatchObject({ text: '@someone xem này', mentioned: false });
  });
});
