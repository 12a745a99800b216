import { describe, expect, it } from 'vitest';
import { opensslWorkspace } from './helpers/openssl.js';
import { generateKey } from '../src/core/generate.js';
import { exportKey } from '../src/core/export.js';
import { importKey } from '../src/core/import.js';
import { KeyPair, type Key } from '../src/core/key.js';
import { sign, verify } from '../src/ops/sign.js';
import { generateMac, verifyMac } from '../src/ops/mac.js';
import { specs } from '../src/registry/specs.js';
import type { SymmetricSpec } from '../src/model/spec.js';
import { PureProvider } from '../src/provider/pure/provider.js';
import { decrypt, encrypt } from '../src/ops/encrypt.js';
import { keyIdentifier } from '../src/wrap/identify.js';
import { bytesToHex, hex, utf8 } from '../src/bytes.js';
import { nodeCryptoProvider } from '../src/node/index.js';

/** Keys made by the node provider, checked by the openssl CLI in both directions. */
const node = nodeCryptoProvider();
const { openssl, file } = opensslWorkspace('keysmith-nodeprov-');
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

describe('issue 9 keys on the node provider against the openssl CLI', () => {
  const pure = new PureProvider();

  it('ED25519 and EC_P521: PKCS#8 and SPKI byte-identical to what openssl pkey writes; signatures verify both ways, and with pure', async () => {
    for (const name of ['ED25519', 'EC_P521'] as const) {
      for (let i = 0; i < 3; i++) {
        const pair = (await generateKey(name, { provider: node })) as KeyPair;
        const key = file(`${name}.pem`, (await exportKey(pair, 'pkcs8-pem')) as string);
        const pub = file(`${name}.pub.pem`, (await exportKey(pair, 'spki-pem')) as string);
        // `openssl pkey` writes PKCS#8 as PEM; its DER output is the traditional SEC 1 form for EC keys in 3.0, so
        // the PKCS#8 DER comes from `pkcs8 -topk8`
        expect(Buffer.from(openssl(['pkey', '-in', key])).toString(), name).toBe(await exportKey(pair, 'pkcs8-pem'));
        expect(openssl(['pkcs8', '-topk8', '-nocrypt', '-in', key, '-outform', 'DER']), name).toEqual(await exportKey(pair, 'pkcs8-der'));
        if (name === 'EC_P521') expect(openssl(['ec', '-in', key, '-outform', 'DER']), name).toEqual(await exportKey(pair, 'sec1-der'));
        expect(openssl(['pkey', '-in', key, '-pubout', '-outform', 'DER']), name).toEqual(await exportKey(pair, 'spki-der'));
        expect(openssl(['pkey', '-pubin', '-in', pub, '-outform', 'DER']), name).toEqual(await exportKey(pair, 'spki-der'));
        const onPure = (await importKey(name, await exportKey(pair, 'pkcs8-der'), 'pkcs8-der', { provider: pure })) as KeyPair;
        const m = file(`${name}.msg`, message);
        const ours = await sign(pair, message);
        const sig = file(`${name}.sig`, ours);
        if (name === 'ED25519') {
          // PureEdDSA over the raw message (-rawin); deterministic, so openssl's signature is ours byte for byte
          expect(Buffer.from(openssl(['pkeyutl', '-verify', '-pubin', '-inkey', pub, '-rawin', '-in', m, '-sigfile', sig])).toString()).toMatch(/Signature Verified Successfully/);
          const theirs = openssl(['pkeyutl', '-sign', '-inkey', key, '-rawin', '-in', m]);
          expect(bytesToHex(theirs)).toBe(bytesToHex(ours));
          expect(bytesToHex(await sign(onPure, message))).toBe(bytesToHex(ours));
          expect(await verify(pair, message, theirs)).toBe(true);
          expect(await verify(onPure, message, theirs)).toBe(true);
        } else {
          expect(Buffer.from(openssl(['dgst', '-sha512', '-verify', pub, '-signature', sig, m])).toString()).toMatch(/Verified OK/);
          const theirs = openssl(['dgst', '-sha512', '-sign', key, m]);
          expect(await verify(pair, message, theirs)).toBe(true);
          expect(await verify(onPure, message, theirs)).toBe(true);
          expect(await verify(onPure, message, ours)).toBe(true);
          expect(await verify(pair, message, await sign(onPure, message))).toBe(true);
        }
      }
    }
  });

  it('ED25519 and EC_P521 keys openssl generates import into node (PKCS#8 and SPKI) and re-export byte for byte', async () => {
    for (const [name, args] of [['ED25519', ['-algorithm', 'ED25519']], ['EC_P521', ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-521', '-pkeyopt', 'ec_param_enc:named_curve']]] as const) {
      const pem = Buffer.from(openssl(['genpkey', ...args])).toString();
      const pair = (await importKey(name, pem, 'pkcs8-pem', { provider: node })) as KeyPair;
      expect(await exportKey(pair, 'pkcs8-pem'), name).toBe(pem);
      const key = file(`${name}-gen.pem`, pem);
      const spki = openssl(['pkey', '-in', key, '-pubout', '-outform', 'DER']);
      expect(await exportKey(pair, 'spki-der'), name).toEqual(spki);
      const pub = await importKey(name, spki, 'spki-der', { provider: node });
      expect(await verify(pub, message, await sign(pair, message))).toBe(true);
    }
  });

  it('every HMAC spec: node mac = pure mac = openssl mac -digest … HMAC', async () => {
    const hmacSpecs = specs.filter((s): s is SymmetricSpec => s.family === 'symmetric' && s.algorithm === 'HMAC');
    expect(hmacSpecs.length).toBe(5);
    const digest = (alg: string) => alg.replace(/^HMAC_/, '').replace('SHA_', 'SHA'); // HMAC_SHA_224 → SHA224, HMAC_SM3 → SM3
    for (const spec of hmacSpecs) {
      const key = (await generateKey(spec, { provider: node })) as Key;
      const raw = (await exportKey(key, 'raw')) as Uint8Array;
      const onPure = await importKey(spec, raw, 'raw', { provider: pure });
      for (const msg of [message, new Uint8Array(0), new Uint8Array(300).fill(0xa5)]) {
        const tag = await generateMac(key, msg);
        const m = file(`${spec.name}.msg`, msg);
        const cli = Buffer.from(openssl(['mac', '-digest', digest(spec.mac!), '-macopt', `hexkey:${bytesToHex(raw)}`, '-in', m, 'HMAC'])).toString().trim().toLowerCase();
        expect(bytesToHex(tag), spec.name).toBe(cli);
        expect(bytesToHex(await generateMac(onPure, msg)), spec.name).toBe(cli);
        expect(await verifyMac(key, msg, hex(cli))).toBe(true);
      }
    }
  });
});
