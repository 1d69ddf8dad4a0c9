/**
 * `npm run models:fetch -- [--model ID] [--models-dir DIR] [--hub URL] [--json]`: downloads
 * the embedding model (EMBEDDING_MODEL, default Xenova/multilingual-e5-small) into MODELS_DIR
 * on a machine with internet, so the bot can run offline afterwards. A composition root:
 * configuration comes from bot/config.ts, the work from hub.ts.
 */
import cliProgress from 'cli-progress';
import { cliConfig, createProgram, isEntryPoint, runCommand, type CommonOptions } from './args.ts';
import { DEFAULT_HUB, fetchModel, type FetchProgress } from '../../retrieval/embed/hub.ts';

interface FetchOptions extends CommonOptions {
  model?: string;
  modelsDir?: string;
  hub: string;
  revision: string;
}

/** One bar per file on a terminal; nothing when output goes to a file or pipe. */
function terminalProgress(): FetchProgress | undefined {
  if (!process.stderr.isTTY) return undefined;
  let bar: cliProgress.SingleBar | undefined;
  return {
    start(file, total, startBytes) {
      bar = new cliProgress.SingleBar(
        { format: `${file.padEnd(28)} [{bar}] {percentage}% {value}/{total} bytes`, stream: process.stderr },
        cliProgress.Presets.shades_classic,
      );
      bar.start(total, startBytes);
    },
    advance: (bytes) => bar?.increment(bytes),
    stop: () => bar?.stop(),
  };
}

async function main(argv: string[]): Promise<number> {
  const program = createProgram('models:fetch', 'download the embedding model into MODELS_DIR (needs internet)')
    .option('--model <id>', 'model id on the hub (default EMBEDDING_MODEL)')
    .option('--models-dir <dir>', 'models folder (default MODELS_DIR)')
    .option('--hub <url>', 'hub base URL', DEFAULT_HUB)
    .option('--revision <rev>', 'branch, tag or commit on the hub', 'main')
    .parse(argv);
  const opts = program.opts<FetchOptions>();
  const config = cliConfig(opts);
  const modelId = opts.model ?? config.embeddingModel;
  const result = await fetchModel({
    modelId,
    modelsDir: opts.modelsDir ?? config.modelsDir,
    hubUrl: opts.hub,
    revision: opts.revision,
    progress: opts.json ? undefined : terminalProgress(),
  });
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ model: modelId, ...result })}\n`);
  } else {
    for (const f of result.files) process.stdout.write(`${f.status.padEnd(10)} ${f.path} (${f.bytes} bytes, sha256 ${f.sha256.slice(0, 12)}…)\n`);
    process.stdout.write(`${modelId} is ready in ${result.dir}\n`);
  }
  return 0;
}

if (isEntryPoint(import.meta.url)) void runCommand(() => main(process.argv));
