import { expect } from 'vitest';
import { deriveSharedSecret, importKey, KeysmithError, type KeyMaterialProvider, type KeyPair } from '../../src/index.js';
import { bigIntToBytes, bytesToBigInt, bytesToHex, hex } from '../../src/bytes.js';
import { knownResult, readSharedJson } from './vectors.js';

/** What deriveSharedSecret did with each Wycheproof result category. */
export interface EcdhTally {
  valid: number;
  invalid: number;
  acceptedAcceptable: number;
  refusedAcceptable: number;
}

/**
 * Wycheproof ecdh_secp521r1_test.json through the public deriveSharedSecret, with the private keys imported onto
 * `provider` (non-extractable when asked): a valid case must give Wycheproof's secret, an invalid peer must be
 * refused with a documented code, an acceptable one either (and then with the right secret). Every case is
 * counted; an unknown result category fails (knownResult).
 */
export async function wycheproofP521Ecdh(provider?: KeyMaterialProvider, extractable = true): Promise<EcdhTally> {
  const data = readSharedJson('wycheproof/testvectors_v1/ecdh_secp521r1_test.json');
  const keys = new Map<string, KeyPair>();
  const seen: EcdhTally = { valid: 0, invalid: 0, acceptedAcceptable: 0, refusedAcceptable: 0 };
  const REFUSALS = ['INVALID_KEY', 'INVALID_FORMAT', 'UNSUPPORTED'];
  for (const g of data.testGroups) {
    expect(g.curve).toBe('secp521r1');
    expect(g.encoding).toBe('asn');
    for (const t of g.tests) {
      const result = knownResult(t.result);
      let kp = keys.get(t.private);
      if (!kp) {
        const d = bigIntToBytes(bytesToBigInt(hex(t.private)), 66); // Wycheproof writes a signed integer
        kp = (await importKey('EC_P521', d, 'raw', { usage: 'KEY_AGREEMENT', ...(provider ? { provider } : {}), attributes: { extractable } })) as KeyPair;
        keys.set(t.private, kp);
      }
      let z: Uint8Array | undefined;
      let code = 'no error';
      try {
        z = await deriveSharedSecret(kp, hex(t.public));
      } catch (e) {
        if (!(e instanceof KeysmithError)) throw e;
        code = e.code;
      }
      if (result === 'valid') {
        expect(code, `tc ${t.tcId} ${t.comment}`).toBe('no error');
        expect(bytesToHex(z!), `tc ${t.tcId}`).toBe(t.shared);
        seen.valid++;
      } else if (result === 'invalid') {
        expect(REFUSALS, `tc ${t.tcId} ${t.comment}: ${code}`).toContain(code);
        seen.invalid++;
      } else if (z) {
        expect(bytesToHex(z), `tc ${t.tcId}`).toBe(t.shared);
        seen.acceptedAcceptable++;
      } else {
        expect(REFUSALS, `tc ${t.tcId} ${t.comment}: ${code}`).toContain(code);
        seen.refusedAcceptable++;
      }
    }
  }
  for (const kp of keys.values()) await kp.release();
  expect(seen.valid + seen.invalid + seen.acceptedAcceptable + seen.refusedAcceptable).toBe(data.numberOfTests);
  return seen;
}

/**
 * The tally every provider must give: the one compressed point is accepted (SEC 1 §2.3.4); Wycheproof's 220
 * BER-ish encodings and 7 explicit-parameter SPKIs (RFC 5480 §2.1.1 allows only namedCurve) are refused, as
 * importKey refuses them. The core decodes and validates the peer before any provider sees it.
 */
export const P521_ECDH_TALLY: EcdhTally = Object.freeze({ valid: 632, invalid: 56, acceptedAcceptable: 1, refusedAcceptable: 227 });
