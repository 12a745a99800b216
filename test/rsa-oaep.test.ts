import { describe, expect, it } from 'vitest';
import { constants, createPrivateKey, createPublicKey, privateDecrypt, publicEncrypt } from 'node:crypto';
import { oaepDecrypt, oaepEncrypt } from '../src/rsa/oaep.js';
import type { RsaHashName } from '../src/rsa/hashes.js';
import type { RsaPrivateKeyLike } from '../src/rsa/key-shape.js';
import { generateRsaPrivate } from '../src/rsa/keygen.js';
import { seededRandom, systemRandom } from '../src/random.js';
import { KeysmithError } from '../src/errors.js';
import { knownResult, readSharedJson, sharedAvailable } from './helpers/vectors.js';
import { codeOfSync } from './helpers/codes.js';
import { big, hexBytes, toHex, toJwk } from './helpers/rsa-fixtures.js';

const HASHES: readonly string[] = ['SHA-1', 'SHA-224', 'SHA-256', 'SHA-384', 'SHA-512'];
function hashName(name: string): RsaHashName {
  if (!HASHES.includes(name)) throw new Error(`test vectors name a hash this suite does not handle: ${name}`);
  return name as RsaHashName;
}

/** Wycheproof `privateKey` (two's-complement hex, all positive here). */
function wycheproofKey(k: Record<string, string>): RsaPrivateKeyLike {
  return {
    n: big(k.modulus!),
    e: big(k.publicExponent!),
    d: big(k.privateExponent!),
    p: big(k.prime1!),
    q: big(k.prime2!),
    dp: big(k.exponent1!),
    dq: big(k.exponent2!),
    qi: big(k.coefficient!),
  };
}

const WYCHEPROOF_FILES: Record<string, number> = {
  'rsa_oaep_2048_sha1_mgf1sha1_test.json': 36,
  'rsa_oaep_2048_sha256_mgf1sha256_test.json': 37,
  'rsa_oaep_3072_sha256_mgf1sha256_test.json': 37,
  'rsa_oaep_4096_sha256_mgf1sha256_test.json': 37,
  'rsa_oaep_2048_sha256_mgf1sha1_test.json': 31,
  'rsa_oaep_3072_sha256_mgf1sha1_test.json': 32,
  'rsa_oaep_4096_sha256_mgf1sha1_test.json': 32,
  'rsa_oaep_misc_test.json': 395,
};

describe.skipIf(!sharedAvailable)('Wycheproof RSAES-OAEP decryption', () => {
  for (const [name, expected] of Object.entries(WYCHEPROOF_FILES)) {
    it(`${name}: all ${expected} cases`, () => {
      const file = readSharedJson(`wycheproof/testvectors_v1/${name}`);
      const counts = { valid: 0, invalid: 0, acceptable: 0 };
      for (const group of file.testGroups) {
        if (group.mgf !== 'MGF1') throw new Error(`unsupported mask generation function ${group.mgf}`);
        const key = wycheproofKey(group.privateKey);
        const params = { hash: hashName(group.sha), mgfHash: hashName(group.mgfSha) };
        for (const t of group.tests) {
          const result = knownResult(t.result) as keyof typeof counts;
          counts[result]++;
          const ct = hexBytes(t.ct);
          const opts = { ...params, label: hexBytes(t.label) };
          const id = `${name} tcId ${t.tcId}`;
          if (result === 'valid') {
            expect(toHex(oaepDecrypt(key, ct, opts)), id).toBe(t.msg);
          } else if (result === 'invalid') {
            expect(codeOfSync(() => oaepDecrypt(key, ct, opts)), id).toBe('UNWRAP_FAILED');
          } else {
            // acceptable: either the stated plaintext or the one decryption error
            let out: string | undefined;
            try {
              out = toHex(oaepDecrypt(key, ct, opts));
            } catch (e) {
              expect(e instanceof KeysmithError && e.code, id).toBe('UNWRAP_FAILED');
            }
            if (out !== undefined) expect(out, id).toBe(t.msg);
          }
        }
      }
      expect(counts.valid + counts.invalid + counts.acceptable).toBe(expected);
      expect(file.numberOfTests).toBe(expected);
    });
  }
});

describe.skipIf(!sharedAvailable)('OAEP fixed-seed encryption KATs (RSA Labs SHA-1, forge SHA-256)', () => {
  it('all 119 encryptions are byte-exact and decrypt back', () => {
    const file = readSharedJson('oaep/oaep_fixed_seed_kat.json');
    const names: Record<string, RsaHashName> = { sha1: 'SHA-1', sha256: 'SHA-256' };
    let ran = 0;
    for (const group of file.groups) {
      const hash = names[group.hash];
      if (!hash) throw new Error(`unknown hash ${group.hash}`);
      const k = group.key;
      const key = { n: big(k.modulus), e: big(k.exponent), d: big(k.d), p: big(k.p), q: big(k.q), dp: big(k.dP), dq: big(k.dQ), qi: big(k.qInv) };
      for (const ex of group.examples) {
        const seed = hexBytes(ex.seed);
        const random = (n: number) => {
          if (n !== seed.length) throw new Error(`asked for ${n} random bytes, seed has ${seed.length}`);
          return seed.slice();
        };
        const ct = oaepEncrypt(key, hexBytes(ex.message), { hash, random });
        expect(toHex(ct), ex.title).toBe(ex.ciphertext.toLowerCase());
        expect(toHex(oaepDecrypt(key, ct, { hash })), ex.title).toBe(ex.message.toLowerCase());
        ran++;
      }
    }
    expect(ran).toBe(119);
  });
});

describe('OAEP interop with node:crypto', () => {
  const key = generateRsaPrivate(2048, 65537n, seededRandom('oaep interop'));
  const nodePriv = createPrivateKey({ key: toJwk(key), format: 'jwk' });
  const nodePub = createPublicKey(nodePriv);
  const msg = new Uint8Array(Buffer.from('a 32-byte data key, say........'));

  for (const [ours, theirs] of [
    ['SHA-1', 'sha1'],
    ['SHA-256', 'sha256'],
  ] as const) {
    it(`${ours}: keysmith encrypts, node decrypts; node encrypts, keysmith decrypts`, () => {
      for (let i = 0; i < 3; i++) {
        const ct = oaepEncrypt(key, msg, { hash: ours, random: systemRandom });
        const back = privateDecrypt({ key: nodePriv, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: theirs }, ct);
        expect(toHex(back)).toBe(toHex(msg));
        const nodeCt = publicEncrypt({ key: nodePub, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: theirs }, msg);
        expect(toHex(oaepDecrypt(key, new Uint8Array(nodeCt), { hash: ours }))).toBe(toHex(msg));
      }
    });
  }

  it('labels interoperate, and the wrong label is UNWRAP_FAILED', () => {
    const label = new Uint8Array(Buffer.from('context label'));
    const nodeCt = publicEncrypt({ key: nodePub, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256', oaepLabel: label }, msg);
    expect(toHex(oaepDecrypt(key, new Uint8Array(nodeCt), { hash: 'SHA-256', label }))).toBe(toHex(msg));
    expect(codeOfSync(() => oaepDecrypt(key, new Uint8Array(nodeCt), { hash: 'SHA-256' }))).toBe('UNWRAP_FAILED');
    const ct = oaepEncrypt(key, msg, { hash: 'SHA-256', label, random: systemRandom });
    expect(toHex(privateDecrypt({ key: nodePriv, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256', oaepLabel: label }, ct))).toBe(toHex(msg));
  });

  it('message length limits: k − 2hLen − 2 fits, one more is INVALID_ARGUMENT', () => {
    const max = 256 - 2 * 32 - 2;
    const ct = oaepEncrypt(key, new Uint8Array(max).fill(7), { hash: 'SHA-256', random: systemRandom });
    expect(oaepDecrypt(key, ct, { hash: 'SHA-256' }).length).toBe(max);
    expect(codeOfSync(() => oaepEncrypt(key, new Uint8Array(max + 1), { hash: 'SHA-256', random: systemRandom }))).toBe('INVALID_ARGUMENT');
    const empty = oaepEncrypt(key, new Uint8Array(0), { hash: 'SHA-1', random: systemRandom });
    expect(oaepDecrypt(key, empty, { hash: 'SHA-1' }).length).toBe(0);
  });

  it('every decryption failure is the same UNWRAP_FAILED', () => {
    const ct = oaepEncrypt(key, msg, { hash: 'SHA-256', random: systemRandom });
    const errors = new Set<string>();
    const tryIt = (c: Uint8Array, hash: RsaHashName = 'SHA-256') => {
      try {
        oaepDecrypt(key, c, { hash });
        errors.add('decrypted');
      } catch (e) {
        errors.add(e instanceof KeysmithError ? `${e.code}:${e.message}` : 'raw');
      }
    };
    tryIt(ct.subarray(1)); // short
    tryIt(new Uint8Array([...ct, 0])); // long
    tryIt(new Uint8Array(256).fill(0xff)); // ≥ n
    tryIt(ct, 'SHA-1'); // wrong hash
    for (let i = 0; i < ct.length; i += 17) {
      const bad = ct.slice();
      bad[i]! ^= 0x01;
      tryIt(bad);
    }
    expect([...errors]).toEqual(['UNWRAP_FAILED:decryption failed']);
  });

  it('bad arguments', () => {
    const ct = oaepEncrypt(key, msg, { hash: 'SHA-256', random: systemRandom });
    expect(codeOfSync(() => oaepEncrypt(key, msg, { hash: 'MD5' as never, random: systemRandom }))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => oaepEncrypt(key, msg, { hash: 'SHA-256', mgfHash: 'SHA3' as never, random: systemRandom }))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => oaepEncrypt(key, 'text' as never, { hash: 'SHA-256', random: systemRandom }))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => oaepEncrypt(key, msg, { hash: 'SHA-256', random: undefined as never }))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => oaepEncrypt(key, msg, { hash: 'SHA-256', random: () => new Uint8Array(5) }))).toBe('RNG_FAILURE');
    expect(codeOfSync(() => oaepEncrypt(key, msg, { hash: 'SHA-256', label: 'x' as never, random: systemRandom }))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => oaepEncrypt(key, msg, null as never))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => oaepEncrypt({ n: 15n, e: 1n }, msg, { hash: 'SHA-256', random: systemRandom }))).toBe('INVALID_KEY');
    expect(codeOfSync(() => oaepEncrypt(null as never, msg, { hash: 'SHA-256', random: systemRandom }))).toBe('INVALID_KEY');
    expect(codeOfSync(() => oaepDecrypt(key, [1, 2] as never, { hash: 'SHA-256' }))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => oaepDecrypt({ ...key, p: key.p + 2n }, ct, { hash: 'SHA-256' }))).toBe('INVALID_KEY');
    expect(codeOfSync(() => oaepDecrypt({ n: key.n, e: key.e } as never, ct, { hash: 'SHA-256' }))).toBe('INVALID_KEY');
    // a wrong CRT exponent is caught by the e-check in RSADP
    expect(codeOfSync(() => oaepDecrypt({ ...key, dp: key.dp - 2n }, ct, { hash: 'SHA-256' }))).toBe('INVALID_KEY');
  });
});
