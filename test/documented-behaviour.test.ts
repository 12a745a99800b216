import { describe, expect, it } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AsnConvert } from '@peculiar/asn1-schema';
import { ECPrivateKey } from '@peculiar/asn1-ecc';
import { exportKey, generateKey, importKey, seededRandom } from '../src/index.js';
import { codeOf } from './helpers/codes.js';

/** Each behaviour the README's "What keysmith accepts" and error table state, pinned. */
const readme = readFileSync(resolve(__dirname, '../README.md'), 'utf8');
const accepts = readme.slice(readme.indexOf('### What keysmith accepts'), readme.indexOf('## CLI'));
const errorRow = (code: string) => readme.split('\n').find((l) => l.startsWith(`| \`${code}\` |`)) ?? '';

describe('README: what keysmith accepts', () => {
  it('imported RSA keys with e = 3 import; keysmith generates e = 65537 only', async () => {
    expect(accepts).toMatch(/e = 3 from real tools\s+import/);
    const jwk = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 3 }).privateKey.export({ format: 'jwk' });
    expect(jwk.e).toBe('Aw');
    const key = await importKey('RSA_2048', jwk, 'jwk');
    expect(((await exportKey(key, 'jwk-public')) as { e: string }).e).toBe('Aw');
    const mine = await generateKey('RSA_2048', { random: seededRandom('e') });
    expect(((await exportKey(mine, 'jwk-public')) as { e: string }).e).toBe('AQAB');
  }, 30_000);

  it('a seededRandom stream shared by concurrent calls: keys follow the order the calls start', async () => {
    expect(accepts).toMatch(/shared `seededRandom` stream/);
    const run = async () => {
      const r = seededRandom('shared');
      const [a, b] = await Promise.all([generateKey('EC_P256', { random: r }), generateKey('EC_P256', { random: r })]);
      return [await exportKey(a, 'raw'), await exportKey(b, 'raw')];
    };
    const [a1, b1] = await run();
    const [a2, b2] = await run();
    expect([a2, b2]).toEqual([a1, b1]); // the same order of calls gives the same keys
    expect(a1).not.toEqual(b1); // but the two calls got different keys from one stream…
    const alone = await exportKey(await generateKey('EC_P256', { random: seededRandom('shared') }), 'raw');
    expect(alone).toEqual(a1); // …the first call to start drew first
  });

  it('non-canonical base64 (non-zero padding bits) is accepted', async () => {
    expect(accepts).toMatch(/Non-canonical base64 is accepted/);
    const pem = (await exportKey(await generateKey('EC_P256'), 'spki-pem')) as string; // 91 bytes: ends in "=="
    const m = /([A-Za-z0-9+/])==\n-----END/.exec(pem)!;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const i = alphabet.indexOf(m[1]!);
    expect(i % 16).toBe(0); // canonical: the 4 padding bits are zero
    const odd = pem.slice(0, m.index) + alphabet[i + 5] + pem.slice(m.index + 1);
    expect(odd).not.toBe(pem);
    expect(await exportKey(await importKey('EC_P256', odd, 'spki-pem'), 'spki-pem')).toBe(pem);
  });

  it('SEC 1 without curve parameters takes the spec\'s curve', async () => {
    expect(accepts).toMatch(/without\s+`\[0\]` parameters is taken to be on the spec's curve/);
    const pair = await generateKey('EC_P256');
    const k = AsnConvert.parse((await exportKey(pair, 'sec1-der')) as Uint8Array, ECPrivateKey);
    delete (k as { parameters?: unknown }).parameters;
    const bare = new Uint8Array(AsnConvert.serialize(k));
    expect(await exportKey(await importKey('EC_P256', bare, 'sec1-der'), 'sec1-der')).toEqual(await exportKey(pair, 'sec1-der'));
    // on another curve of the same size, the scalar's public point does not match: INVALID_KEY
    expect(await codeOf(importKey('EC_P256K', bare, 'sec1-der'))).toBe('INVALID_KEY');
    expect(await codeOf(importKey('SM2', bare, 'sec1-der'))).toBe('INVALID_KEY');
  });
});

describe('README: the error table agrees with the code', () => {
  it('a key of the other family is INVALID_FORMAT, another curve INVALID_KEY', async () => {
    expect(errorRow('INVALID_FORMAT')).toMatch(/a key of the other family \(an RSA PKCS#8 or SPKI given as `EC_P256`/);
    expect(errorRow('INVALID_KEY')).toMatch(/another curve: a P-256 key given as `EC_P384`/);
    expect(errorRow('INVALID_KEY')).not.toMatch(/other family/);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pkcs8 = rsa.privateKey.export({ format: 'der', type: 'pkcs8' });
    const spki = rsa.publicKey.export({ format: 'der', type: 'spki' });
    expect(await codeOf(importKey('EC_P256', new Uint8Array(pkcs8), 'pkcs8-der'))).toBe('INVALID_FORMAT');
    expect(await codeOf(importKey('EC_P256', new Uint8Array(spki), 'spki-der'))).toBe('INVALID_FORMAT');
    expect(await codeOf(importKey('EC_P256', rsa.privateKey.export({ format: 'jwk' }), 'jwk'))).toBe('INVALID_FORMAT');
    const p256 = await generateKey('EC_P256');
    expect(await codeOf(importKey('RSA_2048', await exportKey(p256, 'pkcs8-der'), 'pkcs8-der'))).toBe('INVALID_FORMAT');
    expect(await codeOf(importKey('EC_P384', await exportKey(p256, 'pkcs8-der'), 'pkcs8-der'))).toBe('INVALID_KEY');
  });

  it('UNWRAP_FAILED: one message', () => {
    expect(errorRow('UNWRAP_FAILED')).toMatch(/one code and one message, `unwrap failed`/);
  });
});
