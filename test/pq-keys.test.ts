import { describe, expect, it } from 'vitest';
import {
  capabilityMatrix, decapsulate, encapsulate, exportKey, generateKey, getSpec, importKey, KeyPair, PureProvider, pureProvider, seededRandom, sign,
  unwrapKey, verify, wrapKey, type Key, type KeyFormat,
} from '../src/index.js';
import { codeOf } from './helpers/codes.js';
import { knownResult, readShared, readSharedJson, sharedAvailable } from './helpers/vectors.js';
import { pemDecode } from '../src/encoding/pem.js';
import { bytesToHex, hex, utf8 } from '../src/bytes.js';
import { ML_DSA_PARAMS, mlDsaMu, mlDsaVerify, type MlDsaLevel } from '../src/pq/ml-dsa.js';
import { ML_KEM_PARAMS, mlKemDecapsulate } from '../src/pq/ml-kem.js';

const pemDer = (text: string, label: 'PRIVATE KEY' | 'PUBLIC KEY') => pemDecode(text, [label]).der;
const hexOf = async (key: Key | KeyPair, format: KeyFormat, options?: { pqForm?: 'seed' | 'expanded' | 'both' }) =>
  bytesToHex((await exportKey(key, format, options)) as Uint8Array);

/** LAMPS example keys (RFC 9881 App. C; draft-ietf-lamps-kyber-certificates): file stem → spec. */
const LAMPS: [string, string, string][] = [
  ['pqc/ml-dsa', 'ML-DSA-44', 'ML_DSA_44'],
  ['pqc/ml-dsa', 'ML-DSA-65', 'ML_DSA_65'],
  ['pqc/ml-dsa', 'ML-DSA-87', 'ML_DSA_87'],
  ['pqc/ml-kem', 'ML-KEM-512', 'ML_KEM_512'],
  ['pqc/ml-kem', 'ML-KEM-768', 'ML_KEM_768'],
  ['pqc/ml-kem', 'ML-KEM-1024', 'ML_KEM_1024'],
];
const FORMS = ['seed', 'expanded', 'both'] as const;

describe.skipIf(!sharedAvailable)('LAMPS example keys through importKey / exportKey', () => {
  for (const [dir, stem, spec] of LAMPS) {
    it(`${stem}: the three forms import to one key and re-export byte for byte`, async () => {
      const pubPem = readShared(`${dir}/${stem}.pub`).toString('utf8');
      const pub = await importKey(spec, pubPem, 'spki-pem');
      const spki = bytesToHex(pemDer(pubPem, 'PUBLIC KEY'));
      expect(await hexOf(pub, 'spki-der')).toBe(spki);
      for (const form of FORMS) {
        const text = readShared(`${dir}/${stem}-${form}.priv`).toString('utf8');
        const file = bytesToHex(pemDer(text, 'PRIVATE KEY'));
        const pair = (await importKey(spec, text, 'pkcs8-pem')) as KeyPair;
        expect(await hexOf(pair, 'spki-der'), form).toBe(spki);
        expect(await hexOf(pair, 'pkcs8-der', { pqForm: form }), form).toBe(file);
        expect(await hexOf(pair, 'raw-public')).toBe(await hexOf(pub, 'raw-public'));
        if (form === 'expanded') {
          // no seed: only the expandedKey form can be written; raw (the seed), the default PKCS#8 and the AKP JWK cannot
          expect(await codeOf(exportKey(pair, 'raw'))).toBe('UNSUPPORTED');
          expect(await codeOf(exportKey(pair, 'pkcs8-der'))).toBe('UNSUPPORTED');
          expect(await codeOf(exportKey(pair, 'pkcs8-der', { pqForm: 'both' }))).toBe('UNSUPPORTED');
          if (spec.startsWith('ML_DSA')) expect(await codeOf(exportKey(pair, 'jwk'))).toBe('UNSUPPORTED');
        } else {
          // the seed of every example is 00 01 02 …, and the default PKCS#8 is the seed form
          expect(await hexOf(pair, 'raw')).toBe(bytesToHex(Uint8Array.from({ length: getSpec(spec).family === 'ml-kem' ? 64 : 32 }, (_, i) => i)));
          expect(await hexOf(pair, 'pkcs8-der')).toBe(bytesToHex(pemDer(readShared(`${dir}/${stem}-seed.priv`).toString('utf8'), 'PRIVATE KEY')));
        }
      }
    });
  }

  const BAD: [string, string][] = [
    ['pqc/ml-dsa/bad-ML-DSA-44-1.priv', 'ML_DSA_44'],
    ['pqc/ml-dsa/bad-ML-DSA-44-2.priv', 'ML_DSA_44'],
    ['pqc/ml-dsa/bad-ML-DSA-44-3.priv', 'ML_DSA_44'],
    ['pqc/ml-kem/bad-ML-KEM-512-1.priv', 'ML_KEM_512'],
    ['pqc/ml-kem/bad-ML-KEM-512-2.priv', 'ML_KEM_512'],
    ['pqc/ml-kem/bad-ML-KEM-512-3.priv', 'ML_KEM_512'],
    ['pqc/ml-kem/bad-ML-KEM-512-4.priv', 'ML_KEM_512'],
  ];
  it.each(BAD)('%s is refused with INVALID_KEY', async (file, spec) => {
    expect(await codeOf(importKey(spec, readShared(file).toString('utf8'), 'pkcs8-pem'))).toBe('INVALID_KEY');
  });
});

const W = (f: string) => `wycheproof/testvectors_v1/${f}`;

describe.skipIf(!sharedAvailable)('Wycheproof ML-DSA sign (seed) through the public API', () => {
  for (const level of [44, 65, 87] as MlDsaLevel[]) {
    it(`mldsa_${level}_sign_seed_test.json`, async () => {
      const spec = `ML_DSA_${level}`;
      const data = readSharedJson(W(`mldsa_${level}_sign_seed_test.json`));
      let n = 0;
      for (const g of data.testGroups) {
        const seed = hex(g.privateSeed);
        const tests = g.tests as { tcId: number; result: string; msg?: string; mu: string; ctx?: string; sig?: string }[];
        if (seed.length !== 32) {
          expect(await codeOf(importKey(spec, seed, 'raw'))).toBe('INVALID_KEY');
          for (const t of tests) expect(knownResult(t.result, ['invalid'])).toBe('invalid');
          n += tests.length;
          continue;
        }
        const pair = (await importKey(spec, seed, 'raw')) as KeyPair;
        expect(await hexOf(pair, 'raw-public')).toBe(g.publicKey);
        if (g.privateKeyPkcs8 !== undefined) {
          expect(await hexOf(pair, 'pkcs8-der')).toBe(g.privateKeyPkcs8);
          expect(await hexOf(await importKey(spec, hex(g.privateKeyPkcs8), 'pkcs8-der'), 'raw-public')).toBe(g.publicKey);
        }
        for (const t of tests) {
          n++;
          const result = knownResult(t.result, ['valid', 'invalid']);
          if (result === 'invalid') continue; // invalid contexts: keysmith's sign/verify take none (as AWS); the module test covers them
          const sig = hex(t.sig!);
          // μ is what AWS's EXTERNAL_MU takes, with or without a context
          expect(await verify(pair, hex(t.mu), sig, { messageType: 'EXTERNAL_MU' }), `tc ${t.tcId}`).toBe(true);
          if (t.msg !== undefined) {
            // keysmith signs with the empty context: a signature over another context does not verify
            expect(await verify(pair, hex(t.msg), sig), `tc ${t.tcId}`).toBe(t.ctx === undefined || t.ctx === '');
          }
        }
        // the public sign is hedged: a fresh signature each time, and each verifies (module and public API)
        const msg = utf8(`wycheproof group ${level}`);
        const s1 = await sign(pair, msg);
        const s2 = await sign(pair, msg);
        expect(bytesToHex(s1)).not.toBe(bytesToHex(s2));
        expect(mlDsaVerify(level, hex(g.publicKey), msg, s1)).toBe(true);
        expect(await verify(pair, msg, s2)).toBe(true);
      }
      expect(n).toBe(data.numberOfTests);
    });
  }
});

describe.skipIf(!sharedAvailable)('Wycheproof ML-KEM keygen (seed) through the public API', () => {
  for (const level of [512, 768, 1024] as const) {
    it(`mlkem_${level}_keygen_seed_test.json`, async () => {
      const spec = `ML_KEM_${level}`;
      const data = readSharedJson(W(`mlkem_${level}_keygen_seed_test.json`));
      let n = 0;
      for (const g of data.testGroups) {
        for (const t of g.tests as { tcId: number; seed: string; ek: string; dk: string; result: string }[]) {
          n++;
          knownResult(t.result, ['valid']);
          const pair = (await importKey(spec, hex(t.seed), 'raw')) as KeyPair;
          expect(await hexOf(pair, 'raw-public'), `tc ${t.tcId}`).toBe(t.ek);
          // the expandedKey form carries dk as its OCTET STRING's contents
          expect((await hexOf(pair, 'pkcs8-der', { pqForm: 'expanded' })).endsWith(t.dk), `tc ${t.tcId}`).toBe(true);
          const expandedOnly = await importKey(spec, (await exportKey(pair, 'pkcs8-der', { pqForm: 'expanded' })) as Uint8Array, 'pkcs8-der');
          expect(await hexOf(expandedOnly, 'spki-der')).toBe(await hexOf(pair, 'spki-der'));
          if (t.tcId <= 3) {
            const { ciphertext, sharedSecret } = await encapsulate(pair);
            expect(bytesToHex(mlKemDecapsulate(level, hex(t.dk), ciphertext))).toBe(bytesToHex(sharedSecret));
          }
        }
      }
      expect(n).toBe(data.numberOfTests);
    });
  }
});

describe('ML-DSA key operations (ML_DSA_SHAKE_256)', () => {
  it('signs RAW and EXTERNAL_MU; a μ signature verifies as RAW; wrong message types and lengths are refused', async () => {
    const pair = (await generateKey('ML_DSA_65', { random: seededRandom('ml-dsa ops') })) as KeyPair;
    const msg = utf8('a message for ML-DSA');
    const pk = (await exportKey(pair, 'raw-public')) as Uint8Array;
    const mu = mlDsaMu(65, pk, msg);
    const sigMu = await sign(pair, mu, { messageType: 'EXTERNAL_MU', algorithm: 'ML_DSA_SHAKE_256' });
    expect(sigMu.length).toBe(ML_DSA_PARAMS[65].signatureBytes);
    expect(await verify(pair, msg, sigMu)).toBe(true);
    expect(await verify(pair, mu, await sign(pair, msg), { messageType: 'EXTERNAL_MU' })).toBe(true);
    const other = Uint8Array.from(msg);
    other[0]! ^= 1;
    expect(await verify(pair, other, sigMu)).toBe(false);
    expect(await verify(pair, msg, sigMu.subarray(1))).toBe(false);
    expect(await codeOf(sign(pair, mu, { messageType: 'DIGEST' }))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(sign(pair, mu.subarray(1), { messageType: 'EXTERNAL_MU' }))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(sign(pair, msg, { algorithm: 'ED25519_SHA_512' }))).toBe('UNSUPPORTED');
    expect(await codeOf(sign(pair, msg, { algorithm: 'ECDSA_SHA_256' }))).toBe('UNSUPPORTED');
    expect(await codeOf(encapsulate(pair))).toBe('INVALID_USAGE');
    // a public key alone verifies
    const pub = await importKey('ML_DSA_65', (await exportKey(pair, 'spki-der')) as Uint8Array, 'spki-der');
    expect(await verify(pub, msg, sigMu)).toBe(true);
    expect(await codeOf(sign(pub, msg))).toBe('INVALID_ARGUMENT');
  });

  it('AKP JWK (draft-ietf-cose-dilithium) both ways; the public JWK has no priv', async () => {
    const pair = (await generateKey('ML_DSA_44', { random: seededRandom('akp') })) as KeyPair;
    const jwk = (await exportKey(pair, 'jwk')) as Record<string, string>;
    expect(Object.keys(jwk).sort()).toEqual(['alg', 'kty', 'priv', 'pub']);
    expect(jwk).toMatchObject({ kty: 'AKP', alg: 'ML-DSA-44' });
    expect(await hexOf(await importKey('ML_DSA_44', jwk, 'jwk'), 'raw')).toBe(await hexOf(pair, 'raw'));
    expect(await hexOf(await importKey('ML_DSA_44', JSON.stringify(jwk), 'jwk'), 'raw')).toBe(await hexOf(pair, 'raw'));
    const pub = (await exportKey(pair, 'jwk-public')) as Record<string, string>;
    expect(pub.priv).toBeUndefined();
    expect(await codeOf(importKey('ML_DSA_65', jwk, 'jwk'))).toBe('INVALID_KEY');
    expect(await codeOf(importKey('ML_DSA_44', { ...jwk, pub: pub.pub!.slice(0, -4) + 'AAAA' }, 'jwk'))).toBe('INVALID_KEY');
    expect(await codeOf(importKey('ML_DSA_44', { ...jwk, priv: 'A'.repeat(1 << 20) }, 'jwk'))).toBe('INVALID_FORMAT');
    const polluted = Object.create({ priv: jwk.priv }) as Record<string, string>;
    Object.assign(polluted, { kty: 'AKP', alg: 'ML-DSA-44', pub: jwk.pub });
    expect(await codeOf(importKey('ML_DSA_44', polluted, 'jwk'))).toBe('INVALID_FORMAT');
  });
});

describe('ML-KEM key operations: encapsulate / decapsulate', () => {
  it('round-trips for every level; seeded encapsulation is reproducible; implicit rejection; usage and length rules', async () => {
    for (const level of [512, 768, 1024] as const) {
      const spec = `ML_KEM_${level}`;
      const pair = (await generateKey(spec)) as KeyPair;
      expect(pair.usage).toBe('ENCAPSULATE_DECAPSULATE');
      const pub = await importKey(spec, (await exportKey(pair, 'spki-der')) as Uint8Array, 'spki-der');
      const a = await encapsulate(pub, { random: seededRandom('kem') });
      const b = await encapsulate(pair, { random: seededRandom('kem') });
      expect(bytesToHex(a.ciphertext)).toBe(bytesToHex(b.ciphertext));
      expect(a.ciphertext.length).toBe(ML_KEM_PARAMS[level].ciphertextBytes);
      expect(a.sharedSecret.length).toBe(32);
      expect(bytesToHex(await decapsulate(pair, a.ciphertext))).toBe(bytesToHex(a.sharedSecret));
      const tampered = Uint8Array.from(a.ciphertext);
      tampered[5]! ^= 1;
      const rejected = await decapsulate(pair.privateKey, tampered);
      expect(rejected.length).toBe(32);
      expect(bytesToHex(rejected)).not.toBe(bytesToHex(a.sharedSecret));
      expect(await codeOf(decapsulate(pair, a.ciphertext.subarray(1)))).toBe('INVALID_ARGUMENT');
      expect(await codeOf(decapsulate(pub, a.ciphertext))).toBe('INVALID_ARGUMENT');
      expect(await codeOf(sign(pair, utf8('x')))).toBe('INVALID_USAGE');
      expect(await codeOf(exportKey(pair, 'jwk'))).toBe('UNSUPPORTED');
      expect(await codeOf(exportKey(pair, 'jwk-public'))).toBe('UNSUPPORTED');
      expect(await codeOf(importKey(spec, { kty: 'AKP' }, 'jwk'))).toBe('UNSUPPORTED');
      expect(await codeOf(generateKey(spec, { usage: 'SIGN_VERIFY' }))).toBe('INVALID_USAGE');
    }
  });

  it('pqForm is checked: unknown forms and other specs or formats are INVALID_ARGUMENT', async () => {
    const kem = await generateKey('ML_KEM_512');
    expect(await codeOf(exportKey(kem, 'pkcs8-der', { pqForm: 'full' as never }))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(exportKey(kem, 'raw', { pqForm: 'both' }))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(exportKey(await generateKey('ED25519'), 'pkcs8-der', { pqForm: 'seed' }))).toBe('INVALID_ARGUMENT');
    expect((await exportKey(kem, 'pkcs8-pem', { pqForm: 'both' })) as string).toMatch(/^-----BEGIN PRIVATE KEY-----/);
  });

  it('the pure provider lists encapsulate / decapsulate for ML-KEM only, and ML_DSA_SHAKE_256 for ML-DSA only', () => {
    const rows = capabilityMatrix(pureProvider);
    const kemRows = rows.filter((r) => r.operation === 'encapsulate' || r.operation === 'decapsulate');
    expect(new Set(kemRows.map((r) => r.spec))).toEqual(new Set(['ML_KEM_512', 'ML_KEM_768', 'ML_KEM_1024']));
    expect(kemRows.every((r) => r.supported && r.usage === 'ENCAPSULATE_DECAPSULATE')).toBe(true);
    for (const r of rows.filter((x) => x.operation === 'sign')) {
      expect(r.algorithms!.includes('ML_DSA_SHAKE_256'), r.spec).toBe(r.spec.startsWith('ML_DSA'));
      expect(r.algorithms!.includes('ED25519_SHA_512'), r.spec).toBe(r.spec === 'ED25519');
    }
  });
});

describe('pairwise consistency tests and providers without KEM operations', () => {
  it('a provider whose decapsulation disagrees fails the ML-KEM PCT; one whose verify accepts anything fails the signature PCT', async () => {
    class WrongSecret extends PureProvider {
      override async decapsulate(): Promise<Uint8Array> {
        return new Uint8Array(32);
      }
    }
    class AcceptsAll extends PureProvider {
      override async verify(): Promise<boolean> {
        return true;
      }
    }
    expect(await codeOf(generateKey('ML_KEM_512', { provider: new WrongSecret() }))).toBe('PCT_FAILED');
    for (const spec of ['ED25519', 'ML_DSA_44']) expect(await codeOf(generateKey(spec, { provider: new AcceptsAll() })), spec).toBe('PCT_FAILED');
  });

  it('a provider that does not support encapsulate is UNSUPPORTED before it is called', async () => {
    class NoKem extends PureProvider {
      override supports(...args: Parameters<PureProvider['supports']>): boolean {
        return args[2] !== 'encapsulate' && super.supports(...args);
      }
    }
    const provider = new NoKem();
    const pair = await generateKey('ML_KEM_768', { provider });
    expect(await codeOf(encapsulate(pair))).toBe('UNSUPPORTED');
  });
});

describe('wrapping: PQ keys travel as seed-only PKCS#8', () => {
  it('AES_KWP, RSAES_OAEP_SHA_256 and RSA_AES_KEY_WRAP_SHA_256 carry ML-DSA and ML-KEM keys', async () => {
    const kek = new Uint8Array(32).fill(9);
    const rsa = await generateKey('RSA_2048', { usage: 'ENCRYPT_DECRYPT', random: seededRandom('pq wrap rsa') });
    for (const spec of ['ML_DSA_87', 'ML_KEM_1024']) {
      const key = (await generateKey(spec)) as KeyPair;
      for (const [algorithm, wrappingKey] of [['AES_KWP', kek], ['RSAES_OAEP_SHA_256', rsa], ['RSA_AES_KEY_WRAP_SHA_256', rsa]] as const) {
        const blob = await wrapKey(key, { algorithm, wrappingKey });
        const back = await unwrapKey(blob, { algorithm, unwrappingKey: wrappingKey, spec });
        expect(await hexOf(back, 'pkcs8-der'), `${spec} ${algorithm}`).toBe(await hexOf(key, 'pkcs8-der'));
      }
      // a key without its seed has no seed-only PKCS#8 to wrap
      const expandedOnly = await importKey(spec, (await exportKey(key, 'pkcs8-der', { pqForm: 'expanded' })) as Uint8Array, 'pkcs8-der');
      expect(await codeOf(wrapKey(expandedOnly, { algorithm: 'AES_KWP', wrappingKey: kek }))).toBe('UNSUPPORTED');
    }
  }, 60_000);
});
