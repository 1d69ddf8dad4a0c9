import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command, CommanderError } from 'commander';
import { ConfigError, loadConfig, type Config } from '../config.ts';

/**
 * What every command shares: `--data-dir` (wins over DATA_DIR), `--json`, config loading and
 * one error boundary that turns failures into a stderr line and an exit code.
 */
export interface CommonOptions {
  dataDir?: string;
  json?: boolean;
}

export class UsageError extends Error {
  override name = 'UsageError';
}

/** A commander program with the shared options; usage errors throw instead of exiting. */
export function createProgram(name: string, description: string): Command {
  return new Command(name)
    .description(description)
    .option('--data-dir <dir>', 'where the database, indexes and logs live (wins over DATA_DIR)')
    .option('--json', 'print machine-readable JSON on stdout and nothing else')
    .exitOverride()
    .configureOutput({ writeOut: (s) => process.stderr.write(s), writeErr: (s) => process.stderr.write(s) });
}

/** The process environment, read here once for the command-line composition roots. */
export function processEnv(): Record<string, string | undefined> {
  // eslint-disable-next-line no-restricted-properties -- CLI entry: hands the environment to loadConfig
  return process.env;
}

export function cliConfig(opts: CommonOptions, env: Record<string, string | undefined> = processEnv()): Config {
  return loadConfig(env, opts.dataDir === undefined ? {} : { dataDir: opts.dataDir });
}

/** True when `metaUrl` is the script node/tsx was started with, so a CLI module can also be imported by tests. */
export function isEntryPoint(metaUrl: string): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return pathToFileURL(fs.realpathSync(path.resolve(script))).href === metaUrl;
  } catch {
    return false;
  }
}

/**
 * Runs a command and sets the exit code: the command's own code, 0 after `--help`, 1 after a
 * usage or configuration error (commander has already printed its message), 1 on any other
 * failure with its message (and causes) on stderr.
 */
export async function runCommand(main: () => Promise<number>): Promise<void> {
  try {
    process.exitCode = await main();
  } catch (err) {
    process.exitCode = exitCodeFor(err);
    if (!(err instanceof CommanderError)) process.stderr.write(`${describeError(err)}\n`);
  }
}

function exitCodeFor(err: unknown): number {
  if (err instanceof CommanderError) return err.code === 'commander.helpDisplayed' || err.code === 'commander.version' ? 0 : 1;
  return 1;
}

export function describeError(err: unknown): string {
  if (err instanceof ConfigError || err instanceof UsageError) return err.message;
  const parts: string[] = [];
  for (let e: unknown = err; e !== undefined && parts.length < 4; e = e instanceof Error ? e.cause : undefined) {
    parts.push(e instanceof Error ? `${e.name}: ${e.message}` : String(e));
  }
  return parts.join('\n  caused by ');
}
