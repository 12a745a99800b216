import { describe, expect, it } from 'vitest';
import { readOwnJson } from './helpers/vectors.js';
import { codeOfSync } from './helpers/codes.js';
import { akpThumbprint, decodeMlDsaJwk, encodeMlDsaJwk } from '../src/encoding/akp.js';
import { mlDsaKeyFromSeed, mlDsaVerify, type MlDsaLevel } from '../src/pq/ml-dsa.js';
import { bytesToHex, fromBase64Url, hex } from '../src/bytes.js';

const data = readOwnJson('draft_ietf_cose_dilithium_akp.json');
const LEVEL: Record<string, MlDsaLevel> = { 'ML-DSA-44': 44, 'ML-DSA-65': 65, 'ML-DSA-87': 87 };

describe('AKP JWK for ML-DSA (vectors/draft_ietf_cose_dilithium_akp.json)', () => {
  it('each example: seed → JWK byte for byte, JWK → key, kid = thumbprint, the example JWS signature verifies', () => {
    expect(data.examples.length).toBe(3);
    for (const ex of data.examples) {
      const level = LEVEL[ex.alg];
      if (level === undefined) throw new Error(`unknown alg ${ex.alg}`);
      const seed = hex(ex.priv);
      const { publicKey } = mlDsaKeyFromSeed(level, seed);
      const { kid, ...members } = ex.jwk;
      expect(encodeMlDsaJwk(level, { seed, publicKey }, true)).toEqual(members);
      const { priv: _priv, ...pubMembers } = members;
      expect(encodeMlDsaJwk(level, { seed, publicKey }, false)).toEqual(pubMembers);
      expect(akpThumbprint(ex.jwk)).toBe(kid);
      const back = decodeMlDsaJwk(level, ex.jwk, true);
      expect(bytesToHex(back.seed!)).toBe(ex.priv);
      expect(bytesToHex(back.publicKey)).toBe(bytesToHex(publicKey));
      expect(bytesToHex(decodeMlDsaJwk(level, pubMembers, false).publicKey)).toBe(bytesToHex(publicKey));
      expect(mlDsaVerify(level, publicKey, hex(ex.raw_to_be_signed), hex(ex.raw_signature))).toBe(true);
    }
  });

  it('refuses mismatched and malformed AKP keys', () => {
    const ex = data.examples[0];
    const jwk = ex.jwk;
    expect(codeOfSync(() => decodeMlDsaJwk(65, jwk, true))).toBe('INVALID_KEY'); // another parameter set
    expect(codeOfSync(() => decodeMlDsaJwk(44, { ...jwk, alg: 'RS256' }, true))).toBe('INVALID_FORMAT');
    expect(codeOfSync(() => decodeMlDsaJwk(44, { ...jwk, kty: 'OKP' }, true))).toBe('INVALID_FORMAT');
    expect(codeOfSync(() => decodeMlDsaJwk(44, { ...jwk, priv: data.examples[0].jwk.pub.slice(0, 43) }, true))).toBe('INVALID_KEY');
    expect(codeOfSync(() => decodeMlDsaJwk(44, { ...jwk, priv: 'AQ' + jwk.priv.slice(2) }, true))).toBe('INVALID_KEY');
    expect(codeOfSync(() => decodeMlDsaJwk(44, jwk, false))).toBe('INVALID_FORMAT');
    const { priv: _p, ...pub } = jwk;
    expect(codeOfSync(() => decodeMlDsaJwk(44, pub, true))).toBe('INVALID_FORMAT');
    expect(codeOfSync(() => encodeMlDsaJwk(44, { publicKey: fromBase64Url(jwk.pub) }, true))).toBe('UNSUPPORTED');
  });
});
