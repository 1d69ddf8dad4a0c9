import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../logger.ts';
import { BadQuery, listPlans, queryTasks, taskPage, viewerOf, type ApiDeps, type Viewer } from './api.ts';
import { initDataFromHeader, verifyInitData } from './auth.ts';
import { vnToday } from '../report/summary.ts';

/**
 * The dashboard (a Telegram Mini App): a static page and its read-only JSON API on
 * DASHBOARD_PORT, meant to sit behind the same reverse proxy as the webhook. Every API request
 * carries `Authorization: tma <initData>`, verified with the bot token; anything else gets 401.
 */
export interface DashboardOptions extends ApiDeps {
  botToken: string;
  port: number;
  host: string;
  logger: Logger;
}

export interface RunningDashboard {
  port: number;
  close(): Promise<void>;
}

const PUBLIC_DIR = fileURLToPath(new URL('./public/', import.meta.url));
const require = createRequire(import.meta.url);
const CHART_JS = path.join(path.dirname(require.resolve('chart.js')), 'chart.umd.min.js');

/** The files the page is made of: a fixed list, so no request path ever reaches the file system. */
const STATIC: Readonly<Record<string, { file: string; type: string }>> = {
  '/': { file: path.join(PUBLIC_DIR, 'index.html'), type: 'text/html; charset=utf-8' },
  '/index.html': { file: path.join(PUBLIC_DIR, 'index.html'), type: 'text/html; charset=utf-8' },
  '/app.js': { file: path.join(PUBLIC_DIR, 'app.js'), type: 'text/javascript; charset=utf-8' },
  '/style.css': { file: path.join(PUBLIC_DIR, 'style.css'), type: 'text/css; charset=utf-8' },
  '/vendor/chart.umd.min.js': { file: CHART_JS, type: 'text/javascript; charset=utf-8' },
};

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  // Telegram's web client shows Mini Apps in a frame; nothing else may.
  'Content-Security-Policy': "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'self' https://web.telegram.org https://*.telegram.org",
};

function send(res: http.ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...extra });
  res.end(json);
}

/**
 * Resolves the request's viewer: 401 when the init data is missing, forged or expired; 403 when
 * it is genuine but PUBLIC_QA=false and the user was never approved.
 */
async function authenticate(req: http.IncomingMessage, opts: DashboardOptions): Promise<{ viewer: Viewer } | { status: 401 | 403; error: string }> {
  const check = verifyInitData(initDataFromHeader(req.headers.authorization), opts.botToken, opts.now());
  if (!check.ok) return { status: 401, error: `unauthorized: ${check.reason}` };
  const name = [check.user.first_name, check.user.last_name].filter(Boolean).join(' ') || check.user.username || `người dùng ${check.user.id}`;
  const viewer = await viewerOf(opts, check.user.id, name);
  return viewer ? { viewer } : { status: 403, error: 'forbidden: this assistant serves approved users only (/dangky in the bot)' };
}

async function api(req: http.IncomingMessage, res: http.ServerResponse, url: URL, opts: DashboardOptions): Promise<void> {
  const auth = await authenticate(req, opts);
  if ('status' in auth) {
    send(res, auth.status, { error: auth.error }, auth.status === 401 ? { 'WWW-Authenticate': 'tma' } : {});
    return;
  }
  const { viewer } = auth;
  const q = url.searchParams;
  switch (url.pathname) {
    case '/api/tasks':
      send(res, 200, await queryTasks(opts, viewer, { province: q.get('province'), doc: q.get('doc'), agency: q.get('agency'), status: q.get('status') }));
      return;
    case '/api/plans':
      send(res, 200, await listPlans(opts));
      return;
    case '/api/me':
      send(res, 200, { id: viewer.id, name: viewer.name, role: viewer.role, agencies: viewer.agencies, today: vnToday(opts.now()) });
      return;
    case '/api/task': {
      const page = await taskPage(opts, viewer, q.get('id') ?? '');
      if (page) send(res, 200, page);
      else send(res, 404, { error: 'no task with this code' });
      return;
    }
    default:
      send(res, 404, { error: 'not found' });
  }
}

export function createDashboardHandler(opts: DashboardOptions): http.RequestListener {
  const files = new Map(Object.entries(STATIC).map(([route, f]) => [route, { body: fs.readFileSync(f.file), type: f.type }]));
  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        send(res, 405, { error: 'read-only: GET only' }, { Allow: 'GET, HEAD' });
        return;
      }
      const url = new URL(req.url ?? '/', 'http://dashboard.local');
      if (url.pathname.startsWith('/api/')) {
        await api(req, res, url, opts);
        return;
      }
      const file = files.get(url.pathname);
      if (!file) {
        send(res, 404, { error: 'not found' });
        return;
      }
      res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': file.type, 'Cache-Control': 'no-cache' });
      res.end(req.method === 'HEAD' ? undefined : file.body);
    } catch (err) {
      if (err instanceof BadQuery) {
        send(res, 400, { error: err.message });
        return;
      }
      opts.logger.error({ err, path: req.url?.split('?')[0] }, 'dashboard request failed');
      if (!res.headersSent) send(res, 500, { error: 'internal error' });
      else res.end();
    }
  };
  return (req, res) => void handle(req, res);
}

export async function startDashboard(opts: DashboardOptions): Promise<RunningDashboard> {
  const server = http.createServer(createDashboardHandler(opts));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  opts.logger.info({ port, host: opts.host }, 'dashboard listening');
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
