import { createApp, type App, type AppOverrides } from '../app.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { ensureIngested } from './ensure.ts';

/**
 * The app with its search index ready: on a fresh data dir the sample plans are ingested first;
 * otherwise the index is brought up to date with the store (cheap when nothing changed: the
 * retriever re-indexes only documents whose content changed, and embeds only missing vectors).
 */
export async function openReadyApp(config: Config, logger: Logger, overrides: AppOverrides = {}): Promise<App> {
  const app = await createApp(config, logger, overrides);
  try {
    const report = await ensureIngested({
      config,
      store: app.plans,
      afterIngest: app.afterIngest,
      log: (line) => logger.info(line),
    });
    if (report === null) await app.afterIngest();
    return app;
  } catch (err) {
    await app.close();
    throw err;
  }
}
