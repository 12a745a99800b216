import { describe, expect, it } from 'vitest';
import { createPrivateKey, createPublicKey, sign as nodeSign, verify as nodeVerify } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sha512 } from '@noble/hashes/sha2.js';
import { knownResult, readOwnJson, readSharedJson, sharedAvailable } from './helpers/vectors.js';
import { codeOfSync } from './helpers/codes.js';
import {
  ed25519Generate, ed25519PublicKey, ed25519Sign, ed25519Verify, ed25519phSign, ed25519phSignDigest, ed25519phVerify, ed25519phVerifyDigest,
} from '../src/ed25519/ed25519.js';
import { decodeEd25519Jwk, decodeEd25519Pkcs8, decodeEd25519Spki, encodeEd25519Jwk, encodeEd25519Pkcs8, encodeEd25519Spki } from '../src/encoding/okp.js';
import { pemDecode, pemEncode } from '../src/encoding/pem.js';
import { bytesToHex, hex } from '../src/bytes.js';
import { seededRandom } from '../src/random.js';
import { ErrorCode } from '../src/errors.js';

const ERROR_CODES: readonly string[] = Object.values(ErrorCode);

describe('RFC 8032 §7.1 / §7.3 (vectors/rfc8032_ed25519.json)', () => {
  const data = readOwnJson('rfc8032_ed25519.json');
  it('Ed25519 TEST 1, 2, 3, SHA(abc): public key, signature, verification', () => {
    expect(data.ed25519.length).toBe(4);
    for (const t of data.ed25519) {
      const seed = hex(t.secretKey);
      expect(bytesToHex(ed25519PublicKey(seed)), t.section).toBe(t.publicKey);
      expect(bytesToHex(ed25519Sign(seed, hex(t.message))), t.section).toBe(t.signature);
      expect(ed25519Verify(hex(t.publicKey), hex(t.message), hex(t.signature))).toBe(true);
      expect(ed25519Verify(hex(t.publicKey), Uint8Array.from([...hex(t.message), 0]), hex(t.signature))).toBe(false);
    }
  });
  it('Ed25519ph TEST abc: from the message and from its SHA-512 digest', () => {
    for (const t of data.ed25519ph) {
      const seed = hex(t.secretKey);
      const msg = hex(t.message);
      expect(bytesToHex(ed25519phSign(seed, msg))).toBe(t.signature);
      expect(bytesToHex(ed25519phSignDigest(seed, sha512(msg)))).toBe(t.signature);
      expect(ed25519phVerify(hex(t.publicKey), msg, hex(t.signature))).toBe(true);
      expect(ed25519phVerifyDigest(hex(t.publicKey), sha512(msg), hex(t.signature))).toBe(true);
      // a pure Ed25519 signature is not an Ed25519ph one (dom2 separates them)
      expect(ed25519Verify(hex(t.publicKey), msg, hex(t.signature))).toBe(false);
      expect(codeOfSync(() => ed25519phSignDigest(seed, msg))).toBe('INVALID_ARGUMENT');
    }
  });
});

describe('RFC 8410 §10 examples (vectors/rfc8410_ed25519_examples.json)', () => {
  const data = readOwnJson('rfc8410_ed25519_examples.json');
  it('§10.1 public key and §10.3 private key match each other and re-encode byte for byte', () => {
    const spki = pemDecode(data.publicKeyPem, ['PUBLIC KEY']).der;
    const pkcs8 = pemDecode(data.privateKeyPem, ['PRIVATE KEY']).der;
    expect(bytesToHex(decodeEd25519Spki(spki))).toBe(data.publicKey);
    const key = decodeEd25519Pkcs8(pkcs8);
    expect(bytesToHex(key.seed)).toBe(data.seed);
    expect(bytesToHex(key.publicKey)).toBe(data.publicKey);
    expect(encodeEd25519Pkcs8(key.seed)).toEqual(pkcs8);
    expect(encodeEd25519Spki(key.publicKey)).toEqual(spki);
    expect(pemEncode('PRIVATE KEY', encodeEd25519Pkcs8(key.seed))).toBe(data.privateKeyPem);
    expect(pemEncode('PUBLIC KEY', encodeEd25519Spki(key.publicKey))).toBe(data.publicKeyPem);
  });
  it('§10.3 v2 (attribute + [1] publicKey) imports; a wrong public key is INVALID_KEY', () => {
    const v2 = pemDecode(data.privateKeyV2Pem, ['PRIVATE KEY']).der;
    const key = decodeEd25519Pkcs8(v2);
    expect(bytesToHex(key.seed)).toBe(data.seed);
    const bad = Uint8Array.from(v2);
    bad[bad.length - 1]! ^= 1;
    expect(codeOfSync(() => decodeEd25519Pkcs8(bad))).toBe('INVALID_KEY');
    // keysmith's own v2 (no attributes) round-trips
    const ours = encodeEd25519Pkcs8(key.seed, { includePublicKey: true });
    expect(bytesToHex(decodeEd25519Pkcs8(ours).publicKey)).toBe(data.publicKey);
    expect(bytesToHex(ours)).toBe('3051020101300506032b657004220420' + data.seed + '812100' + data.publicKey);
  });
});

/** Wycheproof's EdDSA flags and whether the public key itself is at fault (never, in this file). */
const ED_FLAGS = new Set(['Valid', 'Ktv', 'TinkOverflow', 'InvalidSignature', 'TruncatedSignature', 'SignatureWithGarbage', 'CompressedSignature', 'InvalidEncoding', 'SignatureMalleability', 'InvalidKtv']);

describe.skipIf(!sharedAvailable)('Wycheproof ed25519_test.json', () => {
  it('keys in every encoding, and every verification', () => {
    const data = readSharedJson('wycheproof/testvectors_v1/ed25519_test.json');
    let n = 0;
    for (const g of data.testGroups) {
      const pk = hex(g.publicKey.pk);
      expect(bytesToHex(decodeEd25519Spki(hex(g.publicKeyDer)))).toBe(g.publicKey.pk);
      expect(bytesToHex(encodeEd25519Spki(pk))).toBe(g.publicKeyDer);
      expect(bytesToHex(decodeEd25519Spki(pemDecode(g.publicKeyPem, ['PUBLIC KEY']).der))).toBe(g.publicKey.pk);
      const { kid: _kid, ...jwk } = g.publicKeyJwk;
      expect(encodeEd25519Jwk({ publicKey: pk })).toEqual(jwk);
      expect(bytesToHex(decodeEd25519Jwk(g.publicKeyJwk, false).publicKey)).toBe(g.publicKey.pk);
      for (const t of g.tests) {
        n++;
        const result = knownResult(t.result, ['valid', 'invalid']);
        for (const f of t.flags) expect(ED_FLAGS.has(f), `unknown flag ${f}`).toBe(true);
        let got: string;
        try {
          got = ed25519Verify(pk, hex(t.msg), hex(t.sig)) ? 'valid' : 'invalid';
        } catch (e) {
          expect(ERROR_CODES).toContain((e as { code?: string }).code);
          got = 'invalid';
        }
        expect(got, `tc ${t.tcId} ${t.comment} ${t.flags}`).toBe(result);
      }
    }
    expect(n).toBe(data.numberOfTests);
  });
});

describe('Ed25519 against OpenSSL 3 and node:crypto, both directions', () => {
  const dir = mkdtempSync(join(tmpdir(), 'keysmith-ed25519-'));
  const openssl = (args: string[], input?: Uint8Array) => execFileSync('openssl', args, { input, stdio: ['pipe', 'pipe', 'pipe'] });

  it('a key from `openssl genpkey` re-encodes byte for byte (PKCS#8 and SPKI)', () => {
    for (let i = 0; i < 5; i++) {
      const pem = openssl(['genpkey', '-algorithm', 'ed25519']).toString();
      const key = decodeEd25519Pkcs8(pemDecode(pem, ['PRIVATE KEY']).der);
      expect(pemEncode('PRIVATE KEY', encodeEd25519Pkcs8(key.seed))).toBe(pem);
      const pubPem = openssl(['pkey', '-pubout'], Buffer.from(pem)).toString();
      expect(pemEncode('PUBLIC KEY', encodeEd25519Spki(key.publicKey))).toBe(pubPem);
    }
  });

  it('keysmith keys are read by openssl and node, and signatures cross both ways', () => {
    const random = seededRandom('keysmith ed25519 interop');
    try {
      for (let i = 0; i < 3; i++) {
        const { seed, publicKey } = ed25519Generate(random);
        const msg = random(100 + i);
        const keyPem = join(dir, `k${i}.pem`);
        const pubPem = join(dir, `p${i}.pem`);
        const msgFile = join(dir, `m${i}`);
        const sigFile = join(dir, `s${i}`);
        writeFileSync(keyPem, pemEncode('PRIVATE KEY', encodeEd25519Pkcs8(seed)));
        writeFileSync(pubPem, pemEncode('PUBLIC KEY', encodeEd25519Spki(publicKey)));
        writeFileSync(msgFile, msg);
        // openssl re-encodes keysmith's private key to the same bytes, and derives the same public key
        expect(openssl(['pkey', '-in', keyPem, '-outform', 'DER'])).toEqual(Buffer.from(encodeEd25519Pkcs8(seed)));
        expect(openssl(['pkey', '-in', keyPem, '-pubout', '-outform', 'DER'])).toEqual(Buffer.from(encodeEd25519Spki(publicKey)));
        // openssl signs, keysmith verifies; keysmith signs, openssl verifies
        const theirs = openssl(['pkeyutl', '-sign', '-inkey', keyPem, '-rawin', '-in', msgFile]);
        expect(bytesToHex(theirs)).toBe(bytesToHex(ed25519Sign(seed, msg))); // Ed25519 is deterministic
        writeFileSync(sigFile, ed25519Sign(seed, msg));
        expect(openssl(['pkeyutl', '-verify', '-pubin', '-inkey', pubPem, '-rawin', '-in', msgFile, '-sigfile', sigFile]).toString()).toMatch(/Signature Verified Successfully/);
        // node:crypto
        const nodeKey = createPrivateKey({ key: Buffer.from(encodeEd25519Pkcs8(seed)), format: 'der', type: 'pkcs8' });
        const nodePub = createPublicKey({ key: Buffer.from(encodeEd25519Spki(publicKey)), format: 'der', type: 'spki' });
        expect(ed25519Verify(publicKey, msg, nodeSign(null, msg, nodeKey))).toBe(true);
        expect(nodeVerify(null, msg, nodePub, ed25519Sign(seed, msg))).toBe(true);
        // node's JWK export equals keysmith's (RFC 8037)
        expect(nodeKey.export({ format: 'jwk' })).toEqual(encodeEd25519Jwk({ seed, publicKey }));
        expect(readFileSync(keyPem, 'utf8')).toBe(nodeKey.export({ format: 'pem', type: 'pkcs8' }));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('Ed25519 encoding errors', () => {
  const seed = new Uint8Array(32).fill(9);
  const publicKey = ed25519PublicKey(seed);
  it('JWK: x must be the public key of d; wrong kty/crv; private/public mismatch of intent', () => {
    const jwk = encodeEd25519Jwk({ seed, publicKey });
    expect(decodeEd25519Jwk(jwk, true)).toEqual({ seed, publicKey });
    const other = encodeEd25519Jwk({ publicKey: ed25519PublicKey(new Uint8Array(32).fill(8)) });
    expect(codeOfSync(() => decodeEd25519Jwk({ ...jwk, x: other.x }, true))).toBe('INVALID_KEY');
    expect(codeOfSync(() => decodeEd25519Jwk({ ...jwk, crv: 'X25519' }, true))).toBe('INVALID_KEY');
    expect(codeOfSync(() => decodeEd25519Jwk({ ...jwk, kty: 'EC' }, true))).toBe('INVALID_FORMAT');
    expect(codeOfSync(() => decodeEd25519Jwk(other, true))).toBe('INVALID_FORMAT');
    expect(codeOfSync(() => decodeEd25519Jwk(jwk, false))).toBe('INVALID_FORMAT');
    expect(codeOfSync(() => decodeEd25519Jwk({ ...jwk, d: 'AAAA' }, true))).toBe('INVALID_KEY');
  });
  it('SPKI: a non-canonical point encoding and a point off the curve are INVALID_KEY; Ed448/X25519 OIDs INVALID_FORMAT', () => {
    const p = hex('edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f'); // y = p (non-canonical)
    expect(codeOfSync(() => encodeEd25519Spki(p))).toBe('INVALID_KEY');
    const spki = encodeEd25519Spki(publicKey);
    const x25519 = Uint8Array.from(spki);
    x25519[8] = 0x6e; // 1.3.101.110
    expect(codeOfSync(() => decodeEd25519Spki(x25519))).toBe('INVALID_FORMAT');
    let offCurve: Uint8Array | undefined;
    for (let b = 2; b < 50 && offCurve === undefined; b++) {
      const cand = new Uint8Array(32);
      cand[0] = b;
      if (codeOfSync(() => encodeEd25519Spki(cand)) === 'INVALID_KEY') offCurve = cand;
    }
    expect(offCurve).toBeDefined();
  });
  it('PKCS#8: a seed of the wrong length is INVALID_KEY, a bare seed without the CurvePrivateKey wrapper INVALID_FORMAT', () => {
    const good = bytesToHex(encodeEd25519Pkcs8(seed));
    expect(good).toBe('302e020100300506032b657004220420' + bytesToHex(seed));
    expect(codeOfSync(() => decodeEd25519Pkcs8(hex('302d020100300506032b65700421041f' + '09'.repeat(31))))).toBe('INVALID_KEY');
    expect(codeOfSync(() => decodeEd25519Pkcs8(hex('302c020100300506032b657004200909' + '09'.repeat(30))))).toBe('INVALID_FORMAT');
    expect(codeOfSync(() => ed25519Sign(new Uint8Array(31), new Uint8Array(0)))).toBe('INVALID_KEY');
  });
});
