import { describe, expect, it } from 'vitest';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, cliBytes, cliScratchDir, mainJs, root, zeroBlockCmacKcv } from './helpers/cli.js';

const dir = cliScratchDir('keysmith-cli-explains-');

function expectError(r: { status: number | null; stderr: string }, code: string, message: RegExp): void {
  expect(r.status, r.stderr).toBe(2);
  expect(r.stderr).toMatch(new RegExp(`^keysmith: error ${code}: `, 'm'));
  expect(r.stderr).toMatch(message);
}

describe('inspect says why', () => {
  it('names curves and sizes, not OIDs, when a key is given as another spec', () => {
    const p256 = join(dir, 'p256.pem');
    expect(cli(['generate', 'EC_P256', '--seed', 'inspect', '--out', p256]).status).toBe(0);
    const r = cli(['inspect', p256, '--spec', 'EC_P384']);
    expectError(r, 'INVALID_KEY', /p256\.pem: P-256 key given as EC_P384/);
    expect(r.stderr).not.toMatch(/1\.2\.840|1\.3\.132/);
    const rsa = join(dir, 'rsa.der');
    expect(cli(['generate', 'RSA_2048', '--seed', 'inspect', '--format', 'pkcs8-der', '--out', rsa]).status).toBe(0);
    expect(cli(['inspect', rsa, '--spec', 'EC_P256']).stderr).toMatch(/RSA-2048 key given as EC_P256/);
    const sm2 = cli(['inspect', p256, '--spec', 'SM2']);
    expect(sm2.stderr).toMatch(/P-256 key given as SM2/);
  });

  it('gives the library\'s specific reason, with curve names, for keys it cannot read', () => {
    // (P-521 was the example until EC_P521 joined the registry; it now reads as EC_P521)
    const p521 = join(dir, 'p521.pem');
    execFileSync('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-521', '-out', p521], { stdio: 'ignore' });
    expect(cli(['inspect', p521]).stdout).toMatch(/spec:\s+EC_P521/);
    const bp = join(dir, 'bp256.pem');
    execFileSync('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:brainpoolP256r1', '-out', bp], { stdio: 'ignore' });
    const r = cli(['inspect', bp]);
    expectError(r, 'INVALID_KEY', /bp256\.pem: not a key keysmith reads: .*brainpoolP256r1/);
    expect(r.stderr).not.toMatch(/1\.3\.36\.3\.3\.2\.8\.1\.1\.7|not a key of an accepted spec/);
    const junk = join(dir, 'junk.pem');
    writeFileSync(junk, '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n');
    expectError(cli(['inspect', junk]), 'INVALID_FORMAT', /junk\.pem: not a key keysmith reads: PKCS#8: /);
  });

  it('hints --spec for raw key bytes', () => {
    const raw = join(dir, 'aes.bin');
    expect(cli(['generate', 'AES_256', '--out', raw]).status).toBe(0);
    expectError(cli(['inspect', raw]), 'INVALID_FORMAT', /aes\.bin: .*raw key bytes carry no spec: give --spec/);
    expect(cli(['inspect', raw, '--spec', 'AES_256']).stdout).toMatch(/spec:\s+AES_256/);
  });

  it('prints the key\'s own public exponent, not the spec\'s', () => {
    const e3 = join(dir, 'e3.pem');
    execFileSync('openssl', ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-pkeyopt', 'rsa_keygen_pubexp:3', '-out', e3], { stdio: 'ignore' });
    const r = cli(['inspect', e3]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^publicExponent:\s+3$/m);
    expect(r.stdout).toMatch(/^description:\s+RSA key pair, 2048-bit modulus, e = 3$/m);
    expect(r.stdout).not.toContain('65537');
    expect(JSON.parse(cli(['inspect', e3, '--json']).stdout)).toMatchObject({ spec: 'RSA_2048', publicExponent: 3 });
    const usual = join(dir, 'rsa.der');
    expect(JSON.parse(cli(['inspect', usual, '--json']).stdout).publicExponent).toBe(65537);
  });
});

describe('pipes and standard input', () => {
  it('a closed stdout ends quietly with status 0', async () => {
    const child = spawn(process.execPath, [mainJs, 'specs', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy(); // the reader is gone before the first write: EPIPE
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const status = await new Promise<number | null>((res) => child.on('close', (s) => res(s)));
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const head = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${mainJs}" specs --json | head -c 1`], { encoding: 'utf8' });
    expect(head.stderr).toBe('');
    expect(head.status).toBe(0);
    expect(head.stdout).toBe('[');
  });

  it('- reads standard input for every key input; empty input says so', () => {
    const pem = cli(['generate', 'EC_P256', '--seed', 'stdin']).stdout;
    expect(cli(['inspect', '-'], { input: pem }).stdout).toMatch(/spec:\s+EC_P256/);
    expectError(cli(['inspect', '-'], { input: '' }), 'INVALID_FORMAT', /inspect -: empty input/);
    const empty = join(dir, 'empty.pem');
    writeFileSync(empty, '\n');
    expectError(cli(['inspect', empty]), 'INVALID_FORMAT', /empty input/);

    const wrapPriv = join(dir, 'stdin-wrapping.pem');
    const p = cli(['import-params', '--for', 'huawei', '--algorithm', 'RSAES_OAEP_SHA_256', '--private-out', wrapPriv]);
    const pub = /^PublicKey: (.+)$/m.exec(p.stdout)![1]!;
    const aes = Buffer.alloc(32, 7);
    const w = cli(['wrap', '--for', 'huawei', '--algorithm', 'RSAES_OAEP_SHA_256', '--public-key', pub, '--key', '-'], { input: aes });
    expect(w.status, w.stderr).toBe(0);
    expect(w.stdout).toContain(`KeyCheckValue: ${zeroBlockCmacKcv('aes', aes)}`);
    const ekm = /^EncryptedKeyMaterial: (.+)$/m.exec(w.stdout)![1]!;
    const u1 = cli(['unwrap', '--for', 'huawei', '--algorithm', 'RSAES_OAEP_SHA_256', '--private-key', wrapPriv, '--spec', 'AES_256', '-'], { input: ekm + '\n' });
    expect(u1.status, u1.stderr).toBe(0);
    expect(u1.stdout).toContain(`KeyCheckValue: ${zeroBlockCmacKcv('aes', aes)}`);
    const u2 = cli(['unwrap', '--for', 'huawei', '--algorithm', 'RSAES_OAEP_SHA_256', '--private-key', '-', '--spec', 'AES_256', ekm], { input: readFileSync(wrapPriv) });
    expect(u2.status, u2.stderr).toBe(0);
    expectError(cli(['unwrap', '--for', 'huawei', '--algorithm', 'RSAES_OAEP_SHA_256', '--private-key', '-', '--spec', 'AES_256', '-'], { input: ekm }), 'INVALID_ARGUMENT', /only one input can be -/);
    expectError(cli(['wrap', '--for', 'huawei', '--algorithm', 'RSAES_OAEP_SHA_256', '--public-key', pub, '--key', '-'], { input: '' }), 'INVALID_FORMAT', /--key: empty input/);
  });

  it('DER to a pipe is bytes; --base64 makes it text', () => {
    const args = ['generate', 'EC_P384', '--seed', 'der', '--format', 'pkcs8-der'];
    const der = cliBytes(args).stdout;
    const file = join(dir, 'p384.der');
    expect(cli([...args, '--out', file]).status).toBe(0);
    expect(der.equals(readFileSync(file))).toBe(true);
    expect(execFileSync('openssl', ['pkey', '-inform', 'DER', '-noout', '-text'], { input: der }).toString()).toMatch(/NIST CURVE: P-384/);
    const b64 = cli([...args, '--base64']);
    expect(Buffer.from(b64.stdout.trim(), 'base64').equals(der)).toBe(true);
    expectError(cli(['generate', 'EC_P256', '--base64']), 'INVALID_ARGUMENT', /--base64: pkcs8-pem is already text/);
  });
});

describe('arguments', () => {
  it('--version prints the package version', () => {
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    for (const flag of ['--version', '-V']) {
      const r = cli([flag]);
      expect(r.status).toBe(0);
      expect(r.stdout.trim()).toBe(version);
    }
  });

  it('a misspelled spec suggests the nearest names and `keysmith specs`', () => {
    expectError(cli(['generate', 'rsa_2048']), 'UNKNOWN_SPEC', /unknown key spec "rsa_2048"; did you mean RSA_2048\?.*keysmith specs/);
    expectError(cli(['generate', 'EC_P265']), 'UNKNOWN_SPEC', /did you mean EC_P256/);
    expectError(cli(['inspect', '-', '--spec', 'ecc_nist_p384'], { input: 'x' }), 'UNKNOWN_SPEC', /--spec: .*did you mean ECC_NIST_P384/);
    expectError(cli(['generate', 'TOTALLY_DIFFERENT']), 'UNKNOWN_SPEC', /unknown key spec "TOTALLY_DIFFERENT" \(`keysmith specs` lists them all\)/);
  });

  it('an unknown format repeats the value given', () => {
    expectError(cli(['generate', 'EC_P256', '--format', 'pkcs8']), 'INVALID_ARGUMENT', /--format: unknown format "pkcs8"; known: raw, /);
    expectError(cli(['generate', 'EC_P256', '--public-out', join(dir, 'x.pub'), '--public-format', 'spki']), 'INVALID_ARGUMENT', /--public-format: unknown format "spki"/);
  });

  it('--public-format without --public-out is an error; a public-only --format warns that the private key is discarded', () => {
    expectError(cli(['generate', 'EC_P256', '--public-format', 'spki-der']), 'INVALID_ARGUMENT', /--public-format: needs --public-out/);
    const j = cli(['generate', 'EC_P256', '--public-format', 'jwk-public', '--json']);
    expect(j.status).toBe(0);
    expect(JSON.parse(j.stdout).publicKey.key).toMatchObject({ kty: 'EC', crv: 'P-256' });
    const pub = cli(['generate', 'EC_P256', '--format', 'spki-pem']);
    expect(pub.status).toBe(0);
    expect(pub.stdout).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(pub.stderr).toMatch(/warning: --format spki-pem holds only the public key; the private key is discarded/);
    expect(cli(['generate', 'EC_P256', '--format', 'sec1-pem']).stderr).not.toMatch(/warning/);
  });

  it('generate AES_256 prints its key check value on stderr, as key pairs print the SPKI fingerprint', () => {
    const file = join(dir, 'kcv.bin');
    const r = cli(['generate', 'AES_256', '--out', file]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(`generated AES_256 (ENCRYPT_DECRYPT), key check value ${zeroBlockCmacKcv('aes', readFileSync(file))}`);
    const j = cli(['generate', 'AES_256', '--json']);
    const parsed = JSON.parse(j.stdout);
    expect(parsed.keyCheckValue).toBe(zeroBlockCmacKcv('aes', Buffer.from(parsed.key, 'base64')));
    expect(j.stderr).toContain(`key check value ${parsed.keyCheckValue}`);
  });
});
