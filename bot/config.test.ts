import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';
import { createLogger } from './logger.ts';

describe('loadConfig', () => {
  it('applies the contract defaults', () => {
    const c = loadConfig({});
    expect(c.dataDir).toBe(path.resolve('./data'));
    expect(c.modelsDir).toBe(path.resolve('./models'));
    expect(c.embeddingModel).toBe('Xenova/multilingual-e5-small');
    expect(c.telegram.token).toBeUndefined();
    expect(c.llm).toBeUndefined();
    expect(c.publicQa).toBe(true);
    expect(c.maxFileBytes).toBe(50 * 1024 * 1024);
  });

  it('lets --data-dir win over DATA_DIR', () => {
    expect(loadConfig({ DATA_DIR: '/a' }, { dataDir: '/b' }).dataDir).toBe('/b');
  });

  it('parses ADMIN_IDS and rejects junk', () => {
    expect(loadConfig({ ADMIN_IDS: '1, 22,333' }).adminIds).toEqual([1, 22, 333]);
    expect(() => loadConfig({ ADMIN_IDS: '1,abc' })).toThrow(ConfigError);
  });

  it('enables the LLM only with a base URL and a model', () => {
    expect(loadConfig({ LLM_BASE_URL: 'http://127.0.0.1:1/v1', LLM_MODEL: 'm' }).llm?.model).toBe('m');
    expect(() => loadConfig({ LLM_BASE_URL: 'http://127.0.0.1:1/v1' })).toThrow(ConfigError);
  });

  it('reads PUBLIC_QA=false', () => {
    expect(loadConfig({ PUBLIC_QA: 'false' }).publicQa).toBe(false);
  });

  it('reads the reminder rules and the dashboard, with their defaults', () => {
    const d = loadConfig({});
    expect(d.reminders).toEqual({ enabled: true, remindDays: 7, staleDays: 30, digestWeekday: 1, digestHour: 8, tickMs: 300_000 });
    expect(d.dashboard).toEqual({ port: undefined, host: '127.0.0.1', url: undefined });
    const c = loadConfig({ REMINDERS: 'off', REMIND_DAYS: '3', DIGEST_WEEKDAY: '5', DASHBOARD_PORT: '8090', DASHBOARD_URL: 'https://bot.example.gov.vn/dashboard/' });
    expect(c.reminders).toMatchObject({ enabled: false, remindDays: 3, digestWeekday: 5 });
    expect(c.dashboard).toMatchObject({ port: 8090, url: 'https://bot.example.gov.vn/dashboard/' });
    expect(loadConfig({ DASHBOARD_PORT: '', DASHBOARD_URL: ' ' }).dashboard).toMatchObject({ port: undefined, url: undefined });
    expect(() => loadConfig({ DASHBOARD_URL: 'http://bot.example.gov.vn/' })).toThrow(/https/);
    expect(() => loadConfig({ DIGEST_WEEKDAY: '8' })).toThrow(ConfigError);
  });
});

describe('DATABASE_URL', () => {
  it('switches the store to PostgreSQL only for a postgres:// URL, and the logger never prints it', async () => {
    expect(loadConfig({}).databaseUrl).toBeUndefined();
    expect(loadConfig({ DATABASE_URL: '' }).databaseUrl).toBeUndefined();
    expect(loadConfig({ DATABASE_URL: 'postgresql://bot:pw@db:5432/troly' }).databaseUrl).toBe('postgresql://bot:pw@db:5432/troly');
    expect(() => loadConfig({ DATABASE_URL: 'mysql://bot@db/troly' })).toThrow(/DATABASE_URL/);
    const file = path.join(os.tmpdir(), `log-${process.pid}-${Date.now()}.jsonl`);
    const logger = createLogger('info', file);
    logger.info({ config: loadConfig({ DATABASE_URL: 'postgres://bot:s3cret@db:5432/troly' }) }, 'config');
    logger.flush();
    const line = fs.readFileSync(file, 'utf8');
    fs.rmSync(file, { force: true });
    expect(line).toContain('[redacted]');
    expect(line).not.toContain('s3cret');
  });
});
