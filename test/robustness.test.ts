import { describe, expect, it } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import {
  createImportParameters, encryptKeyMaterial, exportKey, generateKey, importKey, KeysmithError, openEncryptedKeyMaterial,
  pureProvider, seededRandom, specs, systemRandom, unwrapKey, wrapKey,
} from '../src/index.js';
import { AsnConvert } from '@peculiar/asn1-schema';
import { ECPrivateKey } from '@peculiar/asn1-ecc';
import { PrivateKeyInfo, PrivateKey } from '@peculiar/asn1-pkcs8';
import { derCap, jwkMemberCap, maxDerSize, textCap, wrappedCap } from '../src/encoding/limits.js';
import { encodeComponents, formatsFor } from '../src/encoding/formats.js';
import type { KeyComponents, RsaPrivateComponents } from '../src/model/components.js';
import { isProbablePrime, mrRoundsFor } from '../src/rsa/primes.js';
import { modInverse } from '../src/rsa/math.js';
import { codeOf } from './helpers/codes.js';
import { toJwk } from './helpers/rsa-fixtures.js';

/** The robustness items of issue 6: each input here once broke a promise of the README. */
async function errorOf(p: Promise<unknown> | (() => unknown)): Promise<KeysmithError> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    if (e instanceof KeysmithError) return e;
    throw new Error(`raw error escaped: ${String(e)}`);
  }
  throw new Error('no error');
}

const elapsed = async (fn: () => Promise<unknown>): Promise<number> => {
  const t = performance.now();
  await fn().catch(() => undefined);
  return performance.now() - t;
};

describe('1. messages never echo a caller value that could be key material', () => {
  it('a JWK crv holding d is not quoted', async () => {
    const jwk = (await exportKey(await generateKey('EC_P256'), 'jwk')) as Record<string, string>;
    const e = await errorOf(importKey('EC_P256', { ...jwk, crv: jwk.d }, 'jwk'));
    expect(e.code).toBe('INVALID_KEY');
    expect(e.message).not.toContain(jwk.d!.slice(0, 8));
    expect(e.message).toMatch(/crv a string of 43 characters is not P-256/);
    const kty = await errorOf(importKey('EC_P256', { ...jwk, kty: jwk.d }, 'jwk'));
    expect(kty.message).not.toContain(jwk.d!.slice(0, 8));
  });

  it('a long or unknown PEM label is described by its length, never quoted', async () => {
    const label = 'A'.repeat(60) + 'SECRET';
    const e = await errorOf(importKey('EC_P256', `-----BEGIN ${label}-----\nAAAA\n-----END ${label}-----\n`, 'pkcs8-pem'));
    expect(e.code).toBe('INVALID_FORMAT');
    expect(e.message).not.toContain('SECRET');
    const huge = 'B'.repeat(500_000);
    const h = await errorOf(importKey('EC_P256', `-----BEGIN ${huge}-----\nAAAA\n-----END ${huge}-----\n`, 'pkcs8-pem'));
    expect(h.message.length).toBeLessThan(300);
  });

  it('bad JSON text is refused without JSON.parse\'s quoted excerpt as cause', async () => {
    const jwk = (await exportKey(await generateKey('AES_256'), 'jwk')) as Record<string, string>;
    const text = JSON.stringify(jwk).replace('}', ',}');
    const e = await errorOf(importKey('AES_256', text, 'jwk'));
    expect(e.code).toBe('INVALID_FORMAT');
    expect(e.cause).toBeUndefined();
    expect(e.message).not.toContain(jwk.k!.slice(0, 8));
  });
});

describe('2. huge inputs are INVALID_ARGUMENT or INVALID_FORMAT, never a RangeError', () => {
  it('a JWK with a 16 MiB n is refused at once', async () => {
    const n = 'A'.repeat(16 << 20);
    const ms = await elapsed(async () => expect((await errorOf(importKey('RSA_2048', { kty: 'RSA', n, e: 'AQAB' }, 'jwk-public'))).code).toBe('INVALID_FORMAT'));
    expect(ms).toBeLessThan(500);
  });

  it('systemRandom(1e12) and seededRandom(s)(1e12) are INVALID_ARGUMENT', async () => {
    expect((await errorOf(() => systemRandom(1e12))).code).toBe('INVALID_ARGUMENT');
    expect((await errorOf(() => seededRandom('s')(1e12))).code).toBe('INVALID_ARGUMENT');
    expect((await errorOf(() => seededRandom('s')(2 ** 31))).code).toBe('INVALID_ARGUMENT');
    expect(systemRandom(1 << 20)).toHaveLength(1 << 20);
  });
});

describe('3. sparse arrays are bounded before they are walked', () => {
  it('key_ops of length 2^32 − 1 is refused at once', async () => {
    const jwk = (await exportKey(await generateKey('AES_256'), 'jwk')) as Record<string, unknown>;
    const ms = await elapsed(async () => expect((await errorOf(importKey('AES_256', { ...jwk, key_ops: new Array(2 ** 32 - 1) }, 'jwk'))).code).toBe('INVALID_FORMAT'));
    expect(ms).toBeLessThan(500);
    expect((await errorOf(importKey('AES_256', { ...jwk, key_ops: new Array(3) }, 'jwk'))).code).toBe('INVALID_FORMAT');
    expect((await importKey('AES_256', { ...jwk, key_ops: ['wrapKey', 'unwrapKey'] }, 'jwk') as { type: string }).type).toBe('secret');
  });
});

describe('5. an ECPrivateKey whose publicKey [1] is present but empty is refused', () => {
  it.each(['EC_P256', 'SM2'])('%s: SEC 1 and PKCS#8', async (name) => {
    const pair = await generateKey(name);
    const k = AsnConvert.parse((await exportKey(pair, 'sec1-der')) as Uint8Array, ECPrivateKey);
    k.publicKey = new ArrayBuffer(0);
    const sec1 = new Uint8Array(AsnConvert.serialize(k));
    expect(Buffer.from(sec1).toString('hex')).toMatch(/a103030100$/);
    expect(await codeOf(importKey(name, sec1, 'sec1-der'))).toBe('INVALID_KEY');
    const info = AsnConvert.parse((await exportKey(pair, 'pkcs8-der')) as Uint8Array, PrivateKeyInfo);
    const inner = AsnConvert.parse(info.privateKey.buffer, ECPrivateKey);
    inner.publicKey = new ArrayBuffer(0);
    info.privateKey = new PrivateKey(AsnConvert.serialize(inner));
    const pkcs8 = new Uint8Array(AsnConvert.serialize(info));
    expect(Buffer.from(pkcs8).toString('hex')).toMatch(/a103030100$/);
    expect(await codeOf(importKey(name, pkcs8, 'pkcs8-der'))).toBe('INVALID_KEY');
    // absent (not empty) stays accepted: the public key is derived
    delete (inner as { publicKey?: ArrayBuffer }).publicKey;
    info.privateKey = new PrivateKey(AsnConvert.serialize(inner));
    expect((await importKey(name, new Uint8Array(AsnConvert.serialize(info)), 'pkcs8-der')).spec.name).toBe(name);
  });
});

describe('6. every size is bounded, from the registry, before any work', () => {
  it('the caps come from the registry: every spec × format fits with its largest components, and no more', () => {
    for (const spec of specs) {
      const max = maxDerSize(spec);
      let largest = 0;
      for (const format of formatsFor(spec).filter((f) => f.endsWith('-der'))) {
        const c = maximal(spec) as KeyComponents;
        for (const comp of [c, ...(c.kind === 'rsa-private' ? [{ kind: 'rsa-public', n: c.n, e: c.e } as const] : [])]) {
          try {
            // ML-DSA / ML-KEM: the largest private-key form is `both`
            const pq = (spec.family === 'ml-dsa' || spec.family === 'ml-kem') && format === 'pkcs8-der';
            const der = encodeComponents(spec, comp, format, pq ? { pqForm: 'both' } : undefined) as Uint8Array;
            largest = Math.max(largest, der.length);
            expect(der.length, `${spec.name} ${format}`).toBeLessThanOrEqual(max);
          } catch (e) {
            if (!(e instanceof KeysmithError && e.code === 'UNSUPPORTED')) throw e;
          }
        }
      }
      // tight: RSA exactly; EC within the [0] parameters OpenSSL leaves out of the PKCS#8 ECPrivateKey
      // Ed25519 / ML-DSA / ML-KEM: within the v2 `[1] publicKey` keysmith reads but never writes (RFC 5958)
      const slack = spec.family === 'ec' ? 16 : 'publicKeyBytes' in spec ? spec.publicKeyBytes + 5 : 0;
      if (spec.family !== 'symmetric') expect(max - largest, spec.name).toBeLessThanOrEqual(slack);
    }
    expect(derCap()).toBe(Math.max(...specs.map(maxDerSize)) + 256);
    expect(maxDerSize(specs.find((s) => s.name === 'RSA_4096')!)).toBeLessThan(2500);
  });

  it('a 10 MiB SPKI, a 4 MiB version INTEGER, a 50 MiB JWK member are refused in milliseconds', async () => {
    const big = new Uint8Array(10 << 20);
    big.set([0x30, 0x84, 0x00, 0xa0, 0x00, 0x00, 0x02, 0x84, 0x00, 0x9f, 0xff, 0xf0]);
    for (const f of ['spki-der', 'pkcs8-der', 'sec1-der', 'pkcs1-der'] as const) {
      const spec = f === 'pkcs1-der' ? 'RSA_2048' : f === 'spki-der' ? 'RSA_4096' : 'EC_P256';
      const ms = await elapsed(async () => expect(await codeOf(importKey(spec, big, f))).toBe('INVALID_FORMAT'));
      expect(ms, f).toBeLessThan(200);
    }
    const ms = await elapsed(async () =>
      expect(await codeOf(importKey('RSA_4096', { kty: 'RSA', n: 'A'.repeat(50 << 20), e: 'AQAB' }, 'jwk-public'))).toBe('INVALID_FORMAT'));
    expect(ms).toBeLessThan(500);
    expect(jwkMemberCap(specs.find((s) => s.name === 'RSA_4096')!)).toBe(684);
    expect(await codeOf(importKey('EC_P256', 'x'.repeat(textCap() + 1), 'pkcs8-pem'))).toBe('INVALID_FORMAT');
  });

  it('the caps are the registry\'s largest key: a key of another size of the family still parses, and is INVALID_KEY', async () => {
    const rsa4096 = generateKeyPairSync('rsa', { modulusLength: 4096 }).privateKey;
    expect(await codeOf(importKey('RSA_2048', new Uint8Array(rsa4096.export({ format: 'der', type: 'pkcs8' })), 'pkcs8-der'))).toBe('INVALID_KEY');
    expect(await codeOf(importKey('RSA_2048', rsa4096.export({ format: 'jwk' }), 'jwk'))).toBe('INVALID_KEY');
    const p384 = await generateKey('EC_P384');
    expect(await codeOf(importKey('EC_P256', await exportKey(p384, 'sec1-der'), 'sec1-der'))).toBe('INVALID_KEY');
  }, 30_000);

  it('RSA_AES_KEY_WRAP and Alibaba envelopes around a 10 MiB payload are refused before any decryption', async () => {
    const wrapping = await generateKey('RSA_2048', { usage: 'ENCRYPT_DECRYPT' });
    const blob = new Uint8Array((10 << 20) + 256 + 8).fill(0x5a);
    for (const algorithm of ['RSA_AES_KEY_WRAP_SHA_256', 'RSAES_OAEP_SHA_256_AES_256_ECB_PKCS7_PAD', 'AES_KWP'] as const) {
      const unwrappingKey = algorithm === 'AES_KWP' ? new Uint8Array(32).fill(7) : wrapping;
      const spec = algorithm === 'RSAES_OAEP_SHA_256_AES_256_ECB_PKCS7_PAD' ? 'RSA_2048' : 'AES_256';
      const ms = await elapsed(async () => expect(await codeOf(unwrapKey(blob, { algorithm, unwrappingKey, spec }))).toBe('UNWRAP_FAILED'));
      expect(ms, algorithm).toBeLessThan(300);
    }
    // an ML-DSA-87 PKCS#8 v2 with `both` private-key forms and its public key (~7.6 KB) is the largest payload
    expect(wrappedCap()).toBeLessThan(9000);

    const aws = await createImportParameters('aws', { algorithm: 'RSA_AES_KEY_WRAP_SHA_256', wrappingSpec: 'RSA_2048' });
    const text = Buffer.from(blob).toString('base64');
    const ms = await elapsed(async () =>
      expect(await codeOf(openEncryptedKeyMaterial(aws, text, { spec: 'AES_256' }))).toBe('UNWRAP_FAILED'));
    expect(ms).toBeLessThan(300);
    // the largest legitimate envelope still opens: an RSA_4096 key pair under RSA_AES_KEY_WRAP
    const material = await encryptKeyMaterial('aws', { publicKey: aws.publicKey, algorithm: 'RSA_AES_KEY_WRAP_SHA_256', spec: 'RSA_4096' });
    expect((await openEncryptedKeyMaterial(aws, material.encryptedKeyMaterial, { spec: 'RSA_4096' })).spec.name).toBe('RSA_4096');
  }, 60_000);
});

/** Largest components a spec can carry, for the size caps: every integer at its top of range. */
function maximal(spec: (typeof specs)[number]): unknown {
  if (spec.family === 'symmetric') return { kind: 'secret', key: new Uint8Array(spec.keyBytes).fill(0xff) };
  if (spec.family === 'ec') return { kind: 'ec-private', d: new Uint8Array(spec.fieldBytes).fill(0xff), publicKey: new Uint8Array(1 + 2 * spec.fieldBytes).fill(4) };
  if (spec.family === 'edwards') return { kind: 'okp-private', seed: new Uint8Array(spec.seedBytes).fill(0xff), publicKey: new Uint8Array(spec.publicKeyBytes) };
  if (spec.family === 'ml-dsa' || spec.family === 'ml-kem') {
    return { kind: 'pq-private', seed: new Uint8Array(spec.seedBytes).fill(0xff), expandedKey: new Uint8Array(spec.expandedKeyBytes).fill(0xff), publicKey: new Uint8Array(spec.publicKeyBytes) };
  }
  const top = (bits: number) => (1n << BigInt(bits)) - 1n;
  const h = spec.bits / 2;
  return { kind: 'rsa-private', n: top(spec.bits), e: top(256), d: top(spec.bits), p: top(h), q: top(h), dp: top(h), dq: top(h), qi: top(h) };
}

describe('7. hardening', () => {
  /**
   * A Carmichael number p = (6k+1)(12k+1)(18k+1) (Chernick 1939) with all three factors prime: 1024 bits,
   * a^(p−1) ≡ 1 (mod p) for every a coprime to p, so an RSA key built on it satisfies every CRT equation and
   * passes its PCT. k was found by a sieve over k with the three factors prime (see the report of issue 6).
   */
  const k = 476468720927345524164478984682593459928245590347752486323112554651233931280082723856079104905477139580n;
  const factors = [6n * k + 1n, 12n * k + 1n, 18n * k + 1n];
  const p = factors.reduce((a, b) => a * b);
  const q = BigInt('0xe3' + '5a'.repeat(126) + '65');

  it('an RSA key whose p is a Carmichael number is INVALID_KEY', async () => {
    const random = seededRandom('primality');
    for (const f of factors) expect(isProbablePrime(f, { rounds: 20, random })).toBe(true);
    for (const f of factors) expect((p - 1n) % (f - 1n)).toBe(0n); // Korselt's criterion
    expect(isProbablePrime(p, { rounds: mrRoundsFor(1024), random })).toBe(false);
    expect(isProbablePrime(q, { rounds: 20, random })).toBe(true);
    const e = 65537n;
    const lambda = ((p - 1n) * (q - 1n)) / gcd(p - 1n, q - 1n);
    const d = modInverse(e, lambda);
    const key: RsaPrivateComponents = { kind: 'rsa-private', n: p * q, e, d, p, q, dp: d % (p - 1n), dq: d % (q - 1n), qi: modInverse(q, p) };
    const e1 = await errorOf(importKey('RSA_2048', toJwk(key), 'jwk'));
    expect(e1.code).toBe('INVALID_KEY');
    expect(e1.message).toMatch(/not prime/);
    const swapped = { ...key, p: q, q: p, dp: key.dq, dq: key.dp, qi: modInverse(p, q) };
    expect(await codeOf(importKey('RSA_2048', toJwk(swapped), 'jwk'))).toBe('INVALID_KEY');
    // the same construction with a real prime p imports: the refusal is the primality test
    const real = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
    expect((await importKey('RSA_2048', real, 'jwk')).spec.name).toBe('RSA_2048');
  });

  it('JWK members are read with Object.hasOwn: a polluted Object.prototype.k is not imported', async () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto.k = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    try {
      expect(await codeOf(importKey('AES_256', { kty: 'oct' }, 'jwk'))).toBe('INVALID_FORMAT');
    } finally {
      delete proto.k;
    }
    const getter = { kty: 'oct', get k(): string { throw new Error('boom'); } };
    expect(await codeOf(importKey('AES_256', getter, 'jwk'))).toBe('INVALID_FORMAT');
    const trap = new Proxy({ kty: 'oct' }, { getOwnPropertyDescriptor() { throw new Error('trap'); } });
    expect(await codeOf(importKey('AES_256', trap, 'jwk'))).toBe('INVALID_FORMAT');
  });

  it('release() (and so destroy()) drops the pure provider\'s references to d, p, q, dp, dq, qi', async () => {
    const jwk = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
    const n = BigInt('0x' + Buffer.from(jwk.n!, 'base64url').toString('hex'));
    const e = BigInt('0x' + Buffer.from(jwk.e!, 'base64url').toString('hex'));
    const bi = (m: string) => BigInt('0x' + Buffer.from((jwk as Record<string, string>)[m]!, 'base64url').toString('hex'));
    const handle = await pureProvider.importComponents(specs.find((s) => s.name === 'RSA_2048')!, 'SIGN_VERIFY', {
      kind: 'rsa-private', n, e, d: bi('d'), p: bi('p'), q: bi('q'), dp: bi('dp'), dq: bi('dq'), qi: bi('qi'),
    }, { extractable: true, persistent: false });
    const held = handle.components as unknown as Record<string, unknown>;
    expect(held.d).toBe(bi('d'));
    await pureProvider.release(handle);
    for (const m of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(held[m], m).toBe(0n);
    expect(held.n).toBe(n);
  });

  it('the random buffer a secret key is copied from is zeroed', async () => {
    const given: Uint8Array[] = [];
    const random = (n: number) => {
      const b = systemRandom(n);
      given.push(b);
      return b;
    };
    const key = await generateKey('AES_256', { random });
    expect(given).toHaveLength(1);
    expect(given[0]!.every((b) => b === 0)).toBe(true);
    expect(((await exportKey(key, 'raw')) as Uint8Array).some((b) => b !== 0)).toBe(true);
  });

  it('throwing getters and Proxies in options are INVALID_ARGUMENT', async () => {
    const getter = { get usage(): string { throw new TypeError('boom'); } };
    const trap = new Proxy({}, { ownKeys() { throw new TypeError('trap'); } });
    const revocable = Proxy.revocable({}, {});
    revocable.revoke();
    const aes = await generateKey('AES_256');
    for (const bad of [getter, trap, revocable.proxy]) {
      expect(await codeOf(generateKey('AES_256', bad as never))).toBe('INVALID_ARGUMENT');
      expect(await codeOf(importKey('AES_256', new Uint8Array(32).fill(1), 'raw', bad as never))).toBe('INVALID_ARGUMENT');
      expect(await codeOf(wrapKey(aes, bad as never))).toBe('INVALID_ARGUMENT');
      expect(await codeOf(unwrapKey(new Uint8Array(40), bad as never))).toBe('INVALID_ARGUMENT');
    }
    const provider = new Proxy({}, { get() { throw new TypeError('trap'); } });
    expect(await codeOf(generateKey('AES_256', { provider } as never))).toBe('INVALID_ARGUMENT');
  });
});

function gcd(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b];
  return a;
}
