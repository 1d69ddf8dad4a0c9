import path from 'node:path';
import { z } from 'zod';

/**
 * The one place configuration is read. Every command calls loadConfig(process.env, argv)
 * once and passes the typed result down; tests call it with plain objects.
 */
const csvIds = z
  .string()
  .optional()
  .transform((s, ctx) => {
    if (!s || !s.trim()) return [] as number[];
    const ids = s.split(',').map((x) => x.trim()).filter(Boolean).map(Number);
    if (ids.some((n) => !Number.isSafeInteger(n))) {
      ctx.addIssue({ code: 'custom', message: 'ADMIN_IDS must be comma-separated numeric Telegram user ids' });
      return z.NEVER;
    }
    return ids;
  });

const boolish = (fallback: boolean) =>
  z
    .string()
    .optional()
    .transform((s) => (s === undefined || s === '' ? fallback : !/^(0|false|no|off)$/i.test(s.trim())));

const optionalString = z
  .string()
  .optional()
  .transform((s) => (s && s.trim() ? s.trim() : undefined));

/** `VAR=` in an env file means unset, not zero or an empty address. */
const unsetIfEmpty = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema);

export const envSchema = z.object({
  DATA_DIR: z.string().default('./data'),
  // postgres://user:password@host:5432/db switches every store to PostgreSQL (several replicas); unset: SQLite in DATA_DIR.
  DATABASE_URL: unsetIfEmpty(z.string().regex(/^postgres(ql)?:\/\/\S+$/i, 'DATABASE_URL must be a postgres:// (or postgresql://) URL').optional()),
  MODELS_DIR: z.string().default('./models'),
  EMBEDDING_MODEL: z.string().default('Xenova/multilingual-e5-small'),
  TELEGRAM_BOT_TOKEN: optionalString,
  TELEGRAM_API_ROOT: optionalString,
  WEBHOOK_URL: optionalString,
  WEBHOOK_PORT: z.coerce.number().int().positive().default(8443),
  /** 1–256 characters of A–Z, a–z, 0–9, _ and - (Telegram's rule for secret_token). */
  WEBHOOK_SECRET: z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, 'WEBHOOK_SECRET: 1-256 characters of A-Z a-z 0-9 _ -').optional(),
  ADMIN_IDS: csvIds,
  PUBLIC_QA: boolish(true),
  LLM_BASE_URL: optionalString,
  LLM_MODEL: optionalString,
  LLM_API_KEY: optionalString,
  LLM_TIMEOUT_MS: z.coerce.number().int().positive().default(20_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MAX_FILE_MB: z.coerce.number().positive().default(50),
  UPLOAD_ROLE: z.enum(['admin', 'editor']).default('admin'),
  HANDLER_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(20),
  /** Who the terminal chat (no token) speaks as: 0 is never a Telegram user id. */
  TERMINAL_USER_ID: z.coerce.number().int().nonnegative().default(0),
  TERMINAL_ROLE: z.enum(['admin', 'viewer']).default('admin'),
  /** Reminders from the bot process (Telegram mode): on unless REMINDERS=off. */
  REMINDERS: boolish(true),
  REMIND_DAYS: z.coerce.number().int().min(0).max(90).default(7),
  STALE_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** 1 = Monday … 7 = Sunday (Vietnam time). */
  DIGEST_WEEKDAY: z.coerce.number().int().min(1).max(7).default(1),
  DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(8),
  REMIND_TICK_SECONDS: z.coerce.number().int().min(1).default(300),
  DASHBOARD_PORT: unsetIfEmpty(z.coerce.number().int().min(0).max(65535).optional()),
  /** Where the dashboard listens; 127.0.0.1 behind a reverse proxy on the same machine. */
  DASHBOARD_HOST: z.string().default('127.0.0.1'),
  /** The public https address of the dashboard (the reverse proxy's), opened by /dashboard and the menu button. */
  DASHBOARD_URL: unsetIfEmpty(z.string().url().refine((u) => u.startsWith('https://'), 'DASHBOARD_URL must be an https:// address (Telegram opens Mini Apps over https only)').optional()),
});

export interface Config {
  dataDir: string;
  dbPath: string;
  /** PostgreSQL instead of the SQLite file at dbPath, when set. */
  databaseUrl: string | undefined;
  modelsDir: string;
  embeddingModel: string;
  telegram: {
    token: string | undefined;
    apiRoot: string | undefined;
    webhookUrl: string | undefined;
    webhookPort: number;
    webhookSecret: string | undefined;
    handlerTimeoutMs: number;
    rateLimitPerMinute: number;
  };
  adminIds: number[];
  publicQa: boolean;
  llm: { baseUrl: string; model: string; apiKey: string | undefined; timeoutMs: number } | undefined;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  maxFileBytes: number;
  /** Who may send a plan file to the bot: administrators only, or editors too. */
  uploadRole: 'admin' | 'editor';
  terminal: { userId: number; role: 'admin' | 'viewer' };
  reminders: {
    enabled: boolean;
    remindDays: number;
    staleDays: number;
    digestWeekday: number;
    digestHour: number;
    tickMs: number;
  };
  /** The dashboard (Telegram Mini App): served when `port` is set. */
  dashboard: { port: number | undefined; host: string; url: string | undefined };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Overrides from the command line; `--data-dir` wins over DATA_DIR. */
export interface ConfigOverrides {
  dataDir?: string;
}

export function loadConfig(env: Record<string, string | undefined>, overrides: ConfigOverrides = {}): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.') || 'env'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(overrides.dataDir ?? e.DATA_DIR);
  if (e.LLM_BASE_URL && !e.LLM_MODEL) throw new ConfigError('LLM_BASE_URL is set but LLM_MODEL is not');
  return {
    dataDir,
    dbPath: path.join(dataDir, 'tro-ly.sqlite'),
    databaseUrl: e.DATABASE_URL,
    modelsDir: path.resolve(e.MODELS_DIR),
    embeddingModel: e.EMBEDDING_MODEL,
    telegram: {
      token: e.TELEGRAM_BOT_TOKEN,
      apiRoot: e.TELEGRAM_API_ROOT,
      webhookUrl: e.WEBHOOK_URL,
      webhookPort: e.WEBHOOK_PORT,
      webhookSecret: e.WEBHOOK_SECRET,
      handlerTimeoutMs: e.HANDLER_TIMEOUT_MS,
      rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    },
    adminIds: e.ADMIN_IDS,
    publicQa: e.PUBLIC_QA,
    llm: e.LLM_BASE_URL && e.LLM_MODEL
      ? { baseUrl: e.LLM_BASE_URL, model: e.LLM_MODEL, apiKey: e.LLM_API_KEY, timeoutMs: e.LLM_TIMEOUT_MS }
      : undefined,
    logLevel: e.LOG_LEVEL,
    maxFileBytes: Math.round(e.MAX_FILE_MB * 1024 * 1024),
    uploadRole: e.UPLOAD_ROLE,
    terminal: { userId: e.TERMINAL_USER_ID, role: e.TERMINAL_ROLE },
    reminders: {
      enabled: e.REMINDERS,
      remindDays: e.REMIND_DAYS,
      staleDays: e.STALE_DAYS,
      digestWeekday: e.DIGEST_WEEKDAY,
      digestHour: e.DIGEST_HOUR,
      tickMs: e.REMIND_TICK_SECONDS * 1000,
    },
    dashboard: { port: e.DASHBOARD_PORT, host: e.DASHBOARD_HOST, url: e.DASHBOARD_URL },
  };
}
