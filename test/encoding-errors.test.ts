import { describe, expect, it } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import { readSharedJson, sharedAvailable } from './helpers/vectors.js';
import { decodeComponents, encodeComponents, formatsFor, KEY_FORMATS, type KeyFormat } from '../src/encoding/formats.js';
import { validateComponents } from '../src/core/validate.js';
import type { EcPrivateComponents, KeyComponents, RsaPrivateComponents } from '../src/model/components.js';
import { getSpec } from '../src/registry/lookup.js';
import { bigIntToBytes, bytesToHex, concatBytes, hex } from '../src/bytes.js';
import { curveOrder } from '../src/ec/curves.js';
import type { EcSpec } from '../src/model/spec.js';
import { codeOfSync } from './helpers/codes.js';

const P256 = getSpec('EC_P256') as EcSpec;
const P384 = getSpec('EC_P384') as EcSpec;
const SM2 = getSpec('SM2') as EcSpec;
const RSA = getSpec('RSA_2048');
const AES = getSpec('AES_256');

const rsaPair = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ecPair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const rsaPkcs8 = new Uint8Array(rsaPair.privateKey.export({ format: 'der', type: 'pkcs8' }));
const rsaSpki = new Uint8Array(rsaPair.publicKey.export({ format: 'der', type: 'spki' }));
const ecPkcs8 = new Uint8Array(ecPair.privateKey.export({ format: 'der', type: 'pkcs8' }));
const ecSpki = new Uint8Array(ecPair.publicKey.export({ format: 'der', type: 'spki' }));
const ecSec1 = new Uint8Array(ecPair.privateKey.export({ format: 'der', type: 'sec1' }));
const rsa = validateComponents(RSA, decodeComponents(RSA, rsaPkcs8, 'pkcs8-der')) as RsaPrivateComponents;
const ec = validateComponents(P256, decodeComponents(P256, ecPkcs8, 'pkcs8-der')) as EcPrivateComponents;

describe('DER structure errors (INVALID_FORMAT)', () => {
  it('truncated, trailing bytes, long-form length, indefinite length, empty, not bytes', () => {
    expect(codeOfSync(() => decodeComponents(RSA, rsaPkcs8.subarray(0, rsaPkcs8.length - 1), 'pkcs8-der'))).toBe('INVALID_FORMAT');
    expect(codeOfSync(() => decodeComponents(RSA, rsaPkcs8.subarray(0, 40), 'pkcs8-der'))).toBe('INVALID_FORMAT');
    expect(codeOfSync(() => decodeComponents(P256, concatBytes(ecSpki, Uint8Array.of(0)), 'spki-der'))).toBe('INVALID_FORMAT');
    // 30 59 … → 30 81 59 …: same content, long-form length where the short form fits (X.690 §10.1).
    const longForm = concatBytes(Uint8Array.of(0x30, 0x81), ecSpki.subarray(1));
    expect(ecSpki[1]).toBeLessThan(0x80);
    expect(codeOfSync(() => decodeComponents(P256, longForm, 'spki-der'))).toBe('INVALID_FORMAT');
    const indefinite = concatBytes(Uint8Array.of(0x30, 0x80), ecSpki.subarray(2), Uint8Array.of(0, 0));
    expect(codeOfSync(() => decodeComponents(P256, indefinite, 'spki-der'))).toBe('INVALID_FORMAT');
    expect(codeOfSync(() => decodeComponents(P256, new Uint8Array(0), 'spki-der'))).toBe('INVALID_FORMAT');
    expect(codeOfSync(() => decodeComponents(P256, 'MFkw' as any, 'spki-der'))).toBe('INVALID_FORMAT');
    expect(codeOfSync(() => decodeComponents(P256, null as any, 'pkcs8-der'))).toBe('INVALID_FORMAT');
    expect(codeOfSync(() => decodeComponents(P256, hex('0102030405'), 'sec1-der'))).toBe('INVALID_FORMAT');
  });

  it('BIT STRING with non-zero unused bits', () => {
    const i = ecSpki.length - 66; // 03 42 00 04 …: the unused-bits octet
    expect(ecSpki[i]).toBe(0);
    const bad = ecSpki.slice();
    bad[i] = 1;
    expect(codeOfSync(() => decodeComponents(P256, bad, 'spki-der'))).toBe('INVALID_FORMAT');
  });

  it('INTEGERs: non-minimal and negative', () => {
    // RSAPublicKey { n = 0x00 00 c5…, e } — an extra leading zero octet.
    const nonMinimal = hex('300a020400008001020203010001');
    expect(codeOfSync(() => decodeComponents(RSA, nonMinimal, 'pkcs1-der'))).toBe('INVALID_FORMAT');
    const negative = hex('3009020380ffff0203010001');
    expect(codeOfSync(() => decodeComponents(RSA, negative, 'pkcs1-der'))).toBe('INVALID_FORMAT');
    expect(decodeComponents(RSA, hex('300a02030080ff0203010001'), 'pkcs1-der')).toEqual({ kind: 'rsa-public', n: 0x80ffn, e: 65537n });
  });
});

describe('algorithm and curve mismatches', () => {
  it('RSA PKCS#8 handed to an EC spec, and EC PKCS#8 to an RSA spec: INVALID_FORMAT', () => {
    expect(codeOfSync(() => decodeComponents(P256, rsaPkcs8, 'pkcs8-der'))).toBe('INVALID_FORMAT');
    expect(codeOfSync(() => decodeComponents(P256, rsaSpki, 'spki-der'))).toBe('INVALID_FORMAT');
    expect(codeOfSync(() => decodeComponents(RSA, ecPkcs8, 'pkcs8-der'))).toBe('INVALID_FORMAT');
    expect(codeOfSync(() => decodeComponents(RSA, ecSpki, 'spki-der'))).toBe('INVALID_FORMAT');
  });

  it('a P-256 key handed to EC_P384 or SM2: INVALID_KEY (PKCS#8, SPKI, SEC 1)', () => {
    for (const spec of [P384, SM2]) {
      expect(codeOfSync(() => decodeComponents(spec, ecPkcs8, 'pkcs8-der'))).toBe('INVALID_KEY');
      expect(codeOfSync(() => decodeComponents(spec, ecSpki, 'spki-der'))).toBe('INVALID_KEY');
      expect(codeOfSync(() => decodeComponents(spec, ecSec1, 'sec1-der'))).toBe('INVALID_KEY');
    }
  });

  it('EC PKCS#8 without the optional publicKey is accepted; validate derives it', () => {
    // RFC 5915 minimal form: ECPrivateKey { 1, d } inside PrivateKeyInfo for P-256.
    const inner = concatBytes(hex('30250201010420'), ec.d);
    const minimal = concatBytes(hex('3041020100301306072a8648ce3d020106082a8648ce3d030107'), hex('0427'), inner);
    const decoded = decodeComponents(P256, minimal, 'pkcs8-der') as EcPrivateComponents;
    expect(decoded.publicKey.length).toBe(0);
    expect(validateComponents(P256, decoded)).toEqual(ec);
    expect(codeOfSync(() => decodeComponents(P256, concatBytes(inner, Uint8Array.of(0)), 'sec1-der'))).toBe('INVALID_FORMAT');
    expect(validateComponents(P256, decodeComponents(P256, inner, 'sec1-der'))).toEqual(ec);
  });
});

describe('PEM', () => {
  const pem = encodeComponents(P256, ec, 'pkcs8-pem') as string;
  it('wrong label, mismatched END, garbage body, extra text: INVALID_FORMAT', () => {
    expect(codeOfSync(() => decodeComponents(P256, pem, 'spki-pem'))).toBe('INVALID_FORMAT');
    expect(codeOfSync(() => decodeComponents(P256, pem, 'sec1-pem'))).toBe('INVALID_FORMAT');
    expect(codeOfSync(() => decodeComponents(P256, pem.replace('END PRIVATE KEY', 'END PUBLIC KEY'), 'pkcs8-pem'))).toBe('INVALID_FORMAT');
    expect(codeOfSync(() => decodeComponents(P256, pem.replace(/\n(.)/, '\n!$1'), 'pkcs8-pem'))).toBe('INVALID_FORMAT');
    // the same block twice is that one key (README "What keysmith accepts"); two different keys: test/pem-text.test.ts
    expect(decodeComponents(P256, pem + pem, 'pkcs8-pem')).toEqual(decodeComponents(P256, pem, 'pkcs8-pem'));
    expect(codeOfSync(() => decodeComponents(P256, 'hello', 'pkcs8-pem'))).toBe('INVALID_FORMAT');
    expect(codeOfSync(() => decodeComponents(P256, new Uint8Array(4), 'pkcs8-pem'))).toBe('INVALID_FORMAT');
    expect(codeOfSync(() => decodeComponents(P256, '-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----', 'pkcs8-pem'))).toBe('INVALID_FORMAT');
  });
  it('tolerates CRLF and surrounding whitespace; writes 64-column lines', () => {
    expect(decodeComponents(P256, `\r\n  ${pem.replace(/\n/g, '\r\n')}\r\n\r\n`, 'pkcs8-pem')).toEqual(ec);
    for (const line of pem.trim().split('\n').slice(1, -1)) expect(line.length).toBeLessThanOrEqual(64);
    expect(pem.trim().split('\n')[1]!.length).toBe(64);
  });
  it('pkcs1-pem picks private or public by label', () => {
    const priv = encodeComponents(RSA, rsa, 'pkcs1-pem') as string;
    const pub = encodeComponents(RSA, { kind: 'rsa-public', n: rsa.n, e: rsa.e }, 'pkcs1-pem') as string;
    expect(priv).toContain('BEGIN RSA PRIVATE KEY');
    expect(pub).toContain('BEGIN RSA PUBLIC KEY');
    expect(decodeComponents(RSA, priv, 'pkcs1-pem')).toEqual(rsa);
    expect(decodeComponents(RSA, pub, 'pkcs1-pem')).toEqual({ kind: 'rsa-public', n: rsa.n, e: rsa.e });
    expect(codeOfSync(() => decodeComponents(RSA, priv.replace(/RSA PRIVATE/g, 'RSA PUBLIC'), 'pkcs1-pem'))).toBe('INVALID_FORMAT');
  });
});

describe('EC validation (INVALID_KEY)', () => {
  it('off-curve point, infinity, wrong length', () => {
    const off = ec.publicKey.slice();
    off[64] = off[64]! ^ 1;
    expect(codeOfSync(() => validateComponents(P256, decodeComponents(P256, off, 'raw-public')))).toBe('INVALID_KEY');
    const offSpki = ecSpki.slice();
    offSpki[offSpki.length - 1] = offSpki[offSpki.length - 1]! ^ 1;
    expect(codeOfSync(() => validateComponents(P256, decodeComponents(P256, offSpki, 'spki-der')))).toBe('INVALID_KEY');
    expect(codeOfSync(() => validateComponents(P256, { kind: 'ec-public', publicKey: Uint8Array.of(0) }))).toBe('INVALID_KEY');
    expect(codeOfSync(() => validateComponents(P256, { kind: 'ec-public', publicKey: ec.publicKey.subarray(0, 64) }))).toBe('INVALID_KEY');
  });

  it('scalar 0, n, n−1 (ok), and SM2 n−1 (refused) / n−2 (ok)', () => {
    const raw = (spec: EcSpec, k: bigint) => decodeComponents(spec, bigIntToBytes(k, spec.fieldBytes), 'raw');
    expect(codeOfSync(() => validateComponents(P256, raw(P256, 0n)))).toBe('INVALID_KEY');
    expect(codeOfSync(() => validateComponents(P256, raw(P256, curveOrder(P256))))).toBe('INVALID_KEY');
    expect(codeOfSync(() => validateComponents(P256, raw(P256, curveOrder(P256) - 1n)))).toBe('no error');
    expect(codeOfSync(() => validateComponents(SM2, raw(SM2, curveOrder(SM2) - 1n)))).toBe('INVALID_KEY');
    expect(codeOfSync(() => validateComponents(SM2, raw(SM2, curveOrder(SM2) - 2n)))).toBe('no error');
    expect(codeOfSync(() => validateComponents(P256, decodeComponents(P256, ec.d.subarray(1), 'raw')))).toBe('INVALID_KEY');
  });

  it('public key that is not d·G; compressed public key accepted and normalised', () => {
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' });
    const q = concatBytes(Uint8Array.of(4), Buffer.from(other.x!, 'base64url'), Buffer.from(other.y!, 'base64url'));
    expect(codeOfSync(() => validateComponents(P256, { kind: 'ec-private', d: ec.d, publicKey: q }))).toBe('INVALID_KEY');
    const compressed = concatBytes(Uint8Array.of(2 + (ec.publicKey[64]! & 1)), ec.publicKey.subarray(1, 33));
    expect(validateComponents(P256, { kind: 'ec-private', d: ec.d, publicKey: compressed })).toEqual(ec);
  });

  it('never mutates or aliases its input', () => {
    const input = { kind: 'ec-private' as const, d: ec.d.slice(), publicKey: new Uint8Array(0) };
    const out = validateComponents(P256, input) as EcPrivateComponents;
    expect(input.publicKey.length).toBe(0);
    out.d.fill(0);
    expect(input.d).toEqual(ec.d);
  });

  it('error messages carry no key material', () => {
    const d = bigIntToBytes(curveOrder(P256) + 5n, 33).subarray(1);
    try {
      validateComponents(P256, { kind: 'ec-private', d, publicKey: new Uint8Array(0) });
    } catch (e) {
      expect(String((e as Error).message).toLowerCase()).not.toContain(bytesToHex(d).slice(0, 16));
    }
  });
});

describe('RSA validation (INVALID_KEY)', () => {
  const bad: [string, Partial<RsaPrivateComponents>][] = [
    ['wrong dp', { dp: rsa.dp + 2n }],
    ['wrong dq', { dq: rsa.dq ^ 4n }],
    ['wrong qi', { qi: (rsa.qi + 1n) % rsa.p }],
    ['wrong d', { d: rsa.d + 2n }],
    ['n ≠ p·q', { n: rsa.n + 2n }],
    ['p and q swapped without fixing qi', { p: rsa.q, q: rsa.p }],
    ['even e', { e: 65536n }],
    ['e = 1', { e: 1n }],
    ['negative d', { d: -rsa.d }],
    ['not a bigint', { d: 5 as unknown as bigint }],
  ];
  for (const [what, change] of bad) {
    it(what, () => {
      expect(codeOfSync(() => validateComponents(RSA, { ...rsa, ...change }))).toBe('INVALID_KEY');
    });
  }
  it('public: even n, short n, e ≥ 2^256, e ≥ n', () => {
    const pub = { kind: 'rsa-public' as const, n: rsa.n, e: rsa.e };
    expect(validateComponents(RSA, pub)).toEqual(pub);
    expect(codeOfSync(() => validateComponents(RSA, { ...pub, n: rsa.n - 1n }))).toBe('INVALID_KEY');
    expect(codeOfSync(() => validateComponents(RSA, { ...pub, n: rsa.n >> 8n | 1n }))).toBe('INVALID_KEY');
    expect(codeOfSync(() => validateComponents(RSA, { ...pub, e: (1n << 256n) + 1n }))).toBe('INVALID_KEY');
    expect(codeOfSync(() => validateComponents(getSpec('RSA_3072'), pub))).toBe('INVALID_KEY');
  });
  it('components of the wrong family or shape', () => {
    expect(codeOfSync(() => validateComponents(RSA, ec))).toBe('INVALID_KEY');
    expect(codeOfSync(() => validateComponents(P256, rsa))).toBe('INVALID_KEY');
    expect(codeOfSync(() => validateComponents(AES, { kind: 'secret', key: new Uint8Array(16) }))).toBe('INVALID_KEY');
    expect(codeOfSync(() => validateComponents(AES, { kind: 'secret', key: 'x' } as any))).toBe('INVALID_KEY');
    expect(codeOfSync(() => validateComponents(AES, null as any))).toBe('INVALID_KEY');
    expect(validateComponents(AES, { kind: 'secret', key: new Uint8Array(32) })).toEqual({ kind: 'secret', key: new Uint8Array(32) });
  });
});

describe('JWK', () => {
  const jwk = encodeComponents(P256, ec, 'jwk') as Record<string, string>;
  const rsaJwk = encodeComponents(RSA, rsa, 'jwk') as Record<string, string>;
  it('wrong crv → INVALID_KEY; missing crv, wrong kty, bad base64url, short coordinates → INVALID_FORMAT', () => {
    expect(codeOfSync(() => decodeComponents(P256, { ...jwk, crv: 'P-384' }, 'jwk'))).toBe('INVALID_KEY');
    expect(codeOfSync(() => decodeComponents(getSpec('EC_P256K'), { ...jwk, crv: 'P-256K' }, 'jwk'))).toBe('INVALID_KEY');
    expect(codeOfSync(() => decodeComponents(P256, { ...jwk, crv: undefined }, 'jwk'))).toBe('INVALID_FORMAT');
    expect(codeOfSync(() => decodeComponents(P256, { ...jwk, kty: 'RSA' }, 'jwk'))).toBe('INVALID_FORMAT');
    expect(codeOfSync(() => decodeComponents(P256, { ...jwk, x: jwk.x + '=' }, 'jwk'))).toBe('INVALID_FORMAT');
    expect(codeOfSync(() => decodeComponents(P256, { ...jwk, x: jwk.x!.slice(2) }, 'jwk'))).toBe('INVALID_FORMAT');
    expect(codeOfSync(() => decodeComponents(P256, { ...jwk, d: jwk.d!.slice(2) }, 'jwk'))).toBe('INVALID_FORMAT');
    expect(codeOfSync(() => decodeComponents(P256, '{not json', 'jwk'))).toBe('INVALID_FORMAT');
    expect(codeOfSync(() => decodeComponents(P256, [jwk], 'jwk'))).toBe('INVALID_FORMAT');
    expect(codeOfSync(() => decodeComponents(P256, { ...jwk, key_ops: 'sign' }, 'jwk'))).toBe('INVALID_FORMAT');
    expect(decodeComponents(P256, { ...jwk, key_ops: ['sign'], use: 'sig', alg: 'ES256', ext: true }, 'jwk')).toEqual(ec);
  });
  it('private vs public members', () => {
    expect(codeOfSync(() => decodeComponents(P256, jwk, 'jwk-public'))).toBe('INVALID_FORMAT');
    const { d: _d, ...pub } = jwk;
    expect(codeOfSync(() => decodeComponents(P256, pub, 'jwk'))).toBe('INVALID_FORMAT');
    expect(decodeComponents(P256, pub, 'jwk-public')).toEqual({ kind: 'ec-public', publicKey: ec.publicKey });
  });
  it('RSA: CRT members required, minimal Base64urlUInt, no multi-prime', () => {
    const { qi: _qi, ...noCrt } = rsaJwk;
    expect(codeOfSync(() => decodeComponents(RSA, noCrt, 'jwk'))).toBe('INVALID_FORMAT');
    const padded = Buffer.concat([Buffer.of(0), Buffer.from(rsaJwk.n!, 'base64url')]).toString('base64url');
    expect(codeOfSync(() => decodeComponents(RSA, { ...rsaJwk, n: padded }, 'jwk'))).toBe('INVALID_FORMAT');
    expect(codeOfSync(() => decodeComponents(RSA, { ...rsaJwk, oth: [] }, 'jwk'))).toBe('UNSUPPORTED');
    expect(decodeComponents(RSA, rsaJwk, 'jwk')).toEqual(rsa);
  });
  it('SM2: UNSUPPORTED both ways', () => {
    const sm2 = validateComponents(SM2, decodeComponents(SM2, bigIntToBytes(12345n, 32), 'raw'));
    expect(codeOfSync(() => encodeComponents(SM2, sm2, 'jwk'))).toBe('UNSUPPORTED');
    expect(codeOfSync(() => encodeComponents(SM2, sm2, 'jwk-public'))).toBe('UNSUPPORTED');
    expect(codeOfSync(() => decodeComponents(SM2, { kty: 'EC', crv: 'SM2', x: 'AA', y: 'AA', d: 'AA' }, 'jwk'))).toBe('UNSUPPORTED');
  });
});

describe('format applicability', () => {
  it('formats that do not apply are UNSUPPORTED; unknown formats INVALID_ARGUMENT', () => {
    const pub = { kind: 'rsa-public' as const, n: rsa.n, e: rsa.e };
    expect(codeOfSync(() => encodeComponents(RSA, rsa, 'raw-public'))).toBe('UNSUPPORTED');
    expect(codeOfSync(() => encodeComponents(RSA, rsa, 'raw'))).toBe('UNSUPPORTED');
    expect(codeOfSync(() => encodeComponents(RSA, rsa, 'sec1-der'))).toBe('UNSUPPORTED');
    expect(codeOfSync(() => encodeComponents(RSA, pub, 'pkcs8-der'))).toBe('UNSUPPORTED');
    expect(codeOfSync(() => encodeComponents(RSA, pub, 'jwk'))).toBe('UNSUPPORTED');
    expect(codeOfSync(() => encodeComponents(P256, ec, 'pkcs1-der'))).toBe('UNSUPPORTED');
    expect(codeOfSync(() => encodeComponents(AES, { kind: 'secret', key: new Uint8Array(32) }, 'spki-der'))).toBe('UNSUPPORTED');
    expect(codeOfSync(() => decodeComponents(AES, new Uint8Array(32), 'pkcs8-der'))).toBe('UNSUPPORTED');
    expect(codeOfSync(() => decodeComponents(RSA, new Uint8Array(32), 'raw-public'))).toBe('UNSUPPORTED');
    expect(codeOfSync(() => decodeComponents(P256, new Uint8Array(32), 'pkcs1-der'))).toBe('UNSUPPORTED');
    expect(codeOfSync(() => decodeComponents(AES, { kty: 'oct', k: 'AA' }, 'jwk-public'))).toBe('UNSUPPORTED');
    expect(codeOfSync(() => encodeComponents(P256, ec, 'der' as KeyFormat))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => decodeComponents(P256, ecSpki, 'x509' as KeyFormat))).toBe('INVALID_ARGUMENT');
  });

  it('bad components on encode are INVALID_ARGUMENT, never a raw error', () => {
    expect(codeOfSync(() => encodeComponents(P256, rsa, 'spki-der'))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => encodeComponents(RSA, { ...rsa, n: -1n }, 'pkcs8-der'))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => encodeComponents(RSA, { ...rsa, d: undefined } as any, 'pkcs1-der'))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => encodeComponents(P256, { kind: 'ec-private', d: ec.d } as any, 'pkcs8-der'))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => encodeComponents(P256, { ...ec, publicKey: new Uint8Array(0) }, 'jwk'))).toBe('INVALID_ARGUMENT');
    expect(codeOfSync(() => encodeComponents(P256, null as any, 'raw'))).toBe('INVALID_ARGUMENT');
  });

  it('every format each spec lists round-trips through decode + validate', () => {
    let n = 0;
    for (const [spec, priv] of [[RSA, rsa], [P256, ec], [AES, { kind: 'secret', key: new Uint8Array(32).fill(7) }]] as [ReturnType<typeof getSpec>, KeyComponents][]) {
      for (const f of formatsFor(spec)) {
        const encoded = encodeComponents(spec, priv, f);
        const back = validateComponents(spec, decodeComponents(spec, encoded, f));
        const isPublic = back.kind === 'rsa-public' || back.kind === 'ec-public';
        expect(encodeComponents(spec, back, f), `${spec.name} ${f}`).toEqual(encoded);
        if (!isPublic) expect(back).toEqual(priv);
        n++;
      }
    }
    expect(n).toBe(8 + 10 + 2);
    expect(formatsFor(SM2)).not.toContain('jwk');
    expect(KEY_FORMATS.length).toBe(12);
  });
});

describe.skipIf(!sharedAvailable)('explicit curve parameters (Wycheproof UnnamedCurve) are UNSUPPORTED', () => {
  it('every UnnamedCurve case in ecdh_secp256r1_test.json', () => {
    const data = readSharedJson('wycheproof/testvectors_v1/ecdh_secp256r1_test.json');
    let n = 0;
    for (const t of data.testGroups[0].tests) {
      if (!t.flags.includes('UnnamedCurve')) continue;
      expect(codeOfSync(() => decodeComponents(P256, hex(t.public), 'spki-der')), `tc ${t.tcId}`).toBe('UNSUPPORTED');
      n++;
    }
    expect(n).toBe(14);
  });
});

describe('entry points refuse a spec that is not from the registry', () => {
  it('UNKNOWN_SPEC', () => {
    expect(codeOfSync(() => encodeComponents(undefined as any, ec, 'raw'))).toBe('UNKNOWN_SPEC');
    expect(codeOfSync(() => decodeComponents({ ...P256 } as any, ec.d, 'raw'))).toBe('UNKNOWN_SPEC');
    expect(codeOfSync(() => validateComponents(null as any, ec))).toBe('UNKNOWN_SPEC');
  });
});
