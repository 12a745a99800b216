import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { constants, createHmac, createPublicKey, createVerify, diffieHellman, publicEncrypt, verify as nodeVerify, createPrivateKey } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { pkcs11Provider, type Pkcs11Provider } from '../src/pkcs11/index.js';
import { PureProvider } from '../src/provider/pure/provider.js';
import { generateKey } from '../src/core/generate.js';
import { exportKey } from '../src/core/export.js';
import { deleteKey } from '../src/core/lifecycle.js';
import { KeyPair, type AnyKey } from '../src/core/key.js';
import { sign, verify } from '../src/ops/sign.js';
import { generateMac, verifyMac } from '../src/ops/mac.js';
import { deriveSharedSecret } from '../src/ops/agreement.js';
import { importKey } from '../src/core/import.js';
import { specs } from '../src/registry/specs.js';
import { findMacAlgorithm } from '../src/model/algorithms.js';
import type { SymmetricSpec } from '../src/model/spec.js';
import { hex } from '../src/bytes.js';
import { readOwnJson } from './helpers/vectors.js';
import { decrypt } from '../src/ops/encrypt.js';
import { wrapKey, unwrapKey } from '../src/wrap/wrap-key.js';
import { keyCheckValue, keyIdentifier } from '../src/wrap/identify.js';
import { getSpec } from '../src/registry/lookup.js';
import { capabilityMatrix } from '../src/provider/capabilities.js';
import { isKeysmithError } from '../src/errors.js';
import { CKA, CKO } from '../src/pkcs11/constants.js';
import { softhsmAvailable, softhsmToken } from './helpers/softhsm.js';
import { nssAvailable, nssDatabase } from './helpers/nss.js';
import { codeOf } from './helpers/codes.js';

const MESSAGE = new TextEncoder().encode('keysmith pkcs11 message');
const spki = async (k: AnyKey) => createPublicKey({ key: Buffer.from((await exportKey(k, 'spki-der')) as Uint8Array), format: 'der', type: 'spki' });

/**
 * The two PKCS #11 modules on this machine, with what each one is known to have (the measured facts).
 * ed25519: CKM_EC_EDWARDS_KEY_PAIR_GEN / CKM_EDDSA (SoftHSM 2.6.1 on OpenSSL 3; NSS 3.87 lists neither).
 * sm2Ecdh: CKM_ECDH1_DERIVE on sm2p256v1 (SoftHSM's OpenSSL knows the curve; NSS does not).
 * shortHmacKeys: HMAC keys shorter than the digest (SoftHSM's CKM_SHA*_HMAC have a minimum key size of L bytes).
 */
const tokens = [
  { name: 'softhsm', available: softhsmAvailable, options: softhsmToken, oaepSha256: false, kwp: false, ed25519: true, sm2Ecdh: true, shortHmacKeys: false },
  { name: 'nss', available: nssAvailable, options: nssDatabase, oaepSha256: true, kwp: true, ed25519: false, sm2Ecdh: false, shortHmacKeys: true },
] as const;

const HMAC_SPECS = specs.filter((s): s is SymmetricSpec => s.family === 'symmetric' && s.algorithm === 'HMAC');
const NODE_HMAC: Record<string, string> = { HMAC_SHA_224: 'sha224', HMAC_SHA_256: 'sha256', HMAC_SHA_384: 'sha384', HMAC_SHA_512: 'sha512' };
const RFC4231_HASH: Record<string, string> = { 'SHA-224': 'HMAC_224', 'SHA-256': 'HMAC_256', 'SHA-384': 'HMAC_384', 'SHA-512': 'HMAC_512' };
const AGREEMENT_SPECS = specs.filter((s) => s.usages.includes('KEY_AGREEMENT'));
const nodePrivate = async (k: AnyKey) => createPrivateKey({ key: Buffer.from((await exportKey(k, 'pkcs8-der')) as Uint8Array), format: 'der', type: 'pkcs8' });

for (const t of tokens) {
  describe.skipIf(!t.available)(`pkcs11Provider on ${t.name}`, () => {
    let hsm: Pkcs11Provider;
    const pure = new PureProvider();
    beforeAll(async () => {
      hsm = await pkcs11Provider({ ...t.options(), name: t.name });
    });
    afterAll(async () => {
      await hsm?.close();
    });

    it('answers supports from the token: OAEP-SHA-256 and KWP where the token has them, naming the missing mechanism', () => {
      const aes = getSpec('AES_256');
      const rsa = getSpec('RSA_2048');
      expect(hsm.honoursRandom).toBe(false);
      expect(hsm.extractableByDefault).toBe(false);
      expect(hsm.supports(rsa, 'ENCRYPT_DECRYPT', 'decrypt', 'RSAES_OAEP_SHA_1')).toBe(true);
      expect(hsm.supports(rsa, 'ENCRYPT_DECRYPT', 'decrypt', 'RSAES_OAEP_SHA_256')).toBe(t.oaepSha256);
      expect(hsm.supports(aes, 'ENCRYPT_DECRYPT', 'wrap', 'RSAES_OAEP_SHA_1')).toBe(true);
      expect(hsm.supports(rsa, 'SIGN_VERIFY', 'wrap', 'RSA_AES_KEY_WRAP_SHA_1')).toBe(t.kwp);
      expect(hsm.supports(rsa, 'SIGN_VERIFY', 'wrap', 'AES_KWP')).toBe(t.kwp);
      expect(hsm.supports(aes, 'ENCRYPT_DECRYPT', 'key-check-value')).toBe(true);
      expect(hsm.supports(getSpec('SM4'), 'ENCRYPT_DECRYPT', 'generate')).toBe(false);
      expect(hsm.mechanisms).toContain(0x2109);
      if (!t.kwp) expect(hsm.unsupportedReason(rsa, 'SIGN_VERIFY', 'wrap', 'RSA_AES_KEY_WRAP_SHA_1')).toContain('CKM_AES_KEY_WRAP_KWP (0x210B)');
      if (!t.oaepSha256) expect(hsm.unsupportedReason(rsa, 'ENCRYPT_DECRYPT', 'decrypt', 'RSAES_OAEP_SHA_256')).toContain('SHA-1 only');
    });

    it('a sensitive key is wrapped for a cloud import inside the token and opened by the pure provider', async () => {
      const target = await generateKey('AES_256', { provider: hsm });
      expect(target.extractable).toBe(false);
      expect(await codeOf(exportKey(target, 'raw'))).toBe('NOT_EXTRACTABLE');
      // the cloud's wrapping key: made by another provider, handed over as SPKI (as AWS GetParametersForImport does)
      const cloud = await generateKey('RSA_2048', { usage: 'ENCRYPT_DECRYPT', provider: pure });
      const wrappingKey = (await exportKey(cloud, 'spki-der')) as Uint8Array;
      const algorithms = t.oaepSha256 ? (['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256', 'RSA_AES_KEY_WRAP_SHA_1', 'RSA_AES_KEY_WRAP_SHA_256'] as const) : (['RSAES_OAEP_SHA_1', 'RSA_AES_KEY_WRAP_SHA_1'] as const);
      for (const algorithm of algorithms) {
        const blob = await wrapKey(target, { algorithm, wrappingKey });
        const opened = await unwrapKey(blob, { algorithm, unwrappingKey: cloud, spec: 'AES_256', provider: pure });
        expect(await keyCheckValue(opened), algorithm).toBe(await keyCheckValue(target));
      }
      await target.release();
    });

    it(t.kwp ? 'a sensitive EC key leaves wrapped with RSA_AES_KEY_WRAP_SHA_256 (in-token KWP) and opens in the pure provider' : 'wrapping a private key with RSA_AES_KEY_WRAP is UNSUPPORTED (no CKM_AES_KEY_WRAP_KWP)', async () => {
      const target = await generateKey('EC_P256', { provider: hsm });
      const cloud = await generateKey('RSA_2048', { usage: 'ENCRYPT_DECRYPT', provider: pure });
      const wrappingKey = (await exportKey(cloud, 'spki-der')) as Uint8Array;
      if (!t.kwp) {
        expect(await codeOf(wrapKey(target, { algorithm: 'RSA_AES_KEY_WRAP_SHA_256', wrappingKey }))).toBe('UNSUPPORTED');
        return;
      }
      const blob = await wrapKey(target, { algorithm: 'RSA_AES_KEY_WRAP_SHA_256', wrappingKey });
      const opened = await unwrapKey(blob, { algorithm: 'RSA_AES_KEY_WRAP_SHA_256', unwrappingKey: cloud, spec: 'EC_P256', provider: pure });
      expect((await keyIdentifier(opened)).value).toBe((await keyIdentifier(target)).value);
      // P-521 (a 66-byte scalar in the token's PKCS#8) and a KEY_AGREEMENT key the same way
      for (const usage of ['SIGN_VERIFY', 'KEY_AGREEMENT'] as const) {
        const big = await generateKey('EC_P521', { usage, provider: hsm });
        const b = await wrapKey(big, { algorithm: 'RSA_AES_KEY_WRAP_SHA_256', wrappingKey });
        const o = await unwrapKey(b, { algorithm: 'RSA_AES_KEY_WRAP_SHA_256', unwrappingKey: cloud, spec: 'EC_P521', usage, provider: pure });
        expect((await keyIdentifier(o)).value, usage).toBe((await keyIdentifier(big)).value);
      }
    });

    it('unwraps into the token with C_UnwrapKey: a sensitive key with the same check value; a tampered blob is UNWRAP_FAILED', async () => {
      // the token's RSA key receives a key wrapped elsewhere (the pure provider wraps under its SPKI)
      const receiver = await generateKey('RSA_2048', { usage: 'ENCRYPT_DECRYPT', provider: hsm });
      const wrappingKey = (await exportKey(receiver, 'spki-der')) as Uint8Array;
      const original = await generateKey('AES_256', { provider: pure });
      for (const algorithm of ['RSAES_OAEP_SHA_1', 'RSA_AES_KEY_WRAP_SHA_1'] as const) {
        const blob = await wrapKey(original, { algorithm, wrappingKey });
        const inside = await unwrapKey(blob, { algorithm, unwrappingKey: receiver, spec: 'AES_256' });
        expect((inside as { provider: unknown }).provider).toBe(hsm);
        expect(inside.extractable).toBe(false);
        expect(await codeOf(exportKey(inside, 'raw'))).toBe('NOT_EXTRACTABLE');
        expect(await keyCheckValue(inside), algorithm).toBe(await keyCheckValue(original));
        const bad = blob.slice();
        bad[bad.length - 1]! ^= 1;
        expect(await codeOf(unwrapKey(bad, { algorithm, unwrappingKey: receiver, spec: 'AES_256' })), algorithm).toBe('UNWRAP_FAILED');
        await inside.release();
      }
      // under an AES KEK held by the token: RFC 3394 / RFC 5649 bytes the pure provider reads
      const kek = await generateKey('AES_256', { provider: pure });
      const kekBytes = (await exportKey(kek, 'raw')) as Uint8Array;
      for (const algorithm of ['AES_KW', 'AES_KWP'] as const) {
        const blob = await wrapKey(original, { algorithm, wrappingKey: kekBytes });
        const inside = await unwrapKey(blob, { algorithm, unwrappingKey: kekBytes, spec: 'AES_256', provider: hsm });
        expect(await keyCheckValue(inside), algorithm).toBe(await keyCheckValue(original));
        const back = await wrapKey(inside, { algorithm, wrappingKey: kekBytes });
        expect(back, algorithm).toEqual(blob); // KW and KWP are deterministic: the token's bytes are RFC 3394 / 5649's
      }
      await receiver.release();
    });

    it('answers supports for issue 9 specs from the mechanism list: HMAC, P-521, ECDH, Ed25519 where listed; HMAC_SM3, Ed25519ph, ML-DSA, ML-KEM never', () => {
      const has = (m: number) => hsm.mechanisms.includes(m);
      for (const spec of HMAC_SPECS) {
        const want = spec.mac === 'HMAC_SM3' ? false : has({ HMAC_SHA_224: 0x256, HMAC_SHA_256: 0x251, HMAC_SHA_384: 0x261, HMAC_SHA_512: 0x271 }[spec.mac!]!);
        expect(want || spec.mac === 'HMAC_SM3', spec.name).toBe(true); // both tokens list every SHA-2 HMAC
        for (const op of ['generate', 'import', 'generate-mac', 'verify-mac', 'key-check-value', 'wrap'] as const) expect(hsm.supports(spec, 'GENERATE_VERIFY_MAC', op), `${spec.name} ${op}`).toBe(want);
        expect(hsm.supports(spec, 'GENERATE_VERIFY_MAC', 'generate-mac', spec.mac)).toBe(want);
      }
      expect(hsm.unsupportedReason(getSpec('HMAC_SM3'), 'GENERATE_VERIFY_MAC', 'generate-mac')).toMatch(/HMAC_SM3 mechanism \(PKCS #11 defines none\)/);
      expect(hsm.supports(getSpec('HMAC_256'), 'GENERATE_VERIFY_MAC', 'generate-mac', 'HMAC_SHA_384')).toBe(false);
      for (const name of ['AES_128', 'AES_192'] as const) {
        for (const op of ['generate', 'import', 'wrap', 'key-check-value'] as const) expect(hsm.supports(getSpec(name), 'ENCRYPT_DECRYPT', op), `${name} ${op}`).toBe(true);
      }
      const p521 = getSpec('EC_P521');
      expect(hsm.supports(p521, 'SIGN_VERIFY', 'sign', 'ECDSA_SHA_512')).toBe(true);
      for (const spec of AGREEMENT_SPECS) {
        const want = spec.name === 'SM2' ? t.sm2Ecdh : true;
        expect(has(0x1050)).toBe(true);
        expect(hsm.supports(spec, 'KEY_AGREEMENT', 'derive-shared-secret'), spec.name).toBe(want);
        expect(hsm.supports(spec, 'KEY_AGREEMENT', 'generate'), spec.name).toBe(want);
      }
      const ed = getSpec('ED25519');
      expect(has(0x1055) && has(0x1057)).toBe(t.ed25519);
      expect(hsm.supports(ed, 'SIGN_VERIFY', 'generate')).toBe(t.ed25519);
      expect(hsm.supports(ed, 'SIGN_VERIFY', 'sign', 'ED25519_SHA_512')).toBe(t.ed25519);
      expect(hsm.supports(ed, 'SIGN_VERIFY', 'sign', 'ED25519_PH_SHA_512')).toBe(false);
      if (!t.ed25519) expect(hsm.unsupportedReason(ed, 'SIGN_VERIFY', 'generate')).toContain('CKM_EC_EDWARDS_KEY_PAIR_GEN (0x1055)');
      else expect(hsm.unsupportedReason(ed, 'SIGN_VERIFY', 'sign', 'ED25519_PH_SHA_512')).toContain('phFlag');
      for (const spec of specs.filter((s) => s.family === 'ml-dsa' || s.family === 'ml-kem')) {
        for (const u of spec.usages) expect(hsm.supports(spec, u, 'generate') || hsm.supports(spec, u, 'import'), spec.name).toBe(false);
      }
    });

    it('HMAC: a sensitive key imported into the token gives pure\'s and node\'s tags; verifyMac is true only for the whole right tag', async () => {
      for (const spec of HMAC_SPECS.filter((s) => s.mac !== 'HMAC_SM3')) {
        const raw = Uint8Array.from({ length: spec.keyBytes }, (_, i) => (i * 37 + spec.keyBytes) & 0xff);
        const inToken = await importKey(spec, raw, 'raw', { provider: hsm });
        expect(inToken.extractable).toBe(false);
        expect(await codeOf(exportKey(inToken, 'raw'))).toBe('NOT_EXTRACTABLE');
        const inPure = await importKey(spec, raw, 'raw', { provider: pure });
        const tag = await generateMac(inToken, MESSAGE);
        expect(tag.length).toBe(findMacAlgorithm(spec.mac)!.tagBytes);
        expect(tag, spec.name).toEqual(await generateMac(inPure, MESSAGE));
        expect(Buffer.from(tag)).toEqual(createHmac(NODE_HMAC[spec.mac!]!, raw).update(MESSAGE).digest());
        expect(await verifyMac(inToken, MESSAGE, tag)).toBe(true);
        const bad = tag.slice();
        bad[0]! ^= 1;
        expect(await verifyMac(inToken, MESSAGE, bad)).toBe(false);
        expect(await verifyMac(inToken, MESSAGE, tag.subarray(0, 16))).toBe(false);
        expect(await verifyMac(inToken, MESSAGE, Uint8Array.of(...tag, 0))).toBe(false);
        expect(await verifyMac(inToken, new Uint8Array(0), tag)).toBe(false);
        expect(await keyCheckValue(inToken), spec.name).toBe(await keyCheckValue(inPure));
        await inToken.release();
      }
      expect(await codeOf(generateKey('HMAC_SM3', { provider: hsm }))).toBe('UNSUPPORTED');
    });

    it('HMAC: keys generated sensitive in the token MAC there; wrapped out of the token they give the same tags in pure', async () => {
      const kek = (await exportKey(await generateKey('AES_256', { provider: pure }), 'raw')) as Uint8Array;
      for (const spec of HMAC_SPECS.filter((s) => s.mac !== 'HMAC_SM3')) {
        const key = await generateKey(spec, { provider: hsm });
        expect(await codeOf(exportKey(key, 'raw'))).toBe('NOT_EXTRACTABLE');
        const tag = await generateMac(key, MESSAGE);
        expect(await verifyMac(key, MESSAGE, tag)).toBe(true);
        const algorithm = hsm.supports(spec, 'GENERATE_VERIFY_MAC', 'wrap', 'AES_KWP') ? 'AES_KWP' : 'AES_KW';
        if (spec.keyBytes % 8 !== 0 && algorithm === 'AES_KW') continue; // HMAC_224 on SoftHSM: no RFC 5649 KWP, and KW needs whole blocks
        const blob = await wrapKey(key, { algorithm, wrappingKey: kek });
        const opened = await unwrapKey(blob, { algorithm, unwrappingKey: kek, spec: spec.name, provider: pure });
        expect(await generateMac(opened, MESSAGE), `${spec.name} ${algorithm}`).toEqual(tag);
        expect(await keyCheckValue(opened)).toBe(await keyCheckValue(key));
        // and back into the token with C_UnwrapKey
        const back = await unwrapKey(blob, { algorithm, unwrappingKey: kek, spec: spec.name, provider: hsm });
        expect(await generateMac(back, MESSAGE)).toEqual(tag);
        await key.release();
      }
      // created extractable (CKA_SENSITIVE false), the raw key leaves and node computes the same tag
      const open = await generateKey('HMAC_384', { provider: hsm, attributes: { extractable: true } });
      const raw = (await exportKey(open, 'raw')) as Uint8Array;
      expect(raw.length).toBe(48);
      expect(Buffer.from(await generateMac(open, MESSAGE))).toEqual(createHmac('sha384', raw).update(MESSAGE).digest());
      await open.release();
    });

    it('AES_128 and AES_192: made sensitive in the token, wrapped out with KW (RFC 3394 bytes), the same check value in pure; an AES_128 KEK in the token', async () => {
      const kek = (await exportKey(await generateKey('AES_256', { provider: pure }), 'raw')) as Uint8Array;
      for (const name of ['AES_128', 'AES_192'] as const) {
        const key = await generateKey(name, { provider: hsm });
        expect(await codeOf(exportKey(key, 'raw'))).toBe('NOT_EXTRACTABLE');
        const blob = await wrapKey(key, { algorithm: 'AES_KW', wrappingKey: kek });
        expect(blob.length).toBe((getSpec(name) as SymmetricSpec).keyBytes + 8);
        const opened = await unwrapKey(blob, { algorithm: 'AES_KW', unwrappingKey: kek, spec: name, provider: pure });
        expect(await keyCheckValue(opened), name).toBe(await keyCheckValue(key));
        await key.release();
      }
      // a 16-byte KEK imported into the token wraps an AES_256 key that pure opens
      const kek128 = (await exportKey(await generateKey('AES_128', { provider: pure }), 'raw')) as Uint8Array;
      const target = await generateKey('AES_256', { provider: hsm });
      const blob = await wrapKey(target, { algorithm: 'AES_KW', wrappingKey: kek128 });
      const opened = await unwrapKey(blob, { algorithm: 'AES_KW', unwrappingKey: kek128, spec: 'AES_256', provider: pure });
      expect(await keyCheckValue(opened)).toBe(await keyCheckValue(target));
    });

    it('HMAC: RFC 4231 §4 test cases in the token (vectors/rfc4231_hmac_sha2.json), keys of any length through the provider', async () => {
      const data = readOwnJson('rfc4231_hmac_sha2.json');
      let computed = 0;
      let refused = 0;
      for (const c of data.tests) {
        for (const [hash, expected] of Object.entries(c.hmac as Record<string, string>)) {
          const name = RFC4231_HASH[hash];
          if (name === undefined) throw new Error(`unknown hash ${hash}`);
          const spec = getSpec(name) as SymmetricSpec;
          const key = hex(c.key);
          // the core takes HMAC keys of the spec's length only; the provider takes the case's key as the token does
          const h = await hsm.importComponents(spec, 'GENERATE_VERIFY_MAC', { kind: 'secret', key }, { extractable: false, persistent: false });
          try {
            const tag = await hsm.mac(spec, h, spec.mac!, hex(c.data)).then((v) => v, (e: { code?: number }) => e);
            if (!(tag instanceof Uint8Array)) {
              // SoftHSM: CKR_KEY_SIZE_RANGE for a key shorter than the digest (its mechanism info's minimum)
              expect(t.shortHmacKeys, `${c.section} ${hash}`).toBe(false);
              expect(key.length).toBeLessThan(findMacAlgorithm(spec.mac)!.tagBytes);
              expect(tag.code).toBe(0x62);
              refused++;
              continue;
            }
            const cut = c.truncationBits === undefined ? tag : tag.subarray(0, c.truncationBits / 8);
            expect(Buffer.from(cut).toString('hex'), `${c.section} ${hash}`).toBe(expected);
            expect(await hsm.verifyMac(spec, h, spec.mac!, hex(c.data), tag)).toBe(true);
            if (c.truncationBits !== undefined) expect(await hsm.verifyMac(spec, h, spec.mac!, hex(c.data), cut)).toBe(false);
            computed++;
          } finally {
            await hsm.release(h);
          }
        }
      }
      expect(computed + refused).toBe(28);
      expect(computed).toBe(t.shortHmacKeys ? 28 : 8); // SoftHSM: test cases 6 and 7 (131-byte keys) for every hash
    });

    it('ECDH: a sensitive KEY_AGREEMENT key agrees in the token with pure\'s and node\'s shared secret (CKM_ECDH1_DERIVE, CKD_NULL)', async () => {
      for (const spec of AGREEMENT_SPECS.filter((s) => hsm.supports(s, 'KEY_AGREEMENT', 'derive-shared-secret'))) {
        const mine = await generateKey(spec, { usage: 'KEY_AGREEMENT', provider: hsm }); // the core ran the §5.6.2.1.4 check through the token
        expect(mine.extractable).toBe(false);
        expect(await codeOf(exportKey(mine, 'pkcs8-der'))).toBe('NOT_EXTRACTABLE');
        const peer = await generateKey(spec, { usage: 'KEY_AGREEMENT', provider: pure });
        const z = await deriveSharedSecret(mine, await exportKey(peer, 'spki-der') as Uint8Array);
        expect(z.length).toBe((spec as { fieldBytes: number }).fieldBytes);
        expect(z, spec.name).toEqual(await deriveSharedSecret(peer, mine));
        if (spec.name !== 'SM2') expect(Buffer.from(z), spec.name).toEqual(diffieHellman({ privateKey: await nodePrivate(peer), publicKey: await spki(mine) }));
        // the same private key imported into the token (sensitive) and into pure agrees identically
        const der = (await exportKey(peer, 'pkcs8-der')) as Uint8Array;
        const copy = await importKey(spec, der, 'pkcs8-der', { usage: 'KEY_AGREEMENT', provider: hsm });
        expect(copy.extractable).toBe(false);
        expect(await deriveSharedSecret(copy, mine), spec.name).toEqual(z);
        // a SIGN_VERIFY key does not agree
        if (spec.usages.includes('SIGN_VERIFY') && hsm.supports(spec, 'SIGN_VERIFY', 'generate')) {
          expect(await codeOf(deriveSharedSecret(await generateKey(spec, { usage: 'SIGN_VERIFY', provider: hsm }), mine))).toBe('INVALID_USAGE');
        }
        await mine.release();
        await copy.release();
      }
    });

    it('P-521: a sensitive key signs (66-byte halves, DER across the seam); node, openssl(1) and pure verify; pure\'s signatures verify in the token', async () => {
      const key = await generateKey('EC_P521', { provider: hsm });
      expect(await codeOf(exportKey(key, 'pkcs8-der'))).toBe('NOT_EXTRACTABLE');
      const sig = await sign(key, MESSAGE);
      expect(sig[0]).toBe(0x30);
      expect(sig[1]).toBe(0x81); // a 64..139-byte SEQUENCE: two INTEGERs of up to 66 bytes
      expect(nodeVerify('sha512', MESSAGE, await spki(key), Buffer.from(sig))).toBe(true);
      const pub = await importKey('EC_P521', (await exportKey(key, 'spki-der')) as Uint8Array, 'spki-der', { provider: pure });
      expect(await verify(pub, MESSAGE, sig)).toBe(true);
      const dir = mkdtempSync(join(tmpdir(), 'keysmith-p521-'));
      try {
        writeFileSync(join(dir, 'pub.pem'), (await exportKey(key, 'spki-pem')) as string);
        writeFileSync(join(dir, 'msg'), MESSAGE);
        writeFileSync(join(dir, 'sig'), sig);
        const out = execFileSync('openssl', ['dgst', '-sha512', '-verify', join(dir, 'pub.pem'), '-signature', join(dir, 'sig'), join(dir, 'msg')], { encoding: 'utf8' });
        expect(out).toContain('Verified OK');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      const other = await generateKey('EC_P521', { provider: pure });
      const theirs = await sign(other, MESSAGE);
      const inToken = await importKey('EC_P521', (await exportKey(other, 'spki-der')) as Uint8Array, 'spki-der', { provider: hsm });
      expect(await verify(inToken, MESSAGE, theirs)).toBe(true);
      expect(await verify(inToken, Uint8Array.of(...MESSAGE, 0), theirs)).toBe(false);
      // DIGEST: the token signs the caller's SHA-512
      const digest = (await import('node:crypto')).createHash('sha512').update(MESSAGE).digest();
      expect(await verify(pub, MESSAGE, await sign(key, digest, { messageType: 'DIGEST' }))).toBe(true);
      await key.release();
    });

    it(t.ed25519 ? 'Ed25519: RFC 8032 §7.1 signatures from seeds imported sensitive; generated keys cross-verify with pure, node and openssl(1)' : 'Ed25519 is UNSUPPORTED (no CKM_EC_EDWARDS_KEY_PAIR_GEN)', async () => {
      if (!t.ed25519) {
        expect(await codeOf(generateKey('ED25519', { provider: hsm }))).toBe('UNSUPPORTED');
        return;
      }
      const data = readOwnJson('rfc8032_ed25519.json');
      expect(data.ed25519.length).toBeGreaterThanOrEqual(4);
      for (const v of data.ed25519 as { section: string; secretKey: string; publicKey: string; message: string; signature: string }[]) {
        const key = await importKey('ED25519', hex(v.secretKey), 'raw', { provider: hsm });
        expect(key.extractable).toBe(false);
        expect(Buffer.from((await exportKey(key, 'raw-public')) as Uint8Array).toString('hex')).toBe(v.publicKey);
        const sig = await sign(key, hex(v.message));
        expect(Buffer.from(sig).toString('hex'), v.section).toBe(v.signature);
        expect(await verify(key, hex(v.message), sig)).toBe(true);
        sig[5]! ^= 1;
        expect(await verify(key, hex(v.message), sig)).toBe(false);
        expect(await verify(key, hex(v.message), sig.subarray(0, 63))).toBe(false);
        await key.release();
      }
      const key = await generateKey('ED25519', { provider: hsm });
      expect(await codeOf(exportKey(key, 'pkcs8-der'))).toBe('NOT_EXTRACTABLE');
      const sig = await sign(key, MESSAGE);
      expect(sig.length).toBe(64);
      expect(nodeVerify(null, MESSAGE, await spki(key), Buffer.from(sig))).toBe(true);
      const pub = await importKey('ED25519', (await exportKey(key, 'spki-der')) as Uint8Array, 'spki-der', { provider: pure });
      expect(await verify(pub, MESSAGE, sig)).toBe(true);
      const dir = mkdtempSync(join(tmpdir(), 'keysmith-ed25519-'));
      try {
        writeFileSync(join(dir, 'pub.pem'), (await exportKey(key, 'spki-pem')) as string);
        writeFileSync(join(dir, 'msg'), MESSAGE);
        writeFileSync(join(dir, 'sig'), sig);
        const out = execFileSync('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', join(dir, 'pub.pem'), '-rawin', '-in', join(dir, 'msg'), '-sigfile', join(dir, 'sig')], { encoding: 'utf8' });
        expect(out).toContain('Signature Verified Successfully');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      const other = await generateKey('ED25519', { provider: pure });
      const inToken = await importKey('ED25519', (await exportKey(other, 'spki-der')) as Uint8Array, 'spki-der', { provider: hsm });
      expect(await verify(inToken, MESSAGE, await sign(other, MESSAGE))).toBe(true);
      // same seed in both: Ed25519 is deterministic, so the signatures are identical
      const seed = (await exportKey(other, 'raw')) as Uint8Array;
      const twin = await importKey('ED25519', seed, 'raw', { provider: hsm });
      expect(await sign(twin, MESSAGE)).toEqual(await sign(other, MESSAGE));
      const digest = (await import('node:crypto')).createHash('sha512').update(MESSAGE).digest();
      expect(await codeOf(sign(key, digest, { algorithm: 'ED25519_PH_SHA_512', messageType: 'DIGEST' }))).toBe('UNSUPPORTED');
      // created extractable, the seed leaves as RFC 8410 PKCS#8 that node reads
      const open = await generateKey('ED25519', { provider: hsm, attributes: { extractable: true } });
      const priv = createPrivateKey({ key: Buffer.from((await exportKey(open, 'pkcs8-der')) as Uint8Array), format: 'der', type: 'pkcs8' });
      expect(createPublicKey(priv).export({ format: 'der', type: 'spki' })).toEqual(Buffer.from((await exportKey(open, 'spki-der')) as Uint8Array));
      await key.release();
    });

    it('its capability matrix is the token\'s', () => {
      const rows = capabilityMatrix(hsm);
      expect(rows.length).toBeGreaterThan(0);
      for (const r of rows) {
        const spec = getSpec(r.spec);
        expect(r.supported, `${r.spec} ${r.usage} ${r.operation}`).toBe(hsm.supports(spec, r.usage, r.operation));
        for (const a of r.algorithms ?? []) expect(hsm.supports(spec, r.usage, r.operation, a), `${r.spec} ${r.operation} ${a}`).toBe(true);
      }
      const oaep256 = rows.find((r) => r.spec === 'RSA_2048' && r.usage === 'ENCRYPT_DECRYPT' && r.operation === 'decrypt')!;
      expect(oaep256.algorithms?.includes('RSAES_OAEP_SHA_256')).toBe(t.oaepSha256);
    });

    it('a sensitive RSA key signs through the public API, and OpenSSL verifies', async () => {
      const key = (await generateKey('RSA_2048', { provider: hsm })) as KeyPair;
      expect(await codeOf(exportKey(key, 'pkcs8-der'))).toBe('NOT_EXTRACTABLE');
      const pub = await spki(key);
      const pkcs1 = await sign(key, MESSAGE, { algorithm: 'RSASSA_PKCS1_V1_5_SHA_256' });
      expect(createVerify('sha256').update(MESSAGE).verify(pub, Buffer.from(pkcs1))).toBe(true);
      const pss = await sign(key, MESSAGE, { algorithm: 'RSASSA_PSS_SHA_384' });
      expect(nodeVerify('sha384', MESSAGE, { key: pub, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 48 }, Buffer.from(pss))).toBe(true);
      await key.release();
    });

    it('a sensitive EC key signs (DER across the seam), and OpenSSL verifies', async () => {
      for (const name of ['EC_P256', 'EC_P384'] as const) {
        const key = await generateKey(name, { provider: hsm });
        const sig = await sign(key, MESSAGE);
        expect(sig[0]).toBe(0x30);
        expect(nodeVerify(name === 'EC_P256' ? 'sha256' : 'sha384', MESSAGE, await spki(key), Buffer.from(sig)), name).toBe(true);
        await key.release();
      }
    });

    it('a sensitive RSA key decrypts what OpenSSL encrypted to it', async () => {
      const key = await generateKey('RSA_2048', { usage: 'ENCRYPT_DECRYPT', provider: hsm });
      const pub = await spki(key);
      const hashes = t.oaepSha256 ? (['sha1', 'sha256'] as const) : (['sha1'] as const);
      for (const oaepHash of hashes) {
        const ct = publicEncrypt({ key: pub, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash }, MESSAGE);
        const algorithm = oaepHash === 'sha1' ? 'RSAES_OAEP_SHA_1' : 'RSAES_OAEP_SHA_256';
        expect(await decrypt(key, ct, { algorithm })).toEqual(MESSAGE);
      }
      if (!t.oaepSha256) expect(await codeOf(decrypt(key, new Uint8Array(256), { algorithm: 'RSAES_OAEP_SHA_256' }))).toBe('UNSUPPORTED');
      await key.release();
    });

    it('a key created extractable (CKA_SENSITIVE false) exports its private key, and OpenSSL reads it', async () => {
      const key = await generateKey('EC_P256', { provider: hsm, attributes: { extractable: true } });
      const der = Buffer.from((await exportKey(key, 'pkcs8-der')) as Uint8Array);
      const priv = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
      expect(createPublicKey(priv).export({ format: 'der', type: 'spki' })).toEqual(Buffer.from((await exportKey(key, 'spki-der')) as Uint8Array));
      await key.release();
    });

    it('concurrent keysmith calls on one provider all succeed', async () => {
      const keys = await Promise.all(['EC_P256', 'EC_P384', 'AES_256', 'EC_P256', 'RSA_2048'].map((n) => generateKey(n, { provider: hsm })));
      const signers = keys.filter((k) => k instanceof KeyPair);
      const sigs = await Promise.all(signers.flatMap((k) => Array.from({ length: 8 }, () => sign(k, MESSAGE))));
      const oks = await Promise.all(sigs.map((s, i) => verify(signers[Math.floor(i / 8)]!, MESSAGE, s)));
      expect(oks.every(Boolean)).toBe(true);
      await Promise.all(keys.map((k) => k.release()));
    });

    it('release keeps a persistent token object, deleteKey removes it; session objects go on release', async () => {
      const label = `keysmith-${t.name}-${Date.now()}`;
      const persistent = await generateKey('AES_256', { provider: hsm, attributes: { persistent: true, label, id: Uint8Array.of(1, 2, 3) } });
      expect(persistent.attributes.persistent).toBe(true);
      const doomed = await generateKey('AES_256', { provider: hsm, attributes: { persistent: true, label: `${label}-doomed` } });
      const session = await generateKey('AES_256', { provider: hsm, attributes: { label: `${label}-session` } });
      await persistent.release();
      await session.release();
      await deleteKey(doomed);
      await hsm.close();
      // look at the token with pkcs11js directly, in a fresh session
      const { PKCS11 } = await import('pkcs11js');
      const o = t.options() as { library: string; tokenLabel: string; pin: string; libraryParameters?: string };
      const p = new PKCS11();
      p.load(o.library);
      p.C_Initialize(o.libraryParameters ? { libraryParameters: o.libraryParameters } : undefined);
      try {
        const slot = p.C_GetSlotList(true).find((s) => p.C_GetTokenInfo(s).label.trim() === o.tokenLabel)!;
        const s = p.C_OpenSession(slot, 6);
        p.C_Login(s, 1, o.pin);
        const count = (l: string) => {
          p.C_FindObjectsInit(s, [{ type: CKA.CLASS, value: CKO.SECRET_KEY }, { type: CKA.LABEL, value: l }]);
          const found = p.C_FindObjects(s, 10);
          p.C_FindObjectsFinal(s);
          return found.length;
        };
        expect(count(label)).toBe(1);
        expect(count(`${label}-doomed`)).toBe(0);
        expect(count(`${label}-session`)).toBe(0);
        p.C_FindObjectsInit(s, [{ type: CKA.LABEL, value: label }]);
        const [h] = p.C_FindObjects(s, 1);
        p.C_FindObjectsFinal(s);
        const [id, sensitive, extractable] = p.C_GetAttributeValue(s, h!, [{ type: CKA.ID }, { type: CKA.SENSITIVE }, { type: CKA.EXTRACTABLE }]);
        expect([...(id!.value as Buffer)]).toEqual([1, 2, 3]);
        expect((sensitive!.value as Buffer)[0]).toBe(1);
        expect((extractable!.value as Buffer)[0]).toBe(1);
        p.C_DestroyObject(s, h!);
        p.C_Logout(s);
        p.C_CloseSession(s);
      } finally {
        p.C_Finalize();
        p.close();
      }
      hsm = await pkcs11Provider({ ...t.options(), name: t.name });
    });

    it('a wrong PIN, a missing token and a missing library each give a clear error, never the PIN', async () => {
      const o = t.options();
      const wrong = await pkcs11Provider({ ...o, pin: 'not-the-pin-1234' }).then(() => undefined, (e: unknown) => e);
      expect(isKeysmithError(wrong, 'INVALID_ARGUMENT')).toBe(true);
      expect((wrong as Error).message).toMatch(/PIN was refused/);
      expect((wrong as Error).message).not.toContain('not-the-pin-1234');
      // with no provider logged in, the token itself refuses it (CKR_PIN_INCORRECT as the cause)
      await hsm.close();
      const refused = await pkcs11Provider({ ...o, pin: 'not-the-pin-1234' }).then(() => undefined, (e: unknown) => e);
      expect(isKeysmithError(refused, 'INVALID_ARGUMENT')).toBe(true);
      expect((refused as Error).message).toMatch(/PIN was refused/);
      expect(((refused as Error).cause as { code?: number }).code).toBe(0xa0);
      hsm = await pkcs11Provider({ ...o, name: t.name });
      const noToken = await pkcs11Provider({ ...o, tokenLabel: 'no-such-token' }).then(() => undefined, (e: unknown) => e);
      expect(isKeysmithError(noToken, 'INVALID_ARGUMENT')).toBe(true);
      expect((noToken as Error).message).toMatch(/no token labelled "no-such-token"/);
      const noLib = await pkcs11Provider({ ...o, library: '/nonexistent/libpkcs11.so' }).then(() => undefined, (e: unknown) => e);
      expect(isKeysmithError(noLib, 'INVALID_ARGUMENT')).toBe(true);
      expect((noLib as Error).message).toContain('/nonexistent/libpkcs11.so');
      // the open provider still works after the failed attempts
      const k = await generateKey('EC_P256', { provider: hsm });
      expect(await verify(k, MESSAGE, await sign(k, MESSAGE))).toBe(true);
    });
  });
}

describe.skipIf(!softhsmAvailable)('the README PKCS #11 example', () => {
  it('runs as written against a SoftHSM token', async () => {
    const readme = readFileSync(join(__dirname, '../README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## PKCS #11'));
    const code = /```typescript\n([\s\S]*?)```/.exec(section)![1]!;
    expect(code).toContain("from 'keysmith/pkcs11'");
    const root = pathToFileURL(join(__dirname, '../src/index.ts')).href;
    const sub = pathToFileURL(join(__dirname, '../src/pkcs11/index.ts')).href;
    const dir = mkdtempSync(join(tmpdir(), 'keysmith-readme-pkcs11-'));
    const o = softhsmToken();
    Object.assign(process.env, { PKCS11_LIBRARY: o.library, PKCS11_TOKEN: o.tokenLabel, PKCS11_PIN: o.pin });
    try {
      const file = join(dir, 'example.ts');
      writeFileSync(file, code.replaceAll("from 'keysmith/pkcs11'", `from '${sub}'`).replaceAll("from 'keysmith'", `from '${root}'`) + '\nexport {};\n');
      await import(pathToFileURL(file).href);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('keysmith/pkcs11 packaging', () => {
  it('is its own subpath; the root entry never loads the native addon', () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '../package.json'), 'utf8'));
    expect(pkg.exports['./pkcs11']).toEqual({ types: './dist/pkcs11/index.d.ts', default: './dist/pkcs11/index.js' });
    expect(pkg.optionalDependencies.pkcs11js).toMatch(/^\d+\.\d+\.\d+$/);
    expect(pkg.allowScripts.pkcs11js).toBe(true);
    const dist = join(__dirname, '../dist');
    expect(existsSync(join(dist, 'pkcs11/index.js'))).toBe(true);
    const rootFiles = ['index.js', 'core/generate.js', 'provider/pure/provider.js'].map((f) => readFileSync(join(dist, f), 'utf8'));
    for (const src of rootFiles) expect(src).not.toMatch(/pkcs11/);
  });
});
