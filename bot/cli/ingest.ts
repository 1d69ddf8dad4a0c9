import cliProgress from 'cli-progress';
import path from 'node:path';
import type { IngestReport } from '../../corpus/ingest.ts';
import type { Config } from '../config.ts';
import { createLogger } from '../logger.ts';
import { cliConfig, createProgram, isEntryPoint, runCommand, type CommonOptions } from './args.ts';
import { defaultPlansDir, ingestAndSync, openPlanStore, summarizeReport, type AfterIngest } from './ensure.ts';

/**
 * `npm run -s ingest -- [--data-dir D] [--json] [PATH ...]`: ingest plan files or folders.
 * Exit 0 when the good files went in, 1 when every file failed.
 */
export async function runIngest(argv: string[], hooks: { afterIngest?: AfterIngest } = {}): Promise<number> {
  const program = createProgram('ingest', 'Ingest plan files (.txt .md .pdf .docx .doc; scanned PDFs are OCR\'d) or folders of them')
    .argument('[paths...]', 'files or folders to ingest (default: corpus/plans)')
    .option('--force', 're-parse files even when unchanged (after a parser update)');
  program.parse(argv, { from: 'user' });
  const opts = program.opts<CommonOptions & { force?: boolean }>();
  const paths = program.args.length ? program.args : [defaultPlansDir()];
  const config = cliConfig(opts);
  const store = await openPlanStore(config);
  const progress = createProgress();
  const ocrProgress = createOcrProgress();
  try {
    const report = await ingestAndSync(paths, {
      config,
      store,
      force: opts.force === true,
      afterIngest: hooks.afterIngest ?? ((report) => syncSearchIndex(config, report)),
      ...(progress ? { onProgress: progress.update } : {}),
      ...(ocrProgress ? { onOcrPage: ocrProgress.update } : {}),
    });
    progress?.stop();
    ocrProgress?.stop();
    process.stdout.write(opts.json ? `${JSON.stringify(report)}\n` : `${summarizeReport(report)}\n`);
    return exitCode(report);
  } finally {
    progress?.stop();
    ocrProgress?.stop();
    await store.sql.close();
  }
}

/** Brings the lexical and vector indexes up to date right after the store changed. */
async function syncSearchIndex(config: Config, report: IngestReport): Promise<void> {
  if (report.ingested.length === 0 && report.skipped.length === 0) return;
  const { createApp } = await import('../app.ts');
  const app = await createApp(config, createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel));
  try {
    await app.afterIngest(report);
  } finally {
    await app.close();
  }
}

/** 1 only when there were files and none of them made it (ingested or already stored). */
export function exitCode(report: IngestReport): number {
  const ok = report.ingested.length + report.skipped.length;
  return ok === 0 && report.failed.length > 0 ? 1 : 0;
}

/** A progress bar on stderr, only for a person watching a terminal. */
function createProgress() {
  if (!process.stderr.isTTY) return null;
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: 'ingest [{bar}] {value}/{total} {file}', clearOnComplete: true, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let stopped = false;
  return {
    update(done: number, total: number, file: string) {
      if (!started) bar.start(total, 0, { file: '' });
      started = true;
      bar.update(done, { file: path.basename(file) });
    },
    stop() {
      if (started && !stopped) bar.stop();
      stopped = true;
    },
  };
}

/** One bar per scanned file, for the pages OCR reads (the slow part of an ingest). */
function createOcrProgress() {
  if (!process.stderr.isTTY) return null;
  let bar: cliProgress.SingleBar | null = null;
  let current = '';
  return {
    update(file: string, done: number, total: number) {
      if (file !== current) {
        bar?.stop();
        bar = new cliProgress.SingleBar(
          { stream: process.stderr, format: `OCR ${path.basename(file)} [{bar}] {value}/{total} trang`, hideCursor: true },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, 0);
        current = file;
      }
      bar?.update(done);
    },
    stop() {
      bar?.stop();
      bar = null;
    },
  };
}

if (isEntryPoint(import.meta.url)) await runCommand(() => runIngest(process.argv.slice(2)));
