import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, cliScratchDir, zeroBlockCmacKcv } from './helpers/cli.js';
import { createHash } from 'node:crypto';

const dir = cliScratchDir('keysmith-cli-');

describe('keysmith CLI', () => {
  it('specs lists the registry with cloud names', () => {
    const r = cli(['specs']);
    expect(r.status).toBe(0);
    for (const s of ['AES_256', 'SM4', 'RSA_4096', 'EC_P256K', 'SM2', 'aliyun:EC_SM2', 'aws:ECC_NIST_P256', 'tencent:ASYMMETRIC_DECRYPT_SM2(ENCRYPT_DECRYPT)']) expect(r.stdout).toContain(s);
    const j = JSON.parse(cli(['specs', '--json']).stdout);
    expect(j.map((s: { name: string }) => s.name)).toContain('EC_P384');
  });

  it('generate writes a PKCS#8 key OpenSSL accepts, with mode 0600, and inspect names it without the secret', () => {
    const key = join(dir, 'sm2.pem');
    const pub = join(dir, 'sm2.pub.pem');
    const g = cli(['generate', 'EC_SM2', '--usage', 'ENCRYPT_DECRYPT', '--out', key, '--public-out', pub]);
    expect(g.status).toBe(0);
    expect(statSync(key).mode & 0o777).toBe(0o600);
    expect(execFileSync('openssl', ['pkey', '-in', key, '-check', '-noout']).toString()).toMatch(/valid/i);
    const spki = execFileSync('openssl', ['pkey', '-in', key, '-pubout', '-outform', 'DER']);
    const fp = createHash('sha256').update(spki).digest('hex');
    expect(g.stderr).toContain(fp);
    const i = cli(['inspect', key]);
    expect(i.status).toBe(0);
    expect(i.stdout).toMatch(/spec:\s+SM2/);
    expect(i.stdout).toContain(fp);
    const raw = execFileSync('openssl', ['pkey', '-in', key, '-text', '-noout']).toString();
    const privHex = /priv:\n([\s\S]*?)pub:/.exec(raw)![1]!.replace(/[\s:]/g, '');
    expect(i.stdout.replace(/\s/g, '')).not.toContain(privHex);
    const ip = JSON.parse(cli(['inspect', pub, '--json']).stdout);
    expect(ip).toMatchObject({ spec: 'SM2', type: 'public', bits: 256, spkiSha256: fp });
  });

  it('generate --seed is reproducible and warns; formats and JSON output', () => {
    const a = cli(['generate', 'EC_P256K', '--seed', 'cli fixture', '--format', 'jwk']);
    const b = cli(['generate', 'EC_P256K', '--seed', 'cli fixture', '--format', 'jwk']);
    expect(a.status).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(JSON.parse(a.stdout)).toMatchObject({ kty: 'EC', crv: 'secp256k1' });
    expect(a.stderr).toMatch(/warning: --seed/);
    const j = JSON.parse(cli(['generate', 'RSA_2048', '--json']).stdout);
    expect(j).toMatchObject({ spec: 'RSA_2048', usage: 'SIGN_VERIFY', format: 'pkcs8-pem' });
    expect(j.key).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(j.publicKey.key).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(j.spkiSha256).toMatch(/^[0-9a-f]{64}$/);
    const aes = cli(['generate', 'AES_256']);
    expect(Buffer.from(aes.stdout.trim(), 'base64').length).toBe(32);
  });

  it('inspect gives a key its size as people quote it (P-521: 521 bits; ML-KEM: a parameter set) and names OIDs', () => {
    const p521 = join(dir, 'p521.pem');
    const kem = join(dir, 'kem.pem');
    const ed = join(dir, 'ed.pem');
    expect(cli(['generate', 'EC_P521', '--out', p521]).status).toBe(0);
    expect(cli(['generate', 'ML_KEM_768', '--out', kem]).status).toBe(0);
    expect(cli(['generate', 'ED25519', '--out', ed]).status).toBe(0);
    expect(cli(['inspect', p521]).stdout).toMatch(/^bits:\s+521$/m);
    const info = JSON.parse(cli(['inspect', '--json', kem]).stdout) as Record<string, unknown>;
    expect(info.parameterSet).toBe('ML-KEM-768');
    expect(info).not.toHaveProperty('bits');
    const wrong = cli(['inspect', '--spec', 'EC_P256', ed]);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('Ed25519 key given as EC_P256');
    expect(wrong.stderr).not.toContain('1.3.101.112');
    expect(cli(['inspect', '--spec', 'ML_DSA_44', kem]).stderr).toContain('ML-KEM-768 key given as ML_DSA_44');
  });

  it('inspect reads DER, SEC 1, PKCS#1 and, with --spec, raw keys', () => {
    const der = join(dir, 'k.der');
    expect(cli(['generate', 'EC_P384', '--format', 'sec1-der', '--out', der]).status).toBe(0);
    expect(cli(['inspect', der]).stdout).toMatch(/spec:\s+EC_P384/);
    const p1 = join(dir, 'k1.pem');
    expect(cli(['generate', 'RSA_2048', '--format', 'pkcs1-pem', '--out', p1]).status).toBe(0);
    expect(cli(['inspect', p1]).stdout).toMatch(/bits:\s+2048/);
    const raw = join(dir, 'sm4.bin');
    expect(cli(['generate', 'SM4', '--out', raw]).status).toBe(0);
    expect(readFileSync(raw).length).toBe(16);
    const ins = cli(['inspect', raw, '--spec', 'SM4']);
    expect(ins.stdout).toMatch(/spec:\s+SM4/);
    // key check value: first 3 bytes of SM4-CMAC(key, 0^128), computed independently with node's sm4-ecb
    expect(ins.stdout).toMatch(new RegExp(`keyCheckValue:\\s+${zeroBlockCmacKcv('sm4', readFileSync(raw))}`));
    const noSpec = cli(['inspect', raw]);
    expect(noSpec.status).toBe(2);
    expect(noSpec.stderr).toMatch(/error INVALID_FORMAT/);
  });

  it('bad input exits non-zero with a clear code', () => {
    const cases: [string[], RegExp][] = [
      [['generate', 'RSA_1024'], /error UNKNOWN_SPEC/],
      [['generate', 'EC_P256', '--usage', 'ENCRYPT_DECRYPT'], /error INVALID_USAGE/],
      [['generate', 'SM2', '--format', 'jwk'], /error UNSUPPORTED/],
      [['generate', 'AES_256', '--format', 'spki-pem'], /error UNSUPPORTED/],
      [['generate', 'AES_256', '--format', 'nope'], /error INVALID_ARGUMENT/],
      [['inspect', join(dir, 'missing.pem')], /error INVALID_ARGUMENT/],
    ];
    for (const [args, err] of cases) {
      const r = cli(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(err);
    }
    const junk = join(dir, 'junk.pem');
    writeFileSync(junk, '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n');
    expect(cli(['inspect', junk]).stderr).toMatch(/error INVALID_FORMAT/);
    const usage = cli(['generate']);
    expect(usage.status).toBe(1);
    expect(usage.stderr).toMatch(/missing required argument/);
  });
});
