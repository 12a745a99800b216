import { describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { knownResult, readOwnJson, readSharedJson, sharedAvailable } from './helpers/vectors.js';
import { codeOfSync } from './helpers/codes.js';
import { HMAC_PARAMS, constantTimeEqual, hmacGenerate, hmacVerify, type HmacAlgorithm } from '../src/mac/hmac.js';
import { bytesToHex, hex } from '../src/bytes.js';
import { seededRandom } from '../src/random.js';

const NODE_NAME: Record<HmacAlgorithm, string> = { HMAC_SHA_224: 'sha224', HMAC_SHA_256: 'sha256', HMAC_SHA_384: 'sha384', HMAC_SHA_512: 'sha512', HMAC_SM3: 'sm3' };
const ALGORITHMS = Object.keys(HMAC_PARAMS) as HmacAlgorithm[];

describe('RFC 4231 §4 test cases 1-7 (vectors/rfc4231_hmac_sha2.json)', () => {
  const data = readOwnJson('rfc4231_hmac_sha2.json');
  const byRfcName: Record<string, HmacAlgorithm> = { 'SHA-224': 'HMAC_SHA_224', 'SHA-256': 'HMAC_SHA_256', 'SHA-384': 'HMAC_SHA_384', 'SHA-512': 'HMAC_SHA_512' };
  it('every case, every hash', () => {
    expect(data.source).toMatch(/RFC 4231/);
    let n = 0;
    for (const t of data.tests) {
      for (const [name, expected] of Object.entries(t.hmac as Record<string, string>)) {
        const alg = byRfcName[name];
        if (alg === undefined) throw new Error(`unknown hash ${name}`);
        const key = hex(t.key);
        const msg = hex(t.data);
        const full = hmacGenerate(alg, key, msg);
        const cut = t.truncationBits === undefined ? full : full.subarray(0, t.truncationBits / 8);
        expect(bytesToHex(cut), `${t.section} ${name}`).toBe(expected);
        expect(hmacVerify(alg, key, msg, full)).toBe(true);
        if (t.truncationBits !== undefined) expect(hmacVerify(alg, key, msg, cut)).toBe(false); // full tags only
        n++;
      }
    }
    expect(n).toBe(28);
  });
});

describe.skipIf(!sharedAvailable)('Wycheproof HMAC', () => {
  const files: [string, HmacAlgorithm, string][] = [
    ['hmac_sha224_test.json', 'HMAC_SHA_224', 'HMACSHA224'],
    ['hmac_sha256_test.json', 'HMAC_SHA_256', 'HMACSHA256'],
    ['hmac_sha384_test.json', 'HMAC_SHA_384', 'HMACSHA384'],
    ['hmac_sha512_test.json', 'HMAC_SHA_512', 'HMACSHA512'],
    ['hmac_sm3_test.json', 'HMAC_SM3', 'HMACSM3'],
  ];
  for (const [file, alg, name] of files) {
    it(file, () => {
      const data = readSharedJson(`wycheproof/testvectors_v1/${file}`);
      expect(data.algorithm).toBe(name);
      const full = HMAC_PARAMS[alg].tagBytes;
      let n = 0;
      for (const g of data.testGroups) {
        for (const t of g.tests) {
          n++;
          const valid = knownResult(t.result, ['valid', 'invalid']) === 'valid';
          for (const f of t.flags) expect(['Pseudorandom', 'ModifiedTag']).toContain(f);
          const key = hex(t.key);
          const msg = hex(t.msg);
          const tag = hex(t.tag);
          const mac = hmacGenerate(alg, key, msg);
          expect(mac.length).toBe(full);
          // a truncated-tag group is valid when the tag is the MAC's prefix; keysmith's verify takes full tags only
          expect(bytesToHex(mac.subarray(0, g.tagSize / 8)) === t.tag, `tc ${t.tcId}`).toBe(valid);
          expect(hmacVerify(alg, key, msg, tag), `tc ${t.tcId}`).toBe(valid && g.tagSize / 8 === full);
        }
      }
      expect(n).toBe(data.numberOfTests);
    });
  }
});

describe('HMAC against node:crypto and the openssl CLI, both directions', () => {
  const random = seededRandom('keysmith hmac interop');
  for (const alg of ALGORITHMS) {
    it(alg, () => {
      for (const [keyLen, msgLen] of [[HMAC_PARAMS[alg].tagBytes, 0], [HMAC_PARAMS[alg].tagBytes, 1000], [200, 33], [1, 64]] as const) {
        const key = random(keyLen);
        const msg = random(msgLen);
        const ours = hmacGenerate(alg, key, msg);
        const node = createHmac(NODE_NAME[alg], key).update(msg).digest();
        expect(bytesToHex(ours)).toBe(node.toString('hex'));
        expect(hmacVerify(alg, key, msg, node)).toBe(true);
        const out = execFileSync('openssl', ['dgst', `-${NODE_NAME[alg]}`, '-mac', 'HMAC', '-macopt', `hexkey:${bytesToHex(key)}`], { input: msg }).toString();
        expect(out.trim().split('= ')[1]).toBe(bytesToHex(ours));
      }
    });
  }
});

describe('HMAC edges', () => {
  it('a flipped bit anywhere in the tag, a short and a long tag are all invalid', () => {
    const key = new Uint8Array(32).fill(1);
    const msg = new Uint8Array(5);
    const tag = hmacGenerate('HMAC_SHA_256', key, msg);
    for (let i = 0; i < tag.length * 8; i++) {
      const bad = Uint8Array.from(tag);
      bad[i >> 3]! ^= 1 << (i & 7);
      expect(hmacVerify('HMAC_SHA_256', key, msg, bad)).toBe(false);
    }
    expect(hmacVerify('HMAC_SHA_256', key, msg, tag.subarray(0, 31))).toBe(false);
    expect(hmacVerify('HMAC_SHA_256', key, msg, Uint8Array.from([...tag, 0]))).toBe(false);
    expect(constantTimeEqual(new Uint8Array(0), new Uint8Array(0))).toBe(true);
  });

  it('unknown algorithms and non-byte inputs are INVALID_ARGUMENT', () => {
    expect(codeOfSync(() => hmacGenerate('HMAC_SHA_1' as HmacAlgorithm, new Uint8Array(1), new Uint8Array(0)))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => hmacGenerate('HMAC_SM3', 'key' as unknown as Uint8Array, new Uint8Array(0)))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => hmacVerify('HMAC_SM3', new Uint8Array(1), new Uint8Array(0), null as unknown as Uint8Array))).toBe('INVALID_ARGUMENT');
  });
});
