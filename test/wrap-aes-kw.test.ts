import { describe, expect, it } from 'vitest';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { aesKwUnwrap, aesKwWrap, aesKwpUnwrap, aesKwpWrap } from '../src/wrap/aes-kw.js';
import { hex, bytesToHex } from '../src/bytes.js';
import { knownResult, readSharedJson, sharedAvailable } from './helpers/vectors.js';
import { codeOfSync } from './helpers/codes.js';

const schemes = {
  KW: { wrap: aesKwWrap, unwrap: aesKwUnwrap },
  KWP: { wrap: aesKwpWrap, unwrap: aesKwpUnwrap },
} as const;

describe.skipIf(!sharedAvailable)('AES-KW / AES-KWP: Wycheproof', () => {
  for (const [file, scheme, total] of [
    ['wycheproof/testvectors_v1/aes_wrap_test.json', 'KW', 165],
    ['wycheproof/testvectors_v1/aes_kwp_test.json', 'KWP', 254],
  ] as const) {
    it(`${file}: all ${total} cases`, () => {
      const data = readSharedJson(file);
      const { wrap, unwrap } = schemes[scheme];
      const seen = { valid: 0, invalid: 0, acceptable: 0 };
      for (const group of data.testGroups) {
        for (const t of group.tests) {
          const result = knownResult(t.result) as keyof typeof seen;
          seen[result]++;
          const key = hex(t.key);
          const msg = hex(t.msg);
          const ct = hex(t.ct);
          const where = `tcId ${t.tcId} (${t.flags.join(',')})`;
          if (result === 'valid') {
            expect(bytesToHex(wrap(key, msg)), where).toBe(t.ct);
            expect(bytesToHex(unwrap(key, ct)), where).toBe(t.msg);
          } else if (result === 'invalid') {
            expect(codeOfSync(() => unwrap(key, ct)), where).toBe('UNWRAP_FAILED');
            if (t.flags.some((f: string) => ['WrongDataSize', 'EmptyKey', 'ShortKey'].includes(f)) && scheme === 'KW') {
              expect(codeOfSync(() => wrap(key, msg)), where).toBe('INVALID_ARGUMENT');
            }
          } else {
            // ShortKey (8-byte data): RFC 3394 allows it, SP 800-38F does not; keysmith follows SP 800-38F.
            expect(codeOfSync(() => unwrap(key, ct)), where).toBe('UNWRAP_FAILED');
          }
        }
      }
      expect(seen.valid + seen.invalid + seen.acceptable).toBe(total);
      expect(seen).toEqual(scheme === 'KW' ? { valid: 36, invalid: 126, acceptable: 3 } : { valid: 77, invalid: 177, acceptable: 0 });
    });
  }
});

describe.skipIf(!sharedAvailable)('AES-KW / AES-KWP: RFC 3394 §4 and RFC 5649 §6', () => {
  it('all vectors and the wrong-KEK case', () => {
    const data = readSharedJson('rfc/rfc3394_rfc5649_keywrap.json');
    let n = 0;
    for (const [section, scheme] of [['rfc3394_aes_kw', 'KW'], ['rfc5649_aes_kwp', 'KWP']] as const) {
      const { wrap, unwrap } = schemes[scheme];
      for (const v of data[section].vectors) {
        expect(bytesToHex(wrap(hex(v.kek), hex(v.keyData))), v.id).toBe(v.ciphertext.toLowerCase());
        expect(bytesToHex(unwrap(hex(v.kek), hex(v.ciphertext))), v.id).toBe(v.keyData.toLowerCase());
        n++;
      }
      for (const v of data[section].negative ?? []) {
        expect(knownResult(v.result)).toBe('invalid');
        expect(codeOfSync(() => unwrap(hex(v.kek), hex(v.ciphertext))), v.id).toBe('UNWRAP_FAILED');
        n++;
      }
    }
    expect(n).toBe(11);
  });
});

describe.skipIf(!sharedAvailable)('AES-KW / AES-KWP: ACVP subsets', () => {
  for (const [file, scheme, total, mustFail] of [
    ['cavp/acvp/aes-kw_subset.json', 'KW', 450, 41],
    ['cavp/acvp/aes-kwp_subset.json', 'KWP', 300, 35],
  ] as const) {
    it(`${file}: ${total} tests`, () => {
      const data = readSharedJson(file);
      const { wrap, unwrap } = schemes[scheme];
      let ran = 0;
      let failed = 0;
      for (const g of data.testGroups) {
        expect(g.kwCipher).toBe('cipher');
        for (const t of g.tests) {
          const key = hex(t.key);
          if (g.direction === 'encrypt') {
            expect(bytesToHex(wrap(key, hex(t.pt))).toUpperCase(), `tc ${t.tcId}`).toBe(t.ct);
          } else if (g.direction === 'decrypt') {
            if (t.testPassed === false) {
              expect(codeOfSync(() => unwrap(key, hex(t.ct))), `tc ${t.tcId}`).toBe('UNWRAP_FAILED');
              failed++;
            } else {
              expect(bytesToHex(unwrap(key, hex(t.ct))).toUpperCase(), `tc ${t.tcId}`).toBe(t.pt);
            }
          } else {
            throw new Error(`unknown direction ${g.direction}`);
          }
          ran++;
        }
      }
      expect(ran).toBe(total);
      expect(failed).toBe(mustFail);
    });
  }
});

describe('AES-KW / AES-KWP: interop with node:crypto', () => {
  const KW_IV = Buffer.from('A6A6A6A6A6A6A6A6', 'hex'); // RFC 3394 §2.2.3.1
  const KWP_IV = Buffer.from('A65959A6', 'hex'); // RFC 5649 §3
  for (const bits of [128, 192, 256]) {
    it(`id-aes${bits}-wrap and id-aes${bits}-wrap-pad, both directions`, () => {
      for (let i = 0; i < 8; i++) {
        const kek = randomBytes(bits / 8);
        const kwData = randomBytes(16 + 8 * i);
        const kwpData = randomBytes(1 + 7 * i);
        const nodeWrap = (name: string, iv: Buffer, d: Buffer) => {
          const c = createCipheriv(name, kek, iv);
          return Buffer.concat([c.update(d), c.final()]);
        };
        const nodeUnwrap = (name: string, iv: Buffer, d: Uint8Array) => {
          const c = createDecipheriv(name, kek, iv);
          return Buffer.concat([c.update(d), c.final()]);
        };
        const ours = aesKwWrap(kek, kwData);
        expect(nodeUnwrap(`id-aes${bits}-wrap`, KW_IV, ours).equals(kwData)).toBe(true);
        expect(Buffer.from(aesKwUnwrap(kek, nodeWrap(`id-aes${bits}-wrap`, KW_IV, kwData))).equals(kwData)).toBe(true);
        const oursP = aesKwpWrap(kek, kwpData);
        expect(nodeUnwrap(`id-aes${bits}-wrap-pad`, KWP_IV, oursP).equals(kwpData)).toBe(true);
        expect(Buffer.from(aesKwpUnwrap(kek, nodeWrap(`id-aes${bits}-wrap-pad`, KWP_IV, kwpData))).equals(kwpData)).toBe(true);
      }
    });
  }
});

describe('AES-KW / AES-KWP: errors', () => {
  const kek = new Uint8Array(32).fill(7);
  it('bad KEK length is INVALID_ARGUMENT', () => {
    for (const n of [0, 8, 15, 17, 31, 33]) {
      expect(codeOfSync(() => aesKwWrap(new Uint8Array(n), new Uint8Array(16)))).toBe('INVALID_ARGUMENT');
      expect(codeOfSync(() => aesKwUnwrap(new Uint8Array(n), new Uint8Array(24)))).toBe('INVALID_ARGUMENT');
      expect(codeOfSync(() => aesKwpWrap(new Uint8Array(n), new Uint8Array(16)))).toBe('INVALID_ARGUMENT');
      expect(codeOfSync(() => aesKwpUnwrap(new Uint8Array(n), new Uint8Array(24)))).toBe('INVALID_ARGUMENT');
    }
  });
  it('non-bytes are INVALID_ARGUMENT, never a raw TypeError', () => {
    for (const bad of [undefined, null, 'abc', 12, [1, 2, 3], {}]) {
      expect(codeOfSync(() => aesKwWrap(bad as never, new Uint8Array(16)))).toBe('INVALID_ARGUMENT');
      expect(codeOfSync(() => aesKwWrap(kek, bad as never))).toBe('INVALID_ARGUMENT');
      expect(codeOfSync(() => aesKwpUnwrap(kek, bad as never))).toBe('INVALID_ARGUMENT');
    }
  });
  it('bad data lengths: wrap INVALID_ARGUMENT, unwrap UNWRAP_FAILED', () => {
    for (const n of [0, 8, 15, 17, 23]) expect(codeOfSync(() => aesKwWrap(kek, new Uint8Array(n)))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => aesKwpWrap(kek, new Uint8Array(0)))).toBe('INVALID_ARGUMENT');
    for (const n of [0, 8, 16, 23, 25, 31]) {
      expect(codeOfSync(() => aesKwUnwrap(kek, new Uint8Array(n)))).toBe('UNWRAP_FAILED');
      expect(codeOfSync(() => aesKwpUnwrap(kek, new Uint8Array(n)))).toBe('UNWRAP_FAILED');
    }
  });
  it('every flipped bit position of a blob is rejected', () => {
    const data = new Uint8Array(32).fill(9);
    for (const [wrap, unwrap] of [[aesKwWrap, aesKwUnwrap], [aesKwpWrap, aesKwpUnwrap]] as const) {
      const blob = wrap(kek, data);
      for (let i = 0; i < blob.length; i++) {
        const t = blob.slice();
        t[i]! ^= 0x01 << (i % 8);
        expect(codeOfSync(() => unwrap(kek, t))).toBe('UNWRAP_FAILED');
      }
      expect(codeOfSync(() => unwrap(kek, blob.subarray(0, blob.length - 8)))).toBe('UNWRAP_FAILED');
    }
  });
});
