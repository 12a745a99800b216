import { describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import {
  exportKey, fromCreateKey, generateKey, getSpec, importKey, keyCheckValue, keyIdentifier, generateMac, verifyMac, seededRandom,
  type Key, type MacAlgorithmName, type SymmetricSpec,
} from '../src/index.js';
import { knownResult, readOwnJson, readSharedJson, sharedAvailable } from './helpers/vectors.js';
import { codeOf } from './helpers/codes.js';
import { bytesToHex, hex } from '../src/bytes.js';
import { hmacGenerate } from '../src/mac/hmac.js';

const SPECS = ['HMAC_224', 'HMAC_256', 'HMAC_384', 'HMAC_512', 'HMAC_SM3'] as const;
const NODE: Record<MacAlgorithmName, string> = { HMAC_SHA_224: 'sha224', HMAC_SHA_256: 'sha256', HMAC_SHA_384: 'sha384', HMAC_SHA_512: 'sha512', HMAC_SM3: 'sm3' };
const spec = (name: string) => getSpec(name) as SymmetricSpec;
const importRaw = async (name: string, key: Uint8Array) => (await importKey(name, key, 'raw', { usage: 'GENERATE_VERIFY_MAC' })) as Key;

describe.skipIf(!sharedAvailable)('Wycheproof HMAC through the public generateMac / verifyMac', () => {
  const files: [string, (typeof SPECS)[number]][] = [
    ['hmac_sha224_test.json', 'HMAC_224'],
    ['hmac_sha256_test.json', 'HMAC_256'],
    ['hmac_sha384_test.json', 'HMAC_384'],
    ['hmac_sha512_test.json', 'HMAC_512'],
    ['hmac_sm3_test.json', 'HMAC_SM3'],
  ];
  for (const [file, name] of files) {
    it(`${file} → ${name}`, async () => {
      const s = spec(name);
      const data = readSharedJson(`wycheproof/testvectors_v1/${file}`);
      let run = 0;
      let refused = 0;
      for (const g of data.testGroups) {
        for (const t of g.tests) {
          const valid = knownResult(t.result, ['valid', 'invalid']) === 'valid';
          const key = hex(t.key);
          const msg = hex(t.msg);
          const tag = hex(t.tag);
          if (key.length !== s.keyBytes) {
            // a key of another length is not a key of this spec (AWS and GCP: the digest length)
            expect(await codeOf(importRaw(name, key)), `tc ${t.tcId}`).toBe('INVALID_KEY');
            refused++;
            continue;
          }
          const k = await importRaw(name, key);
          const mac = await generateMac(k, msg);
          expect(mac.length).toBe(s.keyBytes); // every HMAC spec's key is as long as its tag
          expect(bytesToHex(mac.subarray(0, g.tagSize / 8)) === t.tag, `tc ${t.tcId}`).toBe(valid);
          // VerifyMac compares the full tag: a truncated one never verifies, even when it is a valid prefix
          expect(await verifyMac(k, msg, tag), `tc ${t.tcId}`).toBe(valid && tag.length === mac.length);
          await k.release();
          run++;
        }
      }
      expect(run + refused).toBe(data.numberOfTests);
      expect(run).toBeGreaterThan(100);
    });
  }
});

describe('RFC 4231 (vectors/rfc4231_hmac_sha2.json) through the public API', () => {
  it('every case whose key has a spec length runs through generateMac; the others are refused for the spec', async () => {
    const data = readOwnJson('rfc4231_hmac_sha2.json');
    const bySha: Record<string, string> = { 'SHA-224': 'HMAC_224', 'SHA-256': 'HMAC_256', 'SHA-384': 'HMAC_384', 'SHA-512': 'HMAC_512' };
    let n = 0;
    for (const t of data.tests) {
      for (const [sha, expected] of Object.entries(t.hmac as Record<string, string>)) {
        const name = bySha[sha];
        if (name === undefined) throw new Error(`unknown hash ${sha}`);
        const key = hex(t.key);
        if (key.length !== spec(name).keyBytes) {
          expect(await codeOf(importRaw(name, key))).toBe('INVALID_KEY');
          // the primitive the provider calls still gives RFC 4231's value for any key length
          const full = hmacGenerate(spec(name).mac!, key, hex(t.data));
          expect(bytesToHex(t.truncationBits ? full.subarray(0, t.truncationBits / 8) : full)).toBe(expected);
        } else {
          const full = await generateMac(await importRaw(name, key), hex(t.data));
          expect(bytesToHex(t.truncationBits ? full.subarray(0, t.truncationBits / 8) : full)).toBe(expected);
        }
        n++;
      }
    }
    expect(n).toBe(28);
  });
});

describe('HMAC keys against node:crypto and openssl, both directions', () => {
  for (const name of SPECS) {
    it(name, async () => {
      const s = spec(name);
      const key = (await generateKey(name, { random: seededRandom(`hmac peers ${name}`) })) as Key;
      expect(key.usage).toBe('GENERATE_VERIFY_MAC');
      const raw = (await exportKey(key, 'raw')) as Uint8Array;
      expect(raw.length).toBe(s.keyBytes);
      for (const msg of [new Uint8Array(0), seededRandom('msg')(1000)]) {
        const ours = await generateMac(key, msg);
        const node = createHmac(NODE[s.mac!], raw).update(msg).digest();
        expect(bytesToHex(ours)).toBe(node.toString('hex'));
        expect(await verifyMac(key, msg, new Uint8Array(node))).toBe(true);
        const out = execFileSync('openssl', ['dgst', `-${NODE[s.mac!]}`, '-mac', 'HMAC', '-macopt', `hexkey:${bytesToHex(raw)}`], { input: msg }).toString();
        const theirs = hex(out.trim().split('= ')[1]!);
        expect(await verifyMac(key, msg, theirs)).toBe(true);
        theirs[0]! ^= 1;
        expect(await verifyMac(key, msg, theirs)).toBe(false);
      }
      // JWK oct, as the other secret keys (RFC 7518 §6.4)
      const jwk = (await exportKey(key, 'jwk')) as { kty: string; k: string };
      expect(jwk.kty).toBe('oct');
      const back = (await importKey(name, jwk, 'jwk')) as Key;
      expect(back.usage).toBe('GENERATE_VERIFY_MAC');
      expect(bytesToHex((await exportKey(back, 'raw')) as Uint8Array)).toBe(bytesToHex(raw));
    });
  }
});

describe('HMAC key rules', () => {
  it('generateMac / verifyMac refuse other usages, other algorithms and non-secret keys', async () => {
    const h = (await generateKey('HMAC_256')) as Key;
    const msg = new Uint8Array(3);
    expect(await codeOf(generateMac(h, msg, { algorithm: 'HMAC_SHA_384' }))).toBe('UNSUPPORTED');
    expect(await codeOf(generateMac(h, msg, { algorithm: 'HMAC_SHA_1' as MacAlgorithmName }))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(generateMac(h, 'x' as unknown as Uint8Array))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(generateMac(await generateKey('AES_256'), msg))).toBe('INVALID_USAGE');
    expect(await codeOf(generateMac(await generateKey('EC_P256'), msg))).toBe('INVALID_ARGUMENT');
    // @ts-expect-error HMAC_256 allows GENERATE_VERIFY_MAC only: the type refuses it, and so does the run-time check
    expect(await codeOf(generateKey('HMAC_256', { usage: 'ENCRYPT_DECRYPT' }))).toBe('INVALID_USAGE');
    const tag = await generateMac(h, msg, { algorithm: 'HMAC_SHA_256' });
    expect(await verifyMac(h, msg, tag.subarray(0, 16))).toBe(false);
    await h.release();
    expect(await codeOf(generateMac(h, msg))).toBe('KEY_DESTROYED');
  });

  it('the key check value of an HMAC key is HMAC(key, 0¹²⁸) truncated to 3 bytes, and names the key', async () => {
    for (const name of SPECS) {
      const k = (await generateKey(name)) as Key;
      const raw = (await exportKey(k, 'raw')) as Uint8Array;
      const expected = bytesToHex(hmacGenerate(spec(name).mac!, raw, new Uint8Array(16)).subarray(0, 3)).toUpperCase();
      expect(await keyCheckValue(k)).toBe(expected);
      expect(await keyIdentifier(k)).toEqual({ kind: 'key-check-value', value: expected });
    }
  });

  it('the clouds: AWS needs KeyUsage GENERATE_VERIFY_MAC; Huawei defaults HMAC keys to it; GCP purpose MAC', () => {
    expect(fromCreateKey('aws', { KeySpec: 'HMAC_224', KeyUsage: 'GENERATE_VERIFY_MAC' })).toMatchObject({ spec: { name: 'HMAC_224' }, usage: 'GENERATE_VERIFY_MAC' });
    expect(() => fromCreateKey('aws', { KeySpec: 'HMAC_512' })).toThrow(expect.objectContaining({ code: 'INVALID_USAGE' }));
    expect(() => fromCreateKey('aws', { KeySpec: 'HMAC_512', KeyUsage: 'SIGN_VERIFY' })).toThrow(expect.objectContaining({ code: 'INVALID_USAGE' }));
    expect(fromCreateKey('huawei', { key_spec: 'HMAC_SM3' })).toMatchObject({ spec: { name: 'HMAC_SM3' }, usage: 'GENERATE_VERIFY_MAC' });
    expect(fromCreateKey('huawei', { key_spec: 'HMAC_384', key_usage: 'GENERATE_VERIFY_MAC' }).spec.name).toBe('HMAC_384');
    expect(() => fromCreateKey('huawei', { key_spec: 'HMAC_224' })).toThrow(expect.objectContaining({ code: 'UNKNOWN_SPEC' }));
    for (const bits of [224, 256, 384, 512]) {
      expect(fromCreateKey('gcp', { purpose: 'MAC', versionTemplate: { algorithm: `HMAC_SHA${bits}` } })).toMatchObject({ spec: { name: `HMAC_${bits}` }, usage: 'GENERATE_VERIFY_MAC' });
    }
  });
});
