import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { closeSync, fstatSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cliScratchDir, loadRun, mainJs, root } from './helpers/cli.js';

/**
 * Terminal behaviour: through the CliIO seam (isTTY set by the test, stderr a file descriptor the progress
 * worker writes to), and once for real under util-linux `script`, which gives the CLI a pseudo-terminal.
 */

const dir = cliScratchDir('keysmith-cli-tty-');

function fakeIO(name: string, tty: boolean) {
  const errFd = openSync(join(dir, `${name}.stderr`), 'w+');
  const out: (string | Uint8Array)[] = [];
  const io = {
    stdout: { write: (c: string | Uint8Array) => void out.push(c), isTTY: tty },
    stderr: { write: (c: string | Uint8Array) => void (typeof c === 'string' ? writeSync(errFd, c) : writeSync(errFd, c)), isTTY: tty, fd: errFd },
    readStdin: async () => new Uint8Array(),
    progressDelayMs: 0,
  };
  const stderr = () => readFileSync(join(dir, `${name}.stderr`), 'utf8');
  return { io, out, errFd, stderr, close: () => closeSync(errFd) };
}

describe('through the CliIO seam', () => {
  it('long work shows progress on a terminal, and clears its line', async () => {
    const { withProgress } = (await import(pathToFileURL(join(root, 'dist/cli/progress.js')).href)) as typeof import('../src/cli/progress.js');
    const t = fakeIO('progress', true);
    // the work blocks the main thread, as key generation does, until the indicator has drawn something
    const deadline = Date.now() + 30_000;
    const result = await withProgress(t.io, 'generating RSA_4096', async () => {
      while (fstatSync(t.errFd).size === 0 && Date.now() < deadline) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
      return 42;
    });
    t.close();
    expect(result).toBe(42);
    expect(t.stderr()).toMatch(/^\r[|/\\-] generating RSA_4096 \d+\.\ds/);
    expect(t.stderr().endsWith('\r\x1b[K')).toBe(true);

    const quiet = fakeIO('quiet', false);
    await withProgress(quiet.io, 'generating RSA_4096', async () => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300));
    quiet.close();
    expect(quiet.stderr()).toBe('');
  });

  it('generate on a terminal: PEM as text, DER refused on a terminal stdout unless --base64', async () => {
    const { run } = await loadRun();
    const t = fakeIO('generate', true);
    expect(await run(['generate', 'RSA_2048', '--seed', 'tty'], t.io)).toBe(0);
    expect(t.out.join('')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(t.stderr()).toMatch(/keysmith: generated RSA_2048 \(SIGN_VERIFY\), SPKI SHA-256 [0-9a-f]{64}\n$/);

    const der = fakeIO('der', true);
    expect(await run(['generate', 'EC_P256', '--format', 'pkcs8-der'], der.io)).toBe(2);
    der.close();
    expect(der.out).toEqual([]);
    expect(der.stderr()).toMatch(/error INVALID_ARGUMENT: --format pkcs8-der: DER is binary and standard output is a terminal; .*--base64/);
    const b64 = fakeIO('b64', true);
    expect(await run(['generate', 'EC_P256', '--format', 'pkcs8-der', '--base64'], b64.io)).toBe(0);
    b64.close();
    expect(Buffer.from(String(b64.out.join('')), 'base64')[0]).toBe(0x30);

    const pipe = fakeIO('pipe', false);
    expect(await run(['generate', 'EC_P256', '--format', 'pkcs8-der'], pipe.io)).toBe(0);
    pipe.close();
    expect(pipe.out[0]).toBeInstanceOf(Uint8Array);
    expect(pipe.stderr()).not.toMatch(/generating/);
    t.close();
  });
});

const hasScript = spawnSync('script', ['--version']).status === 0;
// util-linux's script(1) is on every Debian machine; in CI its absence is a broken machine, not a reason to skip
if (!hasScript && process.env.CI === 'true') throw new Error('CI=true but script(1) from util-linux is missing: the pseudo-terminal test cannot be skipped in CI');

describe.skipIf(!hasScript)('on a real pseudo-terminal (util-linux script)', () => {
  it('RSA_4096 shows a spinner with elapsed time; without a terminal nothing', () => {
    const key = join(dir, 'rsa4096.pem');
    const r = spawnSync('script', ['-qec', `"${process.execPath}" "${mainJs}" generate RSA_4096 --seed 'tty progress' --out "${key}"`, '/dev/null'], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stdout).toBe(0);
    expect(r.stdout).toMatch(/\r[|/\\-] generating RSA_4096 \d+\.\ds/);
    expect(r.stdout).toContain('\r\x1b[K');
    expect(r.stdout).toMatch(/keysmith: generated RSA_4096/);
    const der = spawnSync('script', ['-qec', `"${process.execPath}" "${mainJs}" generate EC_P256 --format pkcs8-der`, '/dev/null'], { encoding: 'utf8' });
    expect(der.status).toBe(2);
    expect(der.stdout).toMatch(/standard output is a terminal/);
  });
});
