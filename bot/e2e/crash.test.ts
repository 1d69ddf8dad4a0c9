import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import { openDatabase } from '../../corpus/store/db.ts';
import { clientFor, say, startEmulator, TOKEN } from './harness.ts';
import { collect, exited, seededDataDir, startMain } from './process.ts';

/**
 * Durability: the bot process is killed (SIGKILL, no shutdown code runs) right after it
 * confirmed a /capnhat; the update must be in the database and shown after a restart.
 */
let server: TelegramServer;
let dataDir: string;

beforeAll(async () => {
  server = await startEmulator();
  dataDir = await seededDataDir();
});

afterAll(async () => {
  await server?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

function startBot() {
  const child = startMain(dataDir, { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: server.config.apiURL, ADMIN_IDS: '1' });
  return { child, stderr: collect(child.stderr) };
}

describe('a killed bot keeps confirmed updates', () => {
  it('finds the /capnhat in the database and in /tiendo after SIGKILL and restart', async () => {
    const admin = clientFor(server, 1);
    const first = startBot();
    try {
      const confirm = await say(admin, '/capnhat A24-0001 đang thực hiện 40% trước khi sập');
      expect(confirm[0]?.text, first.stderr()).toContain('Đã cập nhật');
    } finally {
      first.child.kill('SIGKILL');
    }
    expect((await exited(first.child)).signal).toBe('SIGKILL');

    const db = openDatabase(path.join(dataDir, 'tro-ly.sqlite'));
    const rows = db.prepare('SELECT task_id, status, percent, note FROM status_updates').all();
    db.close();
    expect(rows).toEqual([{ task_id: 'A24-0001', status: 'dang_thuc_hien', percent: 40, note: 'trước khi sập' }]);

    const second = startBot();
    try {
      const progress = (await say(admin, '/tiendo A24-0001')).map((m) => m.text).join('\n');
      expect(progress, second.stderr()).toContain('Trạng thái: <b>đang thực hiện 40%</b>');
    } finally {
      second.child.kill('SIGTERM');
      await exited(second.child);
    }
  });
});
