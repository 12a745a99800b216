import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { staleReason } from '../setup/build-dist.js';

/**
 * The CLI tests run the built CLI (`node dist/cli/main.js`), as users do, not the sources through tsx.
 * dist/ is built once before all test files by vitest's globalSetup (test/setup/build-dist.ts);
 * `ensureBuilt()` only checks that it did, so a test never runs against an old build.
 */
export const root = resolve(__dirname, '../..');
export const mainJs = join(root, 'dist/cli/main.js');

export function ensureBuilt(): void {
  const why = staleReason();
  if (why !== undefined) throw new Error(`dist/ is not built (${why}): run the tests through vitest, whose globalSetup builds it, or \`npm run build\``);
}

export interface CliOptions {
  input?: string | Uint8Array;
  cwd?: string;
}

/** Runs `keysmith <args>` from dist/, output as text. */
export function cli(args: string[], o: CliOptions = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [mainJs, ...args], { cwd: o.cwd ?? root, encoding: 'utf8', input: o.input, timeout: 120_000 });
}

/** Runs `keysmith <args>` from dist/, output as bytes. */
export function cliBytes(args: string[], o: CliOptions = {}): SpawnSyncReturns<Buffer> {
  return spawnSync(process.execPath, [mainJs, ...args], { cwd: o.cwd ?? root, input: o.input, timeout: 120_000 });
}

/** The CLI's in-process entry, from dist/, for tests that play a terminal through the CliIO seam. */
export async function loadRun(): Promise<typeof import('../../src/cli/run.js')> {
  return import(pathToFileURL(join(root, 'dist/cli/run.js')).href);
}
