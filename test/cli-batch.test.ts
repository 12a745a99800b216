import { describe, expect, it } from 'vitest';
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, cliScratchDir, loadRun, mainJs } from './helpers/cli.js';

/**
 * `keysmith generate SPEC --count N` (issue 8): files in a folder or JSON lines, every key distinct and valid
 * as OpenSSL reads it, refusals before any work, the progress bar only on a terminal, Ctrl-C keeping what was
 * written; and `keysmith bench`'s table (its shape, not its timings).
 */
const dir = cliScratchDir('keysmith-cli-batch-');

function fresh(name: string): string {
  const d = join(dir, name);
  mkdirSync(d);
  return d;
}

/** OpenSSL checks the private key and derives its public key (SPKI PEM); throws if it refuses the key. */
function opensslPublicOf(pem: string, check: boolean): string {
  if (check) execFileSync('openssl', ['pkey', '-check', '-noout'], { input: pem, stdio: ['pipe', 'pipe', 'pipe'] });
  return execFileSync('openssl', ['pkey', '-pubout'], { input: pem, stdio: ['pipe', 'pipe', 'pipe'] }).toString();
}

function spkiSha256(publicPem: string): string {
  const der = execFileSync('openssl', ['pkey', '-pubin', '-outform', 'DER'], { input: publicPem });
  return createHash('sha256').update(der).digest('hex');
}

describe('generate --count to a folder', () => {
  it('writes N distinct keys OpenSSL accepts, 0600 (public keys 0644), named <SPEC>-<n>.pem, listed on stdout', () => {
    const d = fresh('dir');
    const r = cli(['generate', 'EC_P256', '--count', '12', '--concurrency', '2', '--out-dir', d, '--public-out-dir', d]);
    expect(r.stderr).toBe(`keysmith: generated 12 EC_P256 keys (SIGN_VERIFY) -> ${d}\n`);
    expect(r.status).toBe(0);
    const names = readdirSync(d).sort();
    const expected = Array.from({ length: 12 }, (_, i) => `EC_P256-${String(i + 1).padStart(2, '0')}`);
    expect(names).toEqual(expected.flatMap((b) => [`${b}.pem`, `${b}.pub.pem`]).sort());
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(12);
    const pems = new Set<string>();
    for (const line of lines) {
      const [file, fingerprint] = line.split('\t') as [string, string];
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const pub = file.replace(/\.pem$/, '.pub.pem');
      expect(statSync(pub).mode & 0o777).toBe(0o644);
      const pem = readFileSync(file, 'utf8');
      expect(pem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
      pems.add(pem);
      const derived = opensslPublicOf(pem, true);
      expect(readFileSync(pub, 'utf8')).toBe(derived);
      expect(fingerprint).toBe(spkiSha256(derived));
    }
    expect(pems.size).toBe(12);
  });

  it('secret keys as raw bytes (.bin), and DER formats as .der', () => {
    const d = fresh('bin');
    const r = cli(['generate', 'AES_256', '--count', '3', '--out-dir', d]);
    expect(r.status).toBe(0);
    const files = readdirSync(d).sort();
    expect(files).toEqual(['AES_256-1.bin', 'AES_256-2.bin', 'AES_256-3.bin']);
    const keys = files.map((f) => readFileSync(join(d, f)).toString('hex'));
    expect(files.map((f) => statSync(join(d, f)).mode & 0o777)).toEqual([0o600, 0o600, 0o600]);
    expect(keys.every((k) => k.length === 64)).toBe(true);
    expect(new Set(keys).size).toBe(3);
    // the key check value printed is the first 3 bytes of CMAC(key, zero block), as OpenSSL computes it
    for (const line of r.stdout.trimEnd().split('\n')) {
      const [file, kcv] = line.split('\t') as [string, string];
      const key = readFileSync(file).toString('hex');
      writeFileSync(join(d, 'zero-block'), Buffer.alloc(16));
      const mac = execFileSync('openssl', ['mac', '-cipher', 'AES-256-CBC', '-macopt', `hexkey:${key}`, '-in', join(d, 'zero-block'), 'CMAC']);
      expect(kcv).toBe(mac.toString().trim().slice(0, 6).toUpperCase());
    }
    const der = fresh('der');
    expect(cli(['generate', 'EC_P384', '--count', '2', '--format', 'pkcs8-der', '--out-dir', der]).status).toBe(0);
    for (const f of readdirSync(der)) {
      expect(f).toMatch(/^EC_P384-[12]\.der$/);
      execFileSync('openssl', ['pkey', '-inform', 'DER', '-in', join(der, f), '-check', '-noout'], { stdio: 'pipe' });
    }
  });
});

describe('generate --count as JSON lines', () => {
  it('one object per key: the key, its public key and identifier; keys distinct and valid', () => {
    const r = cli(['generate', 'RSA_2048', '--count', '3', '--concurrency', '2', '--json']);
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, any>);
    expect(lines.map((l) => l.n).sort()).toEqual([1, 2, 3]);
    expect(new Set(lines.map((l) => l.key)).size).toBe(3);
    for (const l of lines) {
      expect(Object.keys(l)).toEqual(['n', 'spec', 'usage', 'format', 'key', 'publicKey', 'spkiSha256']);
      expect(l).toMatchObject({ spec: 'RSA_2048', usage: 'SIGN_VERIFY', format: 'pkcs8-pem', publicKey: { format: 'spki-pem' } });
      const derived = opensslPublicOf(l.key + '\n', true);
      expect(l.publicKey.key + '\n').toBe(derived);
      expect(l.spkiSha256).toBe(spkiSha256(derived));
    }
  });

  it('a cloud name keeps the usage it implies, and a conflicting --usage is INVALID_USAGE', () => {
    const r = cli(['generate', 'ASYMMETRIC_DECRYPT_SM2', '--count', '2', '--json']);
    expect(r.status).toBe(0);
    for (const l of r.stdout.trimEnd().split('\n').map((x) => JSON.parse(x))) expect(l).toMatchObject({ spec: 'SM2', usage: 'ENCRYPT_DECRYPT' });
    const bad = cli(['generate', 'ASYMMETRIC_DECRYPT_SM2', '--count', '2', '--json', '--usage', 'SIGN_VERIFY']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^keysmith: error INVALID_USAGE: the spec name implies usage ENCRYPT_DECRYPT/);
  });

  it('--seed makes the same keys every run, the first being `generate --seed` alone', () => {
    const a = cli(['generate', 'EC_P256', '--count', '3', '--json', '--seed', 'batch seed']);
    const b = cli(['generate', 'EC_P256', '--count', '3', '--json', '--seed', 'batch seed']);
    expect(a.status).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const keys = a.stdout.trimEnd().split('\n').map((l) => JSON.parse(l).key as string);
    expect(new Set(keys).size).toBe(3);
    expect(cli(['generate', 'EC_P256', '--seed', 'batch seed']).stdout.trimEnd()).toBe(keys[0]);
  });
});

describe('generate --count refuses before any work', () => {
  const cases: Array<[string[], RegExp]> = [
    [['--count', '2'], /INVALID_ARGUMENT: --count: needs --out-dir <dir> .* or --json/],
    [['--count', '0', '--json'], /INVALID_ARGUMENT: --count: a whole number from 1 to 1000000, not "0"/],
    [['--count', 'ten', '--json'], /INVALID_ARGUMENT: --count: a whole number .*not "ten"/],
    [['--count', '2', '--json', '--out', 'k.pem'], /INVALID_ARGUMENT: --out: one file holds one key; with --count use --out-dir/],
    [['--concurrency', '2', '--json'], /INVALID_ARGUMENT: --concurrency: needs --count <n>/],
    [['--out-dir', '.'], /INVALID_ARGUMENT: --out-dir: needs --count <n>/],
    [['--count', '2', '--json', '--public-out-dir', '.'], /INVALID_ARGUMENT: --public-out-dir: needs --out-dir/],
    [['--count', '2', '--json', '--seed', 's', '--concurrency', '2'], /INVALID_ARGUMENT: --concurrency: a --seed stream cannot be split/],
    [['--count', '2', '--out-dir', '/no/such/dir'], /INVALID_ARGUMENT: --out-dir: \/no\/such\/dir does not exist \(ENOENT\)/],
  ];
  it.each(cases)('generate EC_P256 %j', (args, message) => {
    const r = cli(['generate', 'EC_P256', ...args], { cwd: dir });
    expect(r.stderr).toMatch(message);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
  });

  it('an existing file anywhere in the batch stops it before the first key; --force replaces, never through a link', () => {
    const d = fresh('exists');
    writeFileSync(join(d, 'EC_P256-3.pem'), 'old\n', { mode: 0o644 });
    const r = cli(['generate', 'EC_P256', '--count', '3', '--out-dir', d]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/INVALID_ARGUMENT: --out-dir: .*EC_P256-3\.pem already exists; add --force to replace it \(EEXIST\)/);
    expect(readdirSync(d)).toEqual(['EC_P256-3.pem']);
    expect(cli(['generate', 'EC_P256', '--count', '3', '--out-dir', d, '--force']).status).toBe(0);
    expect(readdirSync(d).sort()).toEqual(['EC_P256-1.pem', 'EC_P256-2.pem', 'EC_P256-3.pem']);
    expect(statSync(join(d, 'EC_P256-3.pem')).mode & 0o777).toBe(0o600);
    opensslPublicOf(readFileSync(join(d, 'EC_P256-3.pem'), 'utf8'), true);

    const pubDir = fresh('secret-public');
    const secret = cli(['generate', 'AES_256', '--count', '2', '--out-dir', pubDir, '--public-out-dir', pubDir]);
    expect(secret.status).toBe(2);
    expect(secret.stderr).toMatch(/--public-out-dir: AES_256 is a secret key; it has no public key/);
  });
});

function fakeIO(tty: boolean) {
  const out: string[] = [];
  const err: string[] = [];
  let interrupt: (() => void) | undefined;
  const io = {
    stdout: { write: (c: string | Uint8Array) => void out.push(String(c)), isTTY: false },
    stderr: { write: (c: string | Uint8Array) => void err.push(String(c)), isTTY: tty, columns: 100 },
    readStdin: async () => new Uint8Array(),
    onInterrupt: (l: () => void) => {
      interrupt = l;
      return () => {
        interrupt = undefined;
      };
    },
  };
  return { io, out, err, interrupt: () => interrupt?.() };
}

describe('progress and cancellation', () => {
  it('a progress bar on a terminal stderr (cli-progress), nothing but the summary otherwise', async () => {
    const { run } = await loadRun();
    const tty = fakeIO(true);
    expect(await run(['generate', 'EC_P256', '--count', '6', '--concurrency', '2', '--json'], tty.io)).toBe(0);
    const drawn = tty.err.join('');
    expect(drawn).toMatch(/generating EC_P256 \[[█░]+\] \d\/6 keys/);
    expect(drawn).toMatch(/6\/6 keys/);
    expect(drawn.endsWith('keysmith: generated 6 EC_P256 keys (SIGN_VERIFY)\n')).toBe(true);
    expect(tty.out).toHaveLength(6);

    const pipe = fakeIO(false);
    expect(await run(['generate', 'EC_P256', '--count', '6', '--concurrency', '2', '--json'], pipe.io)).toBe(0);
    expect(pipe.err.join('')).toBe('keysmith: generated 6 EC_P256 keys (SIGN_VERIFY)\n');
  });

  it('Ctrl-C through the IO seam stops the batch with status 130, every landed key written', async () => {
    const { run } = await loadRun();
    const t = fakeIO(false);
    const origWrite = t.io.stdout.write;
    let lines = 0;
    t.io.stdout.write = (c) => {
      origWrite(c);
      if (++lines === 2) t.interrupt();
    };
    const status = await run(['generate', 'EC_P256', '--count', '500', '--concurrency', '1', '--json'], t.io);
    expect(status).toBe(130);
    const written = t.out.length;
    expect(written).toBeGreaterThanOrEqual(2);
    expect(written).toBeLessThan(500);
    expect(t.err.join('')).toBe(`keysmith: cancelled: ${written} of 500 EC_P256 keys written\n`);
    for (const l of t.out) opensslPublicOf(JSON.parse(l).key + '\n', true);
  });

  it('a real SIGINT: the process exits 130 and the files written are whole, valid keys', async () => {
    const d = fresh('sigint');
    const child = spawn(process.execPath, [mainJs, 'generate', 'RSA_2048', '--count', '200', '--concurrency', '1', '--out-dir', d], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += String(c)));
    const deadline = Date.now() + 60_000;
    while (!readdirSync(d).some((f) => f.endsWith('.pem')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGINT');
    const status = await new Promise<number | null>((r) => child.on('close', (code) => r(code)));
    expect(status).toBe(130);
    const files = readdirSync(d).filter((f) => f.endsWith('.pem'));
    expect(files.length).toBeGreaterThanOrEqual(1);
    expect(files.length).toBeLessThan(200);
    expect(readdirSync(d).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(stderr).toBe(`keysmith: cancelled: ${files.length} of 200 RSA_2048 keys written to ${d}\n`);
    for (const f of files) opensslPublicOf(readFileSync(join(d, f), 'utf8'), true);
  });
});

describe('keysmith bench', () => {
  it('--quick --spec AES_256 prints the Markdown table: machine, header, keysmith and the reference', () => {
    const r = cli(['bench', '--quick', '--spec', 'AES_256']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Machine: .+, \d+ cores, .*Node v\d+.*\(quick run: few samples, not figures to quote\)$/);
    expect(lines[1]).toBe('');
    expect(lines[2]).toBe('| spec | backend | work per key | samples | mean ms | median ms | p95 ms | keys/s | time ÷ reference |');
    expect(lines[3]).toBe('| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
    const rows = lines.slice(4).map((l) => l.split('|').slice(1, -1).map((c) => c.trim()));
    expect(rows.map((c) => c[1])).toEqual(['**keysmith pure**', '**keysmith node**', 'crypto.getRandomValues']);
    for (const c of rows) {
      expect(c[0]).toBe('AES_256');
      expect(Number(c[3])).toBeGreaterThan(0);
      for (const i of [4, 5, 6, 7]) expect(Number(c[i])).toBeGreaterThan(0);
    }
    expect(rows[0]![8]).toMatch(/^[\d.]+×$/);
    expect(rows[1]![8]).toMatch(/^[\d.]+×$/);
    expect(rows[2]![8]).toBe('1 (reference)');
  });

  it('an unknown --spec is refused with the nearest names', () => {
    const r = cli(['bench', '--quick', '--spec', 'aes_265']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/UNKNOWN_SPEC: --spec: unknown key spec "aes_265"; did you mean AES_256/);
    expect(existsSync(join(dir, 'nothing'))).toBe(false);
  });
});
