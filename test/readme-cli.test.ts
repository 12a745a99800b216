import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cliScratchDir, mainJs } from './helpers/cli.js';

/**
 * The README's command-line examples, run as written by bash in one fresh folder, in order (later blocks use
 * the files earlier ones write). `npx keysmith` is a shell function that runs the built CLI, as npx does in a
 * clone; nothing else in the text is changed.
 */
const readme = readFileSync(resolve(__dirname, '../README.md'), 'utf8');

function shBlocks(fromHeading: string, toHeading: string): string[] {
  const start = readme.indexOf(fromHeading);
  const end = readme.indexOf(toHeading, start);
  if (start < 0 || end < 0) throw new Error(`README has no section ${fromHeading}`);
  return [...readme.slice(start, end).matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

const blocks = [...shBlocks('\n## CLI\n', '\n## Wrapping'), ...shBlocks('\n### BYOK from the command line', '\n### Tests and vectors')];

const dir = cliScratchDir('keysmith-readme-cli-');

describe('README command-line examples run as written', () => {
  it('has the CLI and BYOK examples', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(6);
    for (const b of blocks) expect(b).toMatch(/npx keysmith /);
  });

  it.each(blocks.map((code, i) => [i + 1, code] as const))('block %i', (_i, code) => {
    const prelude = `set -euo pipefail\nnpx() { if [ "$1" = keysmith ]; then shift; "${process.execPath}" "${mainJs}" "$@"; else command npx "$@"; fi; }\n`;
    // stderr is a file, as on a terminal or a CI log: `tee /dev/stderr` cannot open node's socket pair
    const errFile = join(dir, '.stderr');
    const errFd = openSync(errFile, 'w');
    const r = spawnSync('bash', ['-c', prelude + code], { cwd: dir, encoding: 'utf8', timeout: 300_000, stdio: ['ignore', 'pipe', errFd] });
    closeSync(errFd);
    const stderr = readFileSync(errFile, 'utf8');
    expect(r.status, `${code}\n--- stderr:\n${stderr}`).toBe(0);
    expect(stderr).not.toMatch(/keysmith: error|unexpected error/);
  });

  it('the key files they write are private', () => {
    for (const f of ['sm2.pem', 'key.bin', 'wrapping-aliyun.pem', 'aws-p256.pem']) expect((statSync(join(dir, f)).mode & 0o777).toString(8), f).toBe('600');
    expect((statSync(join(dir, 'sm2.pub.pem')).mode & 0o777).toString(8)).toBe('644');
  });
});
