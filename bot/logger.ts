import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * JSON logs to stderr (stdout is reserved for command output such as `ask --json`).
 * The bot token, the webhook secret, the LLM key and DATABASE_URL (it holds a password) are
 * redacted wherever they appear as fields.
 */
export function createLogger(level: string, destination: number | string = 2): Logger {
  return pino(
    {
      level,
      redact: {
        paths: ['token', '*.token', 'apiKey', '*.apiKey', 'webhookSecret', '*.webhookSecret', 'config.telegram.token', 'config.telegram.webhookSecret', 'config.llm.apiKey', 'databaseUrl', '*.databaseUrl', 'config.databaseUrl'],
        censor: '[redacted]',
      },
    },
    pino.destination({ dest: destination, sync: true }),
  );
}

/** A logger that writes nothing, for tests. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
