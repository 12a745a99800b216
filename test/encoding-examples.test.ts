import { describe, expect, it } from 'vitest';
import { readShared, sharedAvailable } from './helpers/vectors.js';
import { decodeComponents, encodeComponents } from '../src/encoding/formats.js';
import { validateComponents } from '../src/core/validate.js';
import { getSpec } from '../src/registry/lookup.js';
import { bytesToHex } from '../src/bytes.js';

/** RustCrypto's PKCS#8/SPKI examples; README gives the scalar and point prefixes/suffixes. */
const EXAMPLES = [
  { dir: 'ec/pkcs8_examples/p256', spec: 'EC_P256', d: ['69624171561a63', '188d'] as const, q: undefined },
  { dir: 'sm/pkcs8_examples', spec: 'SM2', d: ['4bb8df50', '9499'] as const, q: ['0408d77ae0', '4c8a'] as const },
];

describe.skipIf(!sharedAvailable)('PKCS#8 / SPKI examples (RustCrypto p256, sm2)', () => {
  for (const ex of EXAMPLES) {
    it(`${ex.dir}: DER and PEM decode, validate, re-encode byte for byte`, () => {
      const spec = getSpec(ex.spec);
      const privDer = new Uint8Array(readShared(`${ex.dir}/pkcs8-private-key.der`));
      const privPem = readShared(`${ex.dir}/pkcs8-private-key.pem`).toString('utf8');
      const pubDer = new Uint8Array(readShared(`${ex.dir}/pkcs8-public-key.der`));
      const pubPem = readShared(`${ex.dir}/pkcs8-public-key.pem`).toString('utf8');

      const priv = validateComponents(spec, decodeComponents(spec, privDer, 'pkcs8-der'));
      expect(validateComponents(spec, decodeComponents(spec, privPem, 'pkcs8-pem'))).toEqual(priv);
      if (priv.kind !== 'ec-private') throw new Error('expected ec-private');
      const d = bytesToHex(priv.d);
      expect(d.length).toBe(64);
      expect(d.startsWith(ex.d[0]) && d.endsWith(ex.d[1])).toBe(true);

      // validateComponents derives Q = d·G; it must be the example's SPKI point.
      const pub = validateComponents(spec, decodeComponents(spec, pubDer, 'spki-der'));
      expect(validateComponents(spec, decodeComponents(spec, pubPem, 'spki-pem'))).toEqual(pub);
      expect(pub).toEqual({ kind: 'ec-public', publicKey: priv.publicKey });
      if (ex.q) {
        const q = bytesToHex(priv.publicKey);
        expect(q.startsWith(ex.q[0]) && q.endsWith(ex.q[1])).toBe(true);
      }

      expect(encodeComponents(spec, priv, 'pkcs8-der')).toEqual(privDer);
      expect(encodeComponents(spec, priv, 'spki-der')).toEqual(pubDer);
      expect((encodeComponents(spec, priv, 'pkcs8-pem') as string).trim()).toBe(privPem.replace(/\r\n/g, '\n').trim());
      expect((encodeComponents(spec, pub, 'spki-pem') as string).trim()).toBe(pubPem.replace(/\r\n/g, '\n').trim());
    });
  }
});
