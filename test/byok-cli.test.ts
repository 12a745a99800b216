import { describe, expect, it } from 'vitest';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, cliScratchDir } from './helpers/cli.js';
import { createCipheriv, generateKeyPairSync, publicEncrypt, constants, randomBytes } from 'node:crypto';

function field(out: string, name: string): string {
  const m = new RegExp(`^${name}: (.+)$`, 'm').exec(out);
  if (!m) throw new Error(`no ${name} in output:\n${out}`);
  return m[1]!;
}

const dir = cliScratchDir('keysmith-byok-cli-');

describe('keysmith wrap / unwrap / import-params: the README round trips', () => {
  const flows = [
    ['aliyun', 'RSAES_OAEP_SHA_256', 'Aliyun_AES_256'],
    ['tencent', 'SM2', 'SM4'],
    ['huawei', 'RSAES_OAEP_SHA_256', 'AES_256'],
    ['aws', 'RSA_AES_KEY_WRAP_SHA_256', 'ECC_NIST_P256'],
  ] as const;
  for (const [cloud, alg, spec] of flows) {
    it(`${cloud} ${alg} ${spec}`, () => {
      const wrapPriv = join(dir, `${cloud}-wrapping.pem`);
      const keyOut = join(dir, `${cloud}-key`);
      const p = cli(['import-params', '--for', cloud, '--algorithm', alg, '--private-out', wrapPriv]);
      expect(p.status, p.stderr).toBe(0);
      expect((statSync(wrapPriv).mode & 0o777).toString(8)).toBe('600');
      const publicKey = field(p.stdout, 'PublicKey');
      const w = cli(['wrap', '--for', cloud, '--algorithm', alg, '--public-key', publicKey, '--spec', spec, '--key-out', keyOut]);
      expect(w.status, w.stderr).toBe(0);
      const ekm = field(w.stdout, 'EncryptedKeyMaterial');
      const id = /KeyCheckValue|SpkiSha256/.exec(w.stdout)![0];
      const u = cli(['unwrap', '--for', cloud, '--algorithm', alg, '--private-key', wrapPriv, '--spec', spec, ekm]);
      expect(u.status, u.stderr).toBe(0);
      expect(field(u.stdout, id)).toBe(field(w.stdout, id));
      // the emulator insists on the announced value
      const bad = cli(['unwrap', '--for', cloud, '--algorithm', alg, '--private-key', wrapPriv, '--spec', spec, '--expect', '000000', ekm]);
      expect(bad.status).toBe(2);
      expect(bad.stderr).toContain('UNWRAP_FAILED');
    });
  }

  it('--key wraps existing material; --json is machine-readable; a wrong algorithm exits non-zero', () => {
    // the wrapping key comes from node; the key to import is raw AES bytes in a file
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pubB64 = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    writeFileSync(join(dir, 'wrap.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const aes = randomBytes(32);
    writeFileSync(join(dir, 'aes.bin'), aes);
    const w = cli(['wrap', '--for', 'tencent', '--algorithm', 'RSAES_OAEP_SHA_1', '--public-key', pubB64, '--key', join(dir, 'aes.bin'), '--json']);
    expect(w.status, w.stderr).toBe(0);
    const j = JSON.parse(w.stdout);
    expect(j).toMatchObject({ dialect: 'tencent', algorithm: 'RSAES_OAEP_SHA_1', spec: 'AES_256' });
    expect(j.keyCheckValue).toMatch(/^[0-9A-F]{6}$/);
    writeFileSync(join(dir, 'ekm.txt'), j.encryptedKeyMaterial + '\n');
    const u = cli(['unwrap', '--for', 'tencent', '--algorithm', 'RSAES_OAEP_SHA_1', '--private-key', join(dir, 'wrap.pem'), '--spec', 'AES_256', '--out', join(dir, 'aes.out'), '--json', join(dir, 'ekm.txt')]);
    expect(u.status, u.stderr).toBe(0);
    expect(JSON.parse(u.stdout).keyCheckValue).toBe(j.keyCheckValue);
    expect(readFileSync(join(dir, 'aes.out')).equals(aes)).toBe(true);
    const wrong = cli(['unwrap', '--for', 'tencent', '--algorithm', 'RSAES_OAEP_SHA_256', '--private-key', join(dir, 'wrap.pem'), '--spec', 'AES_256', join(dir, 'ekm.txt')]);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/error UNWRAP_FAILED/);
    expect(wrong.stdout).toBe('');
  });

  it('generic mode (no --for) opens a blob made by node: RSA_AES_KEY_WRAP_SHA_256', () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 3072 });
    writeFileSync(join(dir, 'k3072.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const sm4 = randomBytes(16);
    const eph = randomBytes(32);
    const c = createCipheriv('id-aes256-wrap-pad', eph, Buffer.from('A65959A6', 'hex'));
    const blob = Buffer.concat([publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, eph), c.update(sm4), c.final()]);
    const u = cli(['unwrap', '--algorithm', 'RSA_AES_KEY_WRAP_SHA_256', '--private-key', join(dir, 'k3072.pem'), '--spec', 'SM4', '--out', join(dir, 'sm4.out'), blob.toString('base64')]);
    expect(u.status, u.stderr).toBe(0);
    expect(readFileSync(join(dir, 'sm4.out')).equals(sm4)).toBe(true);
  });

  it('clear errors: unknown dialect, missing --spec/--key, bad public key', () => {
    const r1 = cli(['wrap', '--for', 'azure', '--algorithm', 'X', '--public-key', 'AAAA', '--spec', 'AES_256']);
    expect(r1.status).toBe(2);
    expect(r1.stderr).toContain('INVALID_ARGUMENT');
    const r2 = cli(['wrap', '--for', 'aws', '--algorithm', 'RSAES_OAEP_SHA_256', '--public-key', 'AAAA']);
    expect(r2.status).toBe(2);
    expect(r2.stderr).toContain('INVALID_ARGUMENT');
    const r3 = cli(['wrap', '--for', 'aws', '--algorithm', 'RSAES_OAEP_SHA_256', '--public-key', 'AAAA', '--spec', 'AES_256']);
    expect(r3.status).toBe(2);
    expect(r3.stderr).toMatch(/INVALID_(FORMAT|KEY)/);
  });
});
