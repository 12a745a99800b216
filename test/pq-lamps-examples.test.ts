import { describe, expect, it } from 'vitest';
import { readShared, sharedAvailable } from './helpers/vectors.js';
import { codeOfSync } from './helpers/codes.js';
import { pemDecode } from '../src/encoding/pem.js';
import { decodePqPkcs8, decodePqSpki, encodePqPkcs8, encodePqSpki, mlDsaScheme, mlKemScheme, type PqPrivateForm, type PqScheme } from '../src/encoding/pq-private.js';
import { bytesToHex } from '../src/bytes.js';
import { encodeOneAsymmetricKey } from '../src/encoding/one-asymmetric-key.js';

const der = (rel: string, label: 'PRIVATE KEY' | 'PUBLIC KEY') => pemDecode(readShared(rel).toString('utf8'), [label]).der;

/** LAMPS example keys: ML-DSA from lamps-wg/dilithium-certificates `examples/` (RFC 9881 App. C), ML-KEM from lamps-wg/kyber-certificates `example/`. */
const FAMILIES: [string, string, PqScheme][] = [
  ['pqc/ml-dsa', 'ML-DSA-44', mlDsaScheme(44)],
  ['pqc/ml-dsa', 'ML-DSA-65', mlDsaScheme(65)],
  ['pqc/ml-dsa', 'ML-DSA-87', mlDsaScheme(87)],
  ['pqc/ml-kem', 'ML-KEM-512', mlKemScheme(512)],
  ['pqc/ml-kem', 'ML-KEM-768', mlKemScheme(768)],
  ['pqc/ml-kem', 'ML-KEM-1024', mlKemScheme(1024)],
];
const FORMS: PqPrivateForm[] = ['seed', 'expanded', 'both'];

describe.skipIf(!sharedAvailable)('LAMPS example keys: three forms, one key, byte-exact re-export', () => {
  for (const [dir, name, scheme] of FAMILIES) {
    it(name, () => {
      const spki = der(`${dir}/${name}.pub`, 'PUBLIC KEY');
      const pub = decodePqSpki(scheme, spki);
      expect(encodePqSpki(scheme, pub)).toEqual(spki);
      const decoded = FORMS.map((form) => {
        const file = der(`${dir}/${name}-${form}.priv`, 'PRIVATE KEY');
        const key = decodePqPkcs8(scheme, file);
        expect(key.form).toBe(form);
        expect(bytesToHex(key.publicKey)).toBe(bytesToHex(pub));
        return { form, file, key };
      });
      const full = decoded.find((d) => d.form === 'both')!.key;
      for (const { form, file, key } of decoded) {
        expect(bytesToHex(key.expandedKey)).toBe(bytesToHex(full.expandedKey));
        if (form !== 'expanded') expect(bytesToHex(key.seed!)).toBe(bytesToHex(full.seed!));
        // the form the file used, re-encoded from the key decoded out of it, and from the full key
        expect(encodePqPkcs8(scheme, key, { form })).toEqual(file);
        expect(encodePqPkcs8(scheme, full, { form })).toEqual(file);
      }
      expect(encodePqPkcs8(scheme, full)).toEqual(decoded[0]!.file); // seed-only is the default
      // a key imported without its seed can only be written as expandedKey
      const expandedOnly = decoded.find((d) => d.form === 'expanded')!.key;
      expect(codeOfSync(() => encodePqPkcs8(scheme, expandedOnly))).toBe('UNSUPPORTED');
      // v2 with the [1] publicKey: written on request, read back, and a wrong one refused
      const v2 = encodePqPkcs8(scheme, full, { includePublicKey: true });
      expect(bytesToHex(decodePqPkcs8(scheme, v2).expandedKey)).toBe(bytesToHex(full.expandedKey));
      const wrongPub = Uint8Array.from(full.publicKey);
      wrongPub[wrongPub.length - 1]! ^= 1;
      expect(codeOfSync(() => decodePqPkcs8(scheme, encodePqPkcs8(scheme, { ...full, publicKey: wrongPub }, { includePublicKey: true })))).toBe('INVALID_KEY');
    });
  }

  it('the seed of every example is 00 01 02 ... (the examples README / .priv.txt)', () => {
    for (const [dir, name, scheme] of FAMILIES) {
      const key = decodePqPkcs8(scheme, der(`${dir}/${name}-seed.priv`, 'PRIVATE KEY'));
      expect(bytesToHex(key.seed!)).toBe(bytesToHex(Uint8Array.from({ length: scheme.seedBytes }, (_, i) => i)));
    }
  });
});

/** The documents' appendices of bad keys: each must be refused with INVALID_KEY. */
const BAD: [string, PqScheme, string][] = [
  ['pqc/ml-dsa/bad-ML-DSA-44-1.priv', mlDsaScheme(44), 'both: seed and expandedKey disagree'],
  ['pqc/ml-dsa/bad-ML-DSA-44-2.priv', mlDsaScheme(44), 'expandedKey: tr does not match the public key'],
  ['pqc/ml-dsa/bad-ML-DSA-44-3.priv', mlDsaScheme(44), 'expandedKey: s1, s2 imply another t0'],
  ['pqc/ml-kem/bad-ML-KEM-512-1.priv', mlKemScheme(512), 'both: halves disagree'],
  ['pqc/ml-kem/bad-ML-KEM-512-2.priv', mlKemScheme(512), 'expandedKey: mutated s (pairwise consistency)'],
  ['pqc/ml-kem/bad-ML-KEM-512-3.priv', mlKemScheme(512), 'expandedKey: mutated H(ek)'],
  ['pqc/ml-kem/bad-ML-KEM-512-4.priv', mlKemScheme(512), 'both: differs only in z'],
];

describe.skipIf(!sharedAvailable)('LAMPS bad example keys are refused', () => {
  for (const [file, scheme, why] of BAD) {
    it(`${file} (${why})`, () => {
      expect(codeOfSync(() => decodePqPkcs8(scheme, der(file, 'PRIVATE KEY')))).toBe('INVALID_KEY');
    });
  }
});

describe('PQ PKCS#8 / SPKI structure errors', () => {
  const s = mlDsaScheme(44);
  const key = s.fromSeed(new Uint8Array(32).fill(7));
  const full = { seed: new Uint8Array(32).fill(7), ...key };
  const good = encodePqPkcs8(s, full);

  it('another parameter set\'s OID is refused', () => {
    expect(codeOfSync(() => decodePqPkcs8(mlDsaScheme(65), good))).toBe('INVALID_FORMAT');
    expect(codeOfSync(() => decodePqSpki(mlKemScheme(512), encodePqSpki(s, key.publicKey)))).toBe('INVALID_FORMAT');
  });

  it('a seed of the wrong length, an unknown CHOICE tag and trailing bytes are refused', () => {
    const wrap = (innerHex: string) => encodeOneAsymmetricKey(s.oid, Buffer.from(innerHex, 'hex'));
    expect(bytesToHex(good)).toBe('3034020100300b06096086480165030403110422' + '8020' + '07'.repeat(32));
    expect(codeOfSync(() => decodePqPkcs8(s, wrap('801f' + '07'.repeat(31))))).toBe('INVALID_KEY');
    expect(codeOfSync(() => decodePqPkcs8(s, wrap('8021' + '07'.repeat(33))))).toBe('INVALID_KEY');
    expect(codeOfSync(() => decodePqPkcs8(s, wrap('8120' + '07'.repeat(32))))).toBe('INVALID_FORMAT'); // [1]
    expect(codeOfSync(() => decodePqPkcs8(s, wrap('8020' + '07'.repeat(32) + '00')))).toBe('INVALID_FORMAT');
    expect(codeOfSync(() => decodePqPkcs8(s, wrap('3022' + '0420' + '07'.repeat(32))))).toBe('INVALID_FORMAT'); // both without expandedKey
    expect(codeOfSync(() => decodePqPkcs8(s, wrap('04820a00' + '00'.repeat(2560))))).toBe('INVALID_KEY');
    expect(codeOfSync(() => decodePqPkcs8(s, Buffer.concat([good, Buffer.of(0)])))).toBe('INVALID_FORMAT');
  });

  it('NULL parameters (instead of absent) are refused', () => {
    const withNull = Buffer.from(bytesToHex(good).replace(/^3034020100300b0609(.{18})/, '3036020100300d0609$10500'), 'hex');
    expect(codeOfSync(() => decodePqPkcs8(s, withNull))).toBe('INVALID_FORMAT');
  });

  it('a public key of the wrong length is INVALID_KEY; an ML-KEM key with an unreduced coefficient too', () => {
    expect(codeOfSync(() => encodePqSpki(s, key.publicKey.subarray(1)))).toBe('INVALID_KEY');
    const kem = mlKemScheme(512);
    const ek = Uint8Array.from(kem.fromSeed(new Uint8Array(64).fill(3)).publicKey);
    ek[0] = 0xff;
    ek[1] = 0x0f; // first 12-bit coefficient = 4095 ≥ q
    expect(codeOfSync(() => kem.checkPublicKey(ek))).toBe('INVALID_KEY');
  });
});
