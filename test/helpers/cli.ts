import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The CLI tests run the built CLI (`node dist/cli/main.js`), as users do, not the sources through tsx.
 * `ensureBuilt()` rebuilds dist/ once when any source is newer than the oldest emitted file; a lock
 * directory keeps test files that run in parallel from building at the same time.
 */
export const root = resolve(__dirname, '../..');
export const mainJs = join(root, 'dist/cli/main.js');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [join(dir, e.name)] : [],
  );
}

/** Stale when any source, tsconfig or package.json is newer than the oldest file emitted for a source. */
function isStale(): boolean {
  try {
    const src = sources(join(root, 'src'));
    const inputs = [...src, ...['tsconfig.json', 'tsconfig.build.json', 'package.json'].map((f) => join(root, f))];
    const newest = Math.max(...inputs.map((f) => statSync(f).mtimeMs));
    const oldest = Math.min(...src.map((f) => statSync(join(root, 'dist', f.slice(join(root, 'src').length).replace(/\.ts$/, '.js'))).mtimeMs));
    return oldest < newest;
  } catch {
    return true; // an emitted file is missing
  }
}

export function ensureBuilt(): void {
  if (!isStale()) return;
  const lock = join(root, 'node_modules/.cache/keysmith-test-build.lock');
  mkdirSync(join(root, 'node_modules/.cache'), { recursive: true });
  const deadline = Date.now() + 300_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`build lock ${lock} held for 5 minutes; remove it if no test is running`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    if (!isStale()) return;
    const tsc = createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc');
    const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`building dist/ failed:\n${r.stdout}${r.stderr}`);
  } finally {
    rmdirSync(lock);
  }
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
