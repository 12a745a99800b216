import { describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The package root must bundle for browsers: nothing it reaches may import a Node built-in. esbuild with
 * platform 'browser' fails on any `node:` or bare built-in import, so a clean build is the proof.
 */
describe('the package root bundles for browsers', () => {
  it('builds with platform "browser" and no Node built-ins', async () => {
    const result = await build({
      entryPoints: [resolve(__dirname, '../src/index.ts')],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    expect(result.errors).toEqual([]);
    const inputs = Object.keys(result.metafile!.inputs);
    expect(inputs.some((p) => p.includes('sm-crypto'))).toBe(true);
    expect(inputs.some((p) => p.includes('@noble/curves'))).toBe(true);
    for (const p of inputs) expect(p).not.toMatch(/^node:|src\/cli\//);
    const code = result.outputFiles![0]!.text;
    expect(code).not.toMatch(/from\s+["']node:/);
    expect(code).not.toMatch(/require\(["'](node:)?(fs|crypto|path|child_process)["']\)/);
  });

  it('the CLI is the only part that uses Node (it fails to bundle for browsers)', async () => {
    await expect(
      build({ entryPoints: [resolve(__dirname, '../src/cli/main.ts')], bundle: true, platform: 'browser', format: 'esm', write: false, logLevel: 'silent' }),
    ).rejects.toThrow();
  });
});

/**
 * Size budgets, minified, in bytes (measured 2026-11: root 299,280; generateKey + exportKey 250,317, which was 276 kB before "sideEffects": false). Raise a
 * budget only on purpose, in the change that needs it; a silent 10% growth is what this test is for.
 */
// Raised in issue 9 part A (was 320_000 / 265_000): P-521 (noble's p521 and its fast-path curve data), HMAC
// (SHA-224/512, HMAC-SM3) and ECDH are reachable from generateKey (registry entries, KEY_AGREEMENT PCT).
const BUDGET = { root: 350_000, generateAndExport: 312_000 } as const;

async function minifiedSize(o: { entry?: string; contents?: string }): Promise<number> {
  const result = await build({
    ...(o.entry ? { entryPoints: [o.entry] } : { stdin: { contents: o.contents!, resolveDir: resolve(__dirname, '..'), loader: 'ts' as const } }),
    bundle: true,
    minify: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles![0]!.contents.length;
}

describe('the browser bundle stays within its budget', () => {
  it('package.json declares no side effects, so bundlers drop what a consumer does not import', () => {
    expect(JSON.parse(readFileSync(resolve(__dirname, '../package.json'), 'utf8')).sideEffects).toBe(false);
  });

  it('the root entry, minified', async () => {
    const size = await minifiedSize({ entry: resolve(__dirname, '../src/index.ts') });
    expect(size, `root entry is ${size} bytes minified`).toBeLessThanOrEqual(BUDGET.root);
  });

  it('a consumer of generateKey and exportKey gets a tree-shaken bundle', async () => {
    const size = await minifiedSize({ contents: "import { generateKey, exportKey } from './src/index.ts'; export { generateKey, exportKey };" });
    expect(size, `generateKey + exportKey is ${size} bytes minified`).toBeLessThanOrEqual(BUDGET.generateAndExport);
  });
});
