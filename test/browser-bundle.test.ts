import { describe, expect, it } from 'vitest';
import { build } from 'esbuild';
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
