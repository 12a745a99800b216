import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKey } from '../src/core/generate.js';
import { exportKey } from '../src/core/export.js';
import { KeyPair } from '../src/core/key.js';
import { sign, verify } from '../src/ops/sign.js';
import { decrypt, encrypt } from '../src/ops/encrypt.js';
import { keyIdentifier } from '../src/wrap/identify.js';
import { utf8 } from '../src/bytes.js';
import { nodeCryptoProvider } from '../src/node/index.js';

/** Keys made by the node provider, checked by the openssl CLI in both directions. */
const node = nodeCryptoProvider();
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'keysmith-nodeprov-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const openssl = (args: string[], input?: Uint8Array) => new Uint8Array(execFileSync('openssl', args, { input, stdio: ['pipe', 'pipe', 'pipe'] }));
const file = (name: string, data: Uint8Array | string) => {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
};
const message = utf8('checked by the openssl CLI');

describe('node provider keys against the openssl CLI', () => {
  it('EC_P256, EC_P256K, EC_P384: same SPKI, ECDSA DER signatures verify both ways', async () => {
    for (const [name, digest] of [['EC_P256', 'sha256'], ['EC_P256K', 'sha256'], ['EC_P384', 'sha384']] as const) {
      const pair = (await generateKey(name, { provider: node })) as KeyPair;
      const key = file(`${name}.pem`, (await exportKey(pair, 'pkcs8-pem')) as string);
      const pub = file(`${name}.pub.pem`, (await exportKey(pair, 'spki-pem')) as string);
      expect(openssl(['pkey', '-in', key, '-pubout', '-outform', 'DER'])).toEqual(await exportKey(pair, 'spki-der'));
      const m = file(`${name}.msg`, message);
      const sig = file(`${name}.sig`, await sign(pair, message));
      expect(Buffer.from(openssl(['dgst', `-${digest}`, '-verify', pub, '-signature', sig, m])).toString(), name).toMatch(/Verified OK/);
      expect(await verify(pair, message, openssl(['dgst', `-${digest}`, '-sign', key, m])), name).toBe(true);
    }
  });

  it('RSA_2048: PSS (salt = digest length) and PKCS#1 v1.5 both ways; OAEP-SHA-256 and SHA-1 from pkeyutl decrypt', async () => {
    const pair = (await generateKey('RSA_2048', { provider: node })) as KeyPair;
    const key = file('rsa.pem', (await exportKey(pair, 'pkcs8-pem')) as string);
    const pub = file('rsa.pub.pem', (await exportKey(pair, 'spki-pem')) as string);
    const m = file('rsa.msg', message);
    const pss = ['-sigopt', 'rsa_padding_mode:pss', '-sigopt', 'rsa_pss_saltlen:digest', '-sigopt', 'rsa_mgf1_md:sha384'];
    const sig = file('rsa-pss.sig', await sign(pair, message, { algorithm: 'RSASSA_PSS_SHA_384' }));
    expect(Buffer.from(openssl(['dgst', '-sha384', ...pss, '-verify', pub, '-signature', sig, m])).toString()).toMatch(/Verified OK/);
    expect(await verify(pair, message, openssl(['dgst', '-sha384', ...pss, '-sign', key, m]), { algorithm: 'RSASSA_PSS_SHA_384' })).toBe(true);
    const p1 = file('rsa-p1.sig', await sign(pair, message));
    expect(Buffer.from(openssl(['dgst', '-sha256', '-verify', pub, '-signature', p1, m])).toString()).toMatch(/Verified OK/);

    const enc = (await generateKey('RSA_2048', { usage: 'ENCRYPT_DECRYPT', provider: node })) as KeyPair;
    const ekey = file('rsa-enc.pem', (await exportKey(enc, 'pkcs8-pem')) as string);
    const epub = file('rsa-enc.pub.pem', (await exportKey(enc, 'spki-pem')) as string);
    for (const [algorithm, md] of [['RSAES_OAEP_SHA_256', 'sha256'], ['RSAES_OAEP_SHA_1', 'sha1']] as const) {
      const oaep = ['-pkeyopt', 'rsa_padding_mode:oaep', '-pkeyopt', `rsa_oaep_md:${md}`, '-pkeyopt', `rsa_mgf1_md:${md}`];
      expect(await decrypt(enc, openssl(['pkeyutl', '-encrypt', '-pubin', '-inkey', epub, ...oaep], message), { algorithm })).toEqual(message);
      const ct = file(`ct-${md}`, await encrypt(enc, message, { algorithm }));
      expect(openssl(['pkeyutl', '-decrypt', '-inkey', ekey, '-in', ct, ...oaep])).toEqual(message);
    }
    expect((await keyIdentifier(enc)).kind).toBe('spki-sha256');
  });
});
