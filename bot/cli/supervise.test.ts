import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../corpus/store/db.ts';
import { PlanStore } from '../../corpus/store/documents.ts';
import { TrackingStore } from '../../corpus/store/tracking.ts';

/** `remind` and `report` as the contract runs them, on the sample plans with a few logged updates. */
const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
let tmp: string;
let dataDir: string;
const ADMIN = 900;
const EDITOR = 901;

async function cli(script: string, args: string[], env: Record<string, string> = {}) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('TELEGRAM_') && k !== 'ADMIN_IDS'));
  try {
    const { stdout, stderr } = await run(TSX, [path.join(ROOT, 'bot/cli', script), '--data-dir', dataDir, ...args], { cwd: ROOT, env: { ...clean, LOG_LEVEL: 'silent', ADMIN_IDS: String(ADMIN), ...env } });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

interface ReminderJson {
  userId: number;
  kind: string;
  tasks: { id: string; date: string | null; status: string | null }[];
  digest?: { doc: string; tasks: number; overdue: number; neverUpdated: number };
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tlkh-supervise-'));
  dataDir = path.join(tmp, 'data');
  expect((await cli('tasks.ts', ['--json'])).code).toBe(0);
  const db = openDatabase(path.join(dataDir, 'tro-ly.sqlite'));
  const tracking = new TrackingStore(db, { now: () => '2024-03-01T02:00:00.000Z' });
  await tracking.ensureAdmins([ADMIN]);
  await tracking.grant(ADMIN, EDITOR, 'editor', ['Sở Kế hoạch và Đầu tư']);
  const bg = await new PlanStore(db).listTasks({ docId: 'bac-giang-2024-nq02.txt' });
  await tracking.logUpdate({ taskId: bg[0]!.id, userId: ADMIN, status: 'dang_thuc_hien', percent: 20 });
  db.close();
}, 120_000);

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('remind CLI', () => {
  it('prints the messages the rules give at an instant, and nothing at night', async () => {
    const res = await cli('remind.ts', ['--json', '--now', '2024-03-25T09:00:00+07:00', '--dry-run']);
    expect(res.code).toBe(0);
    const out = JSON.parse(res.stdout) as ReminderJson[];
    const due = out.find((r) => r.userId === EDITOR && r.kind === 'due');
    // "hoàn thành trong tháng 03/2024" (Sở Kế hoạch và Đầu tư, Bắc Giang) is due on 31 March: 6 days ahead.
    expect(due?.tasks.map((t) => [t.id, t.date])).toEqual([['BG24-MAT1', '2024-03-31']]);
    const overdue = out.find((r) => r.userId === EDITOR && r.kind === 'overdue');
    for (const t of overdue?.tasks ?? []) expect(t.date! < '2024-03-25').toBe(true);
    const digests = out.filter((r) => r.kind === 'digest');
    expect(digests.map((d) => d.userId)).toEqual(Array(5).fill(ADMIN));
    const bg = digests.find((d) => d.digest?.doc === 'bac-giang-2024-nq02.txt')!;
    expect(bg.digest).toMatchObject({ tasks: 66 });
    expect(bg.digest!.neverUpdated).toBe(65);
    expect(out.some((r) => r.kind === 'stale')).toBe(false);

    const night = await cli('remind.ts', ['--json', '--now', '2024-03-25T21:00:00+07:00', '--dry-run']);
    expect(JSON.parse(night.stdout)).toEqual([]);
  });

  it('a bare local time is Vietnam time; a malformed one and a send without a token are usage errors', async () => {
    const local = JSON.parse((await cli('remind.ts', ['--json', '--now', '2024-03-25T07:30', '--dry-run'])).stdout) as ReminderJson[];
    expect(local).toEqual([]);
    const bad = await cli('remind.ts', ['--json', '--now', 'thứ hai', '--dry-run']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--now: not an ISO date-time/);
    const noToken = await cli('remind.ts', ['--json', '--now', '2024-03-25T09:00:00+07:00']);
    expect(noToken.code).toBe(1);
    expect(noToken.stderr).toMatch(/TELEGRAM_BOT_TOKEN/);
  });
});

describe('report CLI', () => {
  it('writes the workbook for a province (merged provinces included) and for one plan', async () => {
    const out = path.join(tmp, 'bn.xlsx');
    const res = await cli('report.ts', ['--json', '--xlsx', out, '--province', 'Bắc Ninh']);
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ xlsx: out, plans: ['bac-giang-2024-nq02.txt'], tasks: 66 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Tổng hợp', 'Bắc Giang 2024']);
    expect(wb.worksheets[1]!.rowCount).toBe(2 + 66);

    const one = await cli('report.ts', ['--json', '--xlsx', path.join(tmp, 'ls.xlsx'), '--csv', path.join(tmp, 'ls.csv'), '--plan', 'lang-son-2021-nq02.txt']);
    expect(JSON.parse(one.stdout).plans).toEqual(['lang-son-2021-nq02.txt']);
    expect(fs.readFileSync(path.join(tmp, 'ls.csv')).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));

    const none = await cli('report.ts', ['--xlsx', path.join(tmp, 'x.xlsx'), '--province', 'Hà Giang']);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/No plan matches/);
    expect((await cli('report.ts', [])).stderr).toMatch(/--xlsx/);
  });
});
