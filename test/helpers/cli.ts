import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { createCipheriv } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll } from 'vitest';
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

/**
 * A fresh folder for one CLI test file, made once dist/ is known to be built and removed after the file's
 * tests. Call it at the top level of the test file.
 */
export function cliScratchDir(prefix: string): string {
  ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * The key check value the CLI prints, computed independently with node's block cipher: the first 3 bytes of
 * CMAC(K, 0¹²⁸) = E(K, K1), K1 = dbl(E(K, 0¹²⁸)) (SP 800-38B §6.1; RFC 4493 for AES), in upper-case hex.
 */
export function zeroBlockCmacKcv(cipher: 'aes' | 'sm4', key: Buffer): string {
  const name = cipher === 'sm4' ? 'sm4-ecb' : `aes-${key.length * 8}-ecb`;
  const e = (b: Buffer) => {
    const c = createCipheriv(name, key, null);
    c.setAutoPadding(false);
    return c.update(b);
  };
  const l = e(Buffer.alloc(16));
  const k1 = Buffer.alloc(16);
  for (let i = 0; i < 16; i++) k1[i] = ((l[i]! << 1) | (i < 15 ? l[i + 1]! >> 7 : 0)) & 0xff;
  if (l[0]! & 0x80) k1[15]! ^= 0x87;
  return e(k1).subarray(0, 3).toString('hex').toUpperCase();
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
