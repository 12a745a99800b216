import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cli, cliScratchDir, loadRun, root } from './helpers/cli.js';
import type { KeyMaterialProvider } from '../src/provider/types.js';
import type { CliProviderTable } from '../src/cli/providers.js';

/**
 * `--provider NAME` on every command that creates or reads keys (issue 7), through the CLI's provider
 * table: the default `pure`, and test providers built on it (one that counts what it generates, one that
 * refuses RSA in `supports`, one that records `close()`). Then the issue 6 leftovers the CLI still had:
 * PEM with text before it (real `openssl pkcs12 -nodes` output) as every key input, and cloud spec names
 * that imply a usage.
 */
const dir = cliScratchDir('keysmith-cli-provider-');
const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });

/** A provider that is `base` except for `overrides` (methods bound to `base`, whose private fields they use). */
function derived(base: KeyMaterialProvider, overrides: Partial<Record<keyof KeyMaterialProvider, unknown>>): KeyMaterialProvider {
  return new Proxy(base, {
    get(target, p) {
      if (Object.hasOwn(overrides, p)) return overrides[p as keyof KeyMaterialProvider];
      const v = Reflect.get(target, p, target) as unknown;
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

async function setup() {
  const { run } = await loadRun();
  const { pureProvider: pure } = (await import(pathToFileURL(join(root, 'dist/provider/pure/provider.js')).href)) as typeof import('../src/provider/pure/provider.js');
  const stats = { generated: 0, closed: 0 };
  const counting = derived(pure, {
    name: 'counting',
    generateKeyPair: (...a: Parameters<KeyMaterialProvider['generateKeyPair']>) => {
      stats.generated++;
      return pure.generateKeyPair(...a);
    },
  });
  const narrow = derived(pure, { name: 'narrow', supports: (...a: Parameters<KeyMaterialProvider['supports']>) => a[0].family !== 'rsa' && pure.supports(...a) });
  const closing = derived(pure, { name: 'closing', close: async () => void stats.closed++ });
  const table: CliProviderTable = {
    pure: { description: 'pure', open: () => pure },
    counting: { description: 'counts', open: () => counting },
    narrow: { description: 'no RSA', open: () => narrow },
    closing: { description: 'records close', open: () => closing },
  };
  const call = async (args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const io = {
      stdout: { write: (c: string | Uint8Array) => void out.push(typeof c === 'string' ? c : Buffer.from(c).toString('base64')), isTTY: false },
      stderr: { write: (c: string | Uint8Array) => void err.push(String(c)), isTTY: false },
      readStdin: async () => new Uint8Array(),
    };
    const status = await run(args, io, { providers: table });
    return { status, stdout: out.join(''), stderr: err.join('') };
  };
  return { call, stats };
}

describe('--provider', () => {
  it('generate runs on the named provider: one key, and --count one after another on it', async () => {
    const { call, stats } = await setup();
    const one = await call(['generate', 'EC_P256', '--provider', 'counting', '--json']);
    expect(one.status).toBe(0);
    expect(stats.generated).toBe(1);
    execFileSync('openssl', ['pkey', '-check', '-noout'], { input: JSON.parse(one.stdout).key, stdio: 'pipe' });
    const many = await call(['generate', 'EC_P256', '--provider', 'counting', '--count', '3', '--json']);
    expect(many.status).toBe(0);
    expect(stats.generated).toBe(4);
    expect(new Set(many.stdout.trimEnd().split('\n').map((l) => JSON.parse(l).key)).size).toBe(3);
    const threads = await call(['generate', 'EC_P256', '--provider', 'counting', '--count', '3', '--concurrency', '2', '--json']);
    expect(threads.status).toBe(2);
    expect(threads.stderr).toBe('keysmith: error UNSUPPORTED: --concurrency: worker threads run the pure provider; --provider counting makes keys one after another\n');
    expect(stats.generated).toBe(4);
  });

  it('a provider that cannot do what was asked: the library\'s UNSUPPORTED, exit 2 (generate, inspect, wrap --key)', async () => {
    const { call } = await setup();
    const gen = await call(['generate', 'RSA_2048', '--provider', 'narrow']);
    expect(gen.status).toBe(2);
    expect(gen.stderr).toBe('keysmith: error UNSUPPORTED: narrow provider does not support generate for RSA_2048 SIGN_VERIFY keys\n');
    openssl('genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', 'rsa.pem');
    const ins = await call(['inspect', join(dir, 'rsa.pem'), '--provider', 'narrow']);
    expect(ins.status).toBe(2);
    expect(ins.stderr).toMatch(/^keysmith: error UNSUPPORTED: narrow provider does not support import for RSA_2048 \w+ keys\n$/);
    expect((await call(['inspect', join(dir, 'rsa.pem'), '--provider', 'pure'])).stdout).toMatch(/^spec: +RSA_2048$/m);
    // an EC key still reads on it: the refusal is about RSA, not about the provider
    openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', 'ec.pem');
    expect((await call(['inspect', join(dir, 'ec.pem'), '--provider', 'narrow'])).stdout).toMatch(/^spec: +EC_P256$/m);
    const wrap = await call(['wrap', '--algorithm', 'RSA_AES_KEY_WRAP_SHA_256', '--public-key', join(dir, 'ec.pem'), '--key', join(dir, 'rsa.pem'), '--provider', 'narrow']);
    expect(wrap.status).toBe(2);
    expect(wrap.stderr).toMatch(/^keysmith: error UNSUPPORTED: narrow provider does not support import for RSA_2048/);
  });

  it('an unknown name gets the nearest names and the list; the provider is closed after the command', async () => {
    const { call, stats } = await setup();
    const typo = await call(['generate', 'EC_P256', '--provider', 'narow']);
    expect(typo.status).toBe(2);
    expect(typo.stderr).toBe('keysmith: error INVALID_ARGUMENT: --provider: unknown provider "narow"; did you mean narrow? (known: pure, counting, narrow, closing)\n');
    openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-384', '-out', 'ec384.pem');
    expect((await call(['inspect', join(dir, 'ec384.pem'), '--provider', 'closing'])).status).toBe(0);
    expect(stats.closed).toBe(1);
    expect((await call(['generate', 'AES_256', '--provider', 'closing'])).status).toBe(0);
    expect(stats.closed).toBe(2);
  });

  it('the built CLI: --provider pure everywhere, unknown names listed, in --help', () => {
    const r = cli(['generate', 'EC_P256', '--provider', 'openssl']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^keysmith: error INVALID_ARGUMENT: --provider: unknown provider "openssl" \(known: pure[,)]/);
    expect(cli(['generate', 'EC_P256', '--provider', 'pure', '--out', join(dir, 'p.pem')]).status).toBe(0);
    expect(cli(['inspect', join(dir, 'p.pem'), '--provider', 'pure']).status).toBe(0);
    expect(cli(['import-params', '--for', 'aws', '--provider', 'pure', '--private-out', join(dir, 'ip.pem')]).status).toBe(0);
    for (const c of ['generate', 'inspect', 'unwrap']) expect(cli([c, '--help']).stdout).toMatch(/--provider <name> +key backend: pure \(/);
  });

  it('the built CLI on node: OpenSSL makes the key, OpenSSL checks it; SM2 is UNSUPPORTED there; pkcs11 needs its environment', () => {
    const k = join(dir, 'node-p256.pem');
    expect(cli(['generate', 'EC_P256', '--provider', 'node', '--out', k]).status).toBe(0);
    openssl('pkey', '-in', k, '-noout', '-check');
    const sm2 = cli(['generate', 'SM2', '--provider', 'node']);
    expect(sm2.status).toBe(2);
    expect(sm2.stderr).toMatch(/^keysmith: error UNSUPPORTED: node provider/m);
    const p11 = cli(['generate', 'AES_256', '--provider', 'pkcs11']); // the test environment sets no KEYSMITH_PKCS11_*
    expect(p11.status).toBe(2);
    expect(p11.stderr).toMatch(/KEYSMITH_PKCS11_LIBRARY/);
  });
});

describe('PEM with text before the key, as every CLI key input (RFC 7468 §2)', () => {
  it('inspect, wrap --key and unwrap --private-key read `openssl pkcs12 -nodes` output', () => {
    const dump = (key: string, out: string) => {
      openssl('req', '-new', '-x509', '-key', key, '-subj', '/CN=keysmith', '-days', '2', '-out', `${key}.crt`);
      openssl('pkcs12', '-export', '-inkey', key, '-in', `${key}.crt`, '-passout', 'pass:x', '-out', `${key}.p12`);
      openssl('pkcs12', '-in', `${key}.p12`, '-nodes', '-passin', 'pass:x', '-out', out);
      expect(readFileSync(join(dir, out), 'utf8')).toMatch(/^Bag Attributes/);
    };
    openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', 'bag-ec.pem');
    dump('bag-ec.pem', 'bag-ec.dump');
    openssl('genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:3072', '-out', 'wrap.pem');
    openssl('pkey', '-in', 'wrap.pem', '-pubout', '-out', 'wrap.pub');
    dump('wrap.pem', 'wrap.dump');
    const fingerprint = createHash('sha256').update(openssl('pkey', '-in', 'bag-ec.pem', '-pubout', '-outform', 'DER')).digest('hex');

    const ins = cli(['inspect', join(dir, 'bag-ec.dump'), '--json']);
    expect(ins.stderr).toBe('');
    expect(JSON.parse(ins.stdout)).toMatchObject({ spec: 'EC_P256', type: 'private', spkiSha256: fingerprint });

    const w = cli(['wrap', '--algorithm', 'RSA_AES_KEY_WRAP_SHA_256', '--public-key', join(dir, 'wrap.pub'), '--key', join(dir, 'bag-ec.dump'), '--json']);
    expect(w.stderr).toBe('');
    const blob = JSON.parse(w.stdout).encryptedKeyMaterial as string;
    const u = cli(['unwrap', '--algorithm', 'RSA_AES_KEY_WRAP_SHA_256', '--private-key', join(dir, 'wrap.dump'), '--spec', 'EC_P256', '--json', blob]);
    expect(u.stderr).toBe('');
    expect(JSON.parse(u.stdout)).toMatchObject({ spec: 'EC_P256', spkiSha256: fingerprint });

    // still refused: two different keys in one text
    writeFileSync(join(dir, 'two.pem'), readFileSync(join(dir, 'bag-ec.dump'), 'utf8') + readFileSync(join(dir, 'wrap.pem'), 'utf8'));
    const two = cli(['inspect', join(dir, 'two.pem')]);
    expect(two.status).toBe(2);
    expect(two.stderr).toMatch(/INVALID_FORMAT: .*more than one key/);
  });
});

describe('cloud spec names that imply a usage, wherever the CLI takes a spec', () => {
  it('generate, wrap --key --spec and unwrap --spec keep ASYMMETRIC_DECRYPT_SM2\'s ENCRYPT_DECRYPT; a conflicting --usage is refused', () => {
    const g = cli(['generate', 'ASYMMETRIC_DECRYPT_SM2', '--json', '--seed', 'implied']);
    expect(JSON.parse(g.stdout)).toMatchObject({ spec: 'SM2', usage: 'ENCRYPT_DECRYPT' });
    expect(cli(['generate', 'ASYMMETRIC_DECRYPT_SM2', '--usage', 'SIGN_VERIFY']).stderr).toMatch(/^keysmith: error INVALID_USAGE: the spec name implies usage ENCRYPT_DECRYPT; usage SIGN_VERIFY conflicts with it\n$/);

    writeFileSync(join(dir, 'sm2.pem'), JSON.parse(g.stdout).key + '\n');
    if (!readFileSync(join(dir, 'wrap.pub'), 'utf8')) throw new Error('needs the wrapping key of the test above');
    const wrapArgs = ['wrap', '--algorithm', 'RSA_AES_KEY_WRAP_SHA_256', '--public-key', join(dir, 'wrap.pub'), '--key', join(dir, 'sm2.pem'), '--spec', 'ASYMMETRIC_DECRYPT_SM2'];
    const conflict = cli([...wrapArgs, '--usage', 'SIGN_VERIFY']);
    expect(conflict.status).toBe(2);
    expect(conflict.stderr).toMatch(/INVALID_USAGE: the spec name implies usage ENCRYPT_DECRYPT/);
    const w = cli([...wrapArgs, '--json']);
    expect(w.status).toBe(0);
    const u = cli(['unwrap', '--algorithm', 'RSA_AES_KEY_WRAP_SHA_256', '--private-key', join(dir, 'wrap.pem'), '--spec', 'ASYMMETRIC_DECRYPT_SM2', JSON.parse(w.stdout).encryptedKeyMaterial]);
    expect(u.stdout).toMatch(/^Unwrapped: SM2 \(ENCRYPT_DECRYPT\)\n/);
    const uc = cli(['unwrap', '--algorithm', 'RSA_AES_KEY_WRAP_SHA_256', '--private-key', join(dir, 'wrap.pem'), '--spec', 'ASYMMETRIC_DECRYPT_SM2', '--usage', 'SIGN_VERIFY', JSON.parse(w.stdout).encryptedKeyMaterial]);
    expect(uc.stderr).toMatch(/INVALID_USAGE: the spec name implies usage ENCRYPT_DECRYPT/);
  });
});
