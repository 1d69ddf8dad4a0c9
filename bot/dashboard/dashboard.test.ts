/**
 * The dashboard on the sample plans with a few logged updates: Telegram init data verified
 * (signed → served; forged, expired, missing → 401 and no data; genuine but unapproved → 403),
 * the API equal to `tasks --json` under every filter, and the page itself in headless Chromium
 * on a phone-sized screen showing the numbers `tasks --json` gives.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestPaths } from '../../corpus/ingest.ts';
import { openDatabase, type DB } from '../../corpus/store/db.ts';
import { PlanStore } from '../../corpus/store/documents.ts';
import { TrackingStore } from '../../corpus/store/tracking.ts';
import { silentLogger } from '../logger.ts';
import type { TaskJson } from '../report/task-json.ts';
import { signInitData, verifyInitData } from './auth.ts';
import { startDashboard, type RunningDashboard } from './server.ts';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';
const TOKEN = '123456:TEST-dashboard-token';
const NOW = new Date('2024-09-23T03:00:00Z');
const TODAY = '2024-09-23';
const ADMIN = 11;
const EDITOR = 12;
const VIEWER = 13;
const STRANGER = 14;

let tmp: string;
let dataDir: string;
let db: DB;
let closed: RunningDashboard;
let open: RunningDashboard;

const initFor = (id: number, authDate = NOW, token = TOKEN) => signInitData({ user: { id, first_name: 'Cán bộ', last_name: String(id) }, authDate }, token);
const get = (dash: RunningDashboard, pathAndQuery: string, init?: string) =>
  fetch(`http://127.0.0.1:${dash.port}${pathAndQuery}`, init === undefined ? {} : { headers: { Authorization: `tma ${init}` } });

/** What `npm run tasks -- --json` prints for this data dir (the contract's objects). */
async function tasksCli(args: string[] = []): Promise<TaskJson[]> {
  const { stdout } = await run(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(ROOT, 'bot/cli/tasks.ts'), '--data-dir', dataDir, '--json', ...args], {
    cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'silent' },
  });
  return JSON.parse(stdout) as TaskJson[];
}

function countsOf(tasks: TaskJson[]) {
  const n: Record<string, number> = { total: tasks.length, hoan_thanh: 0, dang_thuc_hien: 0, cham_tien_do: 0, vuong_mac: 0, chua_bat_dau: 0, chua_cap_nhat: 0, qua_han: 0 };
  for (const t of tasks) {
    n[t.status?.status ?? 'chua_cap_nhat']! += 1;
    if (t.deadline?.date && t.deadline.date < TODAY && t.status?.status !== 'hoan_thanh') n.qua_han! += 1;
  }
  return n;
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tlkh-dashboard-'));
  dataDir = path.join(tmp, 'data');
  db = openDatabase(path.join(dataDir, 'tro-ly.sqlite'));
  const plans = new PlanStore(db);
  await ingestPaths([path.join(ROOT, 'corpus/plans')], { store: plans, maxBytes: 50 * 1024 * 1024 });
  const tracking = new TrackingStore(db, { now: () => '2024-09-20T02:00:00.000Z' });
  await tracking.ensureAdmins([ADMIN]);
  const nd = await plans.listTasks({ docId: 'nam-dinh-2024-nq02.txt' });
  await tracking.grant(ADMIN, EDITOR, 'editor', [nd[0]!.lead[0]!, nd[1]!.lead[0]!]);
  await tracking.rememberName(EDITOR, 'Lê Văn Cường');
  await tracking.grant(ADMIN, VIEWER, 'viewer');
  await tracking.logUpdate({ taskId: nd[0]!.id, userId: EDITOR, status: 'dang_thuc_hien', percent: 30, note: 'đã giao phòng chuyên môn' });
  await tracking.logUpdate({ taskId: nd[0]!.id, userId: EDITOR, status: 'vuong_mac', percent: 30, note: 'chờ hướng dẫn của Bộ' });
  await tracking.logUpdate({ taskId: nd[1]!.id, userId: EDITOR, status: 'hoan_thanh', percent: 100 });
  const base = { plans, tracking, adminIds: [ADMIN], now: () => NOW, botToken: TOKEN, port: 0, host: '127.0.0.1', logger: silentLogger() };
  closed = await startDashboard({ ...base, publicQa: false });
  open = await startDashboard({ ...base, publicQa: true });
}, 120_000);

afterAll(async () => {
  await closed?.close();
  await open?.close();
  db?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('Telegram init data', () => {
  it('accepts what the bot token signed, within a day, and nothing else', async () => {
    expect(verifyInitData(initFor(ADMIN), TOKEN, NOW)).toMatchObject({ ok: true, user: { id: ADMIN } });
    expect(verifyInitData(initFor(ADMIN, new Date(NOW.getTime() - 23 * 3600_000)), TOKEN, NOW).ok).toBe(true);
    expect(verifyInitData(initFor(ADMIN, new Date(NOW.getTime() - 25 * 3600_000)), TOKEN, NOW)).toEqual({ ok: false, reason: 'expired' });
    expect(verifyInitData(initFor(ADMIN, NOW, '654321:OTHER'), TOKEN, NOW)).toEqual({ ok: false, reason: 'bad_signature' });
    const forged = initFor(VIEWER).replace(encodeURIComponent(`"id":${VIEWER}`), encodeURIComponent(`"id":${ADMIN}`));
    expect(forged).not.toBe(initFor(VIEWER));
    expect(verifyInitData(forged, TOKEN, NOW)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyInitData('', TOKEN, NOW)).toEqual({ ok: false, reason: 'missing' });
    expect(verifyInitData('user=%7B%22id%22%3A1%7D', TOKEN, NOW)).toEqual({ ok: false, reason: 'malformed' });
  });
});

describe('the data API', () => {
  it('refuses a missing, forged or expired init data with 401 and no data; an unapproved user with 403', async () => {
    for (const init of [undefined, 'garbage', initFor(ADMIN, new Date(NOW.getTime() - 2 * 86_400_000)), initFor(ADMIN, NOW, '654321:OTHER')]) {
      const res = await get(closed, '/api/tasks', init);
      expect(res.status).toBe(401);
      const body = (await res.json()) as Record<string, unknown>;
      expect(Object.keys(body)).toEqual(['error']);
    }
    const wrongScheme = await fetch(`http://127.0.0.1:${closed.port}/api/tasks`, { headers: { Authorization: `Bearer ${initFor(ADMIN)}` } });
    expect(wrongScheme.status).toBe(401);
    expect((await get(closed, '/api/tasks', initFor(STRANGER))).status).toBe(403);
    expect((await get(open, '/api/tasks', initFor(STRANGER))).status).toBe(200);
  });

  it('serves exactly the objects of tasks --json, under every filter', async () => {
    const all = await tasksCli();
    const api = async (q: string) => (await (await get(closed, `/api/tasks${q}`, initFor(VIEWER))).json()) as TaskJson[];
    expect(await api('')).toEqual(all);
    expect(await api('?doc=lang-son-2021-nq02.txt')).toEqual(all.filter((t) => t.doc === 'lang-son-2021-nq02.txt'));
    // Bắc Ninh today includes Bắc Giang, merged into it in 2025.
    expect(await api(`?province=${encodeURIComponent('Bắc Ninh')}`)).toEqual(all.filter((t) => t.doc === 'bac-giang-2024-nq02.txt'));
    expect(await api('?agency=So%20Tai%20chinh')).toEqual(await tasksCli(['--agency', 'Sở Tài chính']));
    expect((await api('?status=hoan_thanh')).map((t) => t.id)).toEqual(all.filter((t) => t.status?.status === 'hoan_thanh').map((t) => t.id));
    expect((await api('?status=chua_cap_nhat')).length).toBe(all.filter((t) => t.status === null).length);
    expect((await api('?status=qua_han')).length).toBe(countsOf(all).qua_han);
    expect((await get(closed, '/api/tasks?status=xong', initFor(VIEWER))).status).toBe(400);
  });

  it("gives a task's page with its clause and full history; a guest sees no notes or names", async () => {
    const all = await tasksCli();
    const blocked = all.find((t) => t.status?.status === 'vuong_mac')!;
    const page = (await (await get(closed, `/api/task?id=${blocked.id}`, initFor(VIEWER))).json()) as {
      clause: { text: string; section: string }; history: { status: string; note: string | null; by: string | null }[];
    };
    expect(page.clause.section).toBe(blocked.section);
    expect(page.clause.text.length).toBeGreaterThan(20);
    expect(page.history.map((h) => [h.status, h.note, h.by])).toEqual([
      ['dang_thuc_hien', 'đã giao phòng chuyên môn', 'Lê Văn Cường'],
      ['vuong_mac', 'chờ hướng dẫn của Bộ', 'Lê Văn Cường'],
    ]);
    const guest = (await (await get(open, `/api/task?id=${blocked.id}`, initFor(STRANGER))).json()) as typeof page;
    expect(guest.history.map((h) => [h.status, h.note, h.by])).toEqual([['dang_thuc_hien', null, null], ['vuong_mac', null, null]]);
    expect((await get(closed, '/api/task?id=KHONG-CO', initFor(VIEWER))).status).toBe(404);
  });

  it('is read-only and serves only its own files, with a content security policy', async () => {
    expect((await fetch(`http://127.0.0.1:${closed.port}/api/tasks`, { method: 'POST' })).status).toBe(405);
    const page = await fetch(`http://127.0.0.1:${closed.port}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('Bảng theo dõi tiến độ');
    expect((await fetch(`http://127.0.0.1:${closed.port}/vendor/chart.umd.min.js`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${closed.port}/..%2Fpackage.json`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${closed.port}/public/app.js`)).status).toBe(404);
  });
});

describe.skipIf(!fs.existsSync(CHROMIUM))('the page in headless Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  }, 60_000);
  afterAll(async () => browser?.close());

  const open = async (init: string) => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
    await page.goto(`http://127.0.0.1:${closed.port}/#tgWebAppData=${encodeURIComponent(init)}&tgWebAppVersion=7.10&tgWebAppPlatform=android`);
    return page;
  };
  const numbers = async (page: Awaited<ReturnType<typeof open>>) => {
    const keys = ['total', 'hoan_thanh', 'dang_thuc_hien', 'cham_tien_do', 'vuong_mac', 'chua_bat_dau', 'chua_cap_nhat', 'qua_han'];
    return Object.fromEntries(await Promise.all(keys.map(async (k) => [k, Number(await page.textContent(`#n-${k}`))])));
  };

  it('shows a signed user the numbers tasks --json gives, filters, and opens a task with its clause and history', async () => {
    const all = await tasksCli();
    const page = await open(initFor(ADMIN));
    await page.waitForSelector('body[data-ready="1"]', { timeout: 30_000 });
    expect(await numbers(page)).toEqual(countsOf(all));
    expect(await page.textContent('#who')).toContain('quản trị viên');
    const shot = path.join(process.env.DASHBOARD_SHOT_DIR ?? tmp, 'dashboard.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(fs.statSync(shot).size).toBeGreaterThan(20_000);
    // Both charts drew on their canvases.
    expect(await page.$$eval('canvas', (cs) => cs.map((c) => {
      const { width, height } = c as unknown as { width: number; height: number };
      return width > 0 && height > 0;
    }))).toEqual([true, true]);

    await page.selectOption('#f-status', 'vuong_mac');
    await page.waitForSelector('body[data-ready="1"]');
    expect((await numbers(page)).total).toBe(countsOf(all).vuong_mac);
    await page.click('#all-list li');
    await page.waitForSelector('#task-view:not([hidden])');
    const blocked = all.find((t) => t.status?.status === 'vuong_mac')!;
    expect(await page.textContent('#t-code')).toBe(`Nhiệm vụ ${blocked.id}`);
    expect(await page.textContent('#t-text')).toContain(blocked.text.slice(0, 40));
    expect(await page.$$eval('#t-history li', (li) => li.map((x) => x.textContent))).toEqual([
      expect.stringContaining('đang thực hiện 30% · Lê Văn Cường · đã giao phòng chuyên môn'),
      expect.stringContaining('vướng mắc 30% · Lê Văn Cường · chờ hướng dẫn của Bộ'),
    ]);
    await page.close();
  }, 60_000);

  it('shows a forged or expired session a message and no numbers', async () => {
    for (const init of [initFor(VIEWER).replace('hash=', 'hash=0'), initFor(ADMIN, new Date(NOW.getTime() - 3 * 86_400_000))]) {
      const page = await open(init);
      await page.waitForSelector('body[data-ready="error"]', { timeout: 30_000 });
      expect(await page.textContent('#message')).toContain('Không xác thực được');
      expect(await page.textContent('#n-total')).toBe('–');
      await page.close();
    }
  }, 60_000);
});
