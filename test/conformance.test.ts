import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspect } from 'node:util';
import { generateKey } from '../src/core/generate.js';
import { exportKey } from '../src/core/export.js';
import { importKey } from '../src/core/import.js';
import { Key, KeyPair, handleOf, type AnyKey } from '../src/core/key.js';
import { specs } from '../src/registry/specs.js';
import { FORMAT_KINDS, KEY_FORMATS, formatsFor, isPublicFormat, type KeyFormat } from '../src/encoding/formats.js';
import { bytesToHex, concatBytes, toBase64 } from '../src/bytes.js';
import { seededRandom, systemRandom } from '../src/random.js';
import { USAGES, type EcSpec, type KeySpec, type MlKemSpec, type Usage } from '../src/model/spec.js';
import { OPERATIONS, operationApplies, type Operation } from '../src/model/operations.js';
import { encryptionAlgorithms, macAlgorithms, signingAlgorithms } from '../src/model/algorithms.js';
import { sign, verify } from '../src/ops/sign.js';
import { decrypt, encrypt } from '../src/ops/encrypt.js';
import { generateMac, verifyMac } from '../src/ops/mac.js';
import { deriveSharedSecret } from '../src/ops/agreement.js';
import { decapsulate, encapsulate } from '../src/ops/kem.js';
import { wrapKey, unwrapKey } from '../src/wrap/wrap-key.js';
import { wrappingAlgorithms } from '../src/wrap/algorithms.js';
import { keyCheckValue, keyIdentifier } from '../src/wrap/identify.js';
import { keyCheckValueOf } from '../src/wrap/kcv.js';
import type { KeyMaterialProvider } from '../src/provider/types.js';
import { providerFixtures, type ProviderFixture } from './helpers/providers.js';
import { codeOf } from './helpers/codes.js';
import {
  MESSAGE, copyOn, freshKeyOn, keyOn, materialFormat, messageFor, noCounts, otherCurveSpec, privateFormats, publicHalf, publicKindOf,
  referenceKey, releaseReferenceKeys, sameMaterial, usagesToTest, wrappingKeyOn,
} from './helpers/conformance.js';
import { payloadBytes } from '../src/encoding/limits.js';

/**
 * Runs `operation` through the public API on a provider that says it cannot: the result must be UNSUPPORTED.
 * `key` is a key of the spec on the provider, when the provider can hold one at all.
 */
async function attempt(provider: KeyMaterialProvider, spec: KeySpec, usage: Usage, operation: Operation, key: AnyKey | undefined): Promise<string | undefined> {
  const kek = systemRandom(32);
  switch (operation) {
    case 'generate':
      return codeOf(generateKey(spec, { usage, provider }));
    case 'import': {
      const f = materialFormat(spec);
      return codeOf(importKey(spec, await exportKey(await referenceKey(spec, usage), f), f, { usage, provider }));
    }
    case 'persist':
      return codeOf(generateKey(spec, { usage, provider, attributes: { persistent: true } }));
    case 'unwrap': {
      const blob = await wrapKey(await referenceKey(spec, usage), { algorithm: 'AES_KWP', wrappingKey: kek });
      return codeOf(unwrapKey(blob, { algorithm: 'AES_KWP', unwrappingKey: kek, spec, usage, provider }));
    }
    default:
      break;
  }
  if (!key) return undefined;
  switch (operation) {
    case 'export-public':
      return codeOf(exportKey(key, 'spki-der'));
    case 'export-private':
      return codeOf(exportKey(key, privateFormats(spec)[0]!));
    case 'sign':
      return codeOf(sign(key, MESSAGE));
    case 'verify':
      return codeOf(verify(key, MESSAGE, new Uint8Array(64)));
    case 'encrypt':
      return codeOf(encrypt(key, MESSAGE));
    case 'decrypt':
      return codeOf(decrypt(key, new Uint8Array(256)));
    case 'wrap':
      return codeOf(wrapKey(key, { algorithm: 'AES_KWP', wrappingKey: kek }));
    case 'key-check-value':
      return codeOf(keyCheckValue(key));
    case 'generate-mac':
      return codeOf(generateMac(key, MESSAGE));
    case 'verify-mac':
      return codeOf(verifyMac(key, MESSAGE, new Uint8Array(64)));
    case 'derive-shared-secret':
      return codeOf(deriveSharedSecret(key, publicHalf(await referenceKey(spec, usage))));
    case 'encapsulate':
      return codeOf(encapsulate(key));
    case 'decapsulate':
      return codeOf(decapsulate(key, new Uint8Array((spec as MlKemSpec).ciphertextBytes)));
    default:
      return undefined;
  }
}

function conformance(fixture: ProviderFixture): void {
  describe(`conformance: ${fixture.name} provider`, () => {
    let provider: KeyMaterialProvider;
    beforeAll(async () => {
      provider = await fixture.create();
    });
    /** MAC, ECDH and KEM checks that ran to the end, checked against `supports` by the last test. */
    const ran = noCounts();
    afterAll(async () => {
      await releaseReferenceKeys();
      await fixture.dispose();
    });

    it('states its capabilities for every spec × usage × operation, and never for a combination keysmith does not define', () => {
      expect(typeof provider.name).toBe('string');
      expect(typeof provider.honoursRandom).toBe('boolean');
      expect(typeof provider.extractableByDefault).toBe('boolean');
      for (const spec of specs) {
        for (const usage of USAGES) {
          for (const op of OPERATIONS) {
            const s = provider.supports(spec, usage, op);
            expect(typeof s, `${spec.name} ${usage} ${op}`).toBe('boolean');
            if (!operationApplies(spec, usage, op)) expect(s, `${spec.name} ${usage} ${op}`).toBe(false);
          }
        }
      }
    });

    for (const spec of specs) {
      for (const usage of usagesToTest(spec)) {
        describe(`${spec.name} ${usage}`, () => {
          let key: AnyKey | undefined;
          beforeAll(async () => {
            key = await keyOn(provider, spec, usage);
          });
          afterAll(async () => {
            await key?.release();
          });

          it('every operation the provider says it cannot do is UNSUPPORTED, naming the provider', async () => {
            for (const op of OPERATIONS) {
              if (!operationApplies(spec, usage, op) || provider.supports(spec, usage, op)) continue;
              const code = await attempt(provider, spec, usage, op, key);
              if (code !== undefined) expect(code, `${spec.name} ${usage} ${op}`).toBe('UNSUPPORTED');
            }
          });

          it('is the right kind of key and never shows its bytes', async () => {
            if (!key) return;
            expect(key.spec).toBe(spec);
            expect(key.usage).toBe(usage);
            if (spec.family === 'symmetric') {
              expect(key).toBeInstanceOf(Key);
              expect((key as Key).type).toBe('secret');
            } else {
              expect(key).toBeInstanceOf(KeyPair);
              expect((key as KeyPair).privateKey.type).toBe('private');
              expect((key as KeyPair).publicKey.type).toBe('public');
              expect((key as KeyPair).publicKey.extractable).toBe(true);
            }
            expect(key.extractable).toBe(provider.extractableByDefault);
            if (!key.extractable || !provider.supports(spec, usage, 'export-private')) return;
            const secret = (await exportKey(key, spec.family === 'rsa' ? 'pkcs8-der' : 'raw')) as Uint8Array;
            const shown = [String(key), inspect(key, { showHidden: true, depth: 9 }), JSON.stringify(key), inspect(Object.entries(key))];
            if (key instanceof KeyPair) shown.push(inspect(key.privateKey, { showHidden: true }), JSON.stringify(key.privateKey));
            const needles = spec.family === 'rsa' ? [bytesToHex(secret.subarray(-64, -32))] : [bytesToHex(secret), toBase64(secret)];
            for (const s of shown) {
              for (const n of needles) expect(s.toLowerCase()).not.toContain(n.toLowerCase());
              expect(s).toContain(spec.name);
            }
          });

          it('exports what its attributes allow: every format round-trips byte for byte', async () => {
            if (!key) return;
            const formats = formatsFor(spec);
            expect(formats.length).toBeGreaterThan(0);
            for (const format of formats) {
              const readable = isPublicFormat(format) ? provider.supports(spec, usage, 'export-public') : key.extractable && provider.supports(spec, usage, 'export-private');
              if (!readable) {
                expect(await codeOf(exportKey(key, format)), format).toMatch(/^(UNSUPPORTED|NOT_EXTRACTABLE)$/);
                continue;
              }
              const out = await exportKey(key, format);
              if (!provider.supports(spec, usage, 'import')) continue;
              const back = await importKey(spec, out, format, { usage, provider });
              expect(await exportKey(back, format)).toEqual(out);
              if (!isPublicFormat(format) && spec.family !== 'symmetric') expect(back).toBeInstanceOf(KeyPair);
              if (isPublicFormat(format)) expect((back as Key).type).toBe('public');
              await back.release();
            }
          });

          it('refuses formats that do not apply with UNSUPPORTED', async () => {
            if (!key) return;
            const applicable = new Set<KeyFormat>(formatsFor(spec));
            for (const format of KEY_FORMATS.filter((f) => !applicable.has(f))) {
              expect(await codeOf(exportKey(key, format))).toBe('UNSUPPORTED');
            }
            expect(await codeOf(exportKey(key, 'pem' as KeyFormat))).toBe('INVALID_ARGUMENT');
            if (key instanceof KeyPair && provider.supports(spec, usage, 'export-public')) {
              // a public key alone has only the formats that carry a public key (PKCS#1 carries either)
              const publicKind = publicKindOf(spec)!;
              expect(publicKind).toBeDefined();
              for (const format of KEY_FORMATS) {
                const ok = applicable.has(format) && FORMAT_KINDS[format].includes(publicKind);
                expect(await codeOf(exportKey(key.publicKey, format)), format).toBe(ok ? 'no error' : 'UNSUPPORTED');
              }
            }
          });

          it('a non-extractable key refuses private export but still exports its public half and works', async () => {
            const k = await copyOn(provider, key, spec, usage, { extractable: false });
            if (!k) return;
            expect(k.extractable).toBe(false);
            for (const format of privateFormats(spec)) expect(await codeOf(exportKey(k, format)), format).toBe('NOT_EXTRACTABLE');
            if (k instanceof KeyPair && provider.supports(spec, usage, 'export-public')) {
              expect(await exportKey(k, 'spki-der')).toEqual(await exportKey(k.publicKey, 'spki-der'));
            }
            if (provider.supports(spec, usage, 'sign') && provider.supports(spec, usage, 'verify')) {
              expect(await verify(k, MESSAGE, await sign(k, MESSAGE))).toBe(true);
            }
            if (provider.supports(spec, usage, 'encrypt') && provider.supports(spec, usage, 'decrypt')) {
              expect(await decrypt(k, await encrypt(k, MESSAGE))).toEqual(MESSAGE);
            }
            if (provider.supports(spec, usage, 'key-check-value')) expect(await keyCheckValue(k)).toMatch(/^[0-9A-F]{6}$/);
            if (provider.supports(spec, usage, 'generate-mac') && provider.supports(spec, usage, 'verify-mac')) {
              expect(await verifyMac(k, MESSAGE, await generateMac(k, MESSAGE))).toBe(true);
            }
            if (provider.supports(spec, usage, 'derive-shared-secret')) {
              const peer = await referenceKey(spec, usage);
              expect(await deriveSharedSecret(k, publicHalf(peer))).toEqual(await deriveSharedSecret(peer, publicHalf(k)));
            }
            if (provider.supports(spec, usage, 'encapsulate') && provider.supports(spec, usage, 'decapsulate')) {
              const { ciphertext, sharedSecret } = await encapsulate(k);
              expect(await decapsulate(k, ciphertext)).toEqual(sharedSecret);
            }
            await k.release();
          });

          it('signs and verifies with every algorithm it supports, RAW and DIGEST', async () => {
            if (!key || !operationApplies(spec, usage, 'sign')) return;
            for (const alg of signingAlgorithms()) {
              if (!alg.appliesTo(spec)) {
                expect(await codeOf(sign(key, MESSAGE, { algorithm: alg.name }))).toBe('UNSUPPORTED');
                continue;
              }
              if (!provider.supports(spec, usage, 'sign', alg.name) || !provider.supports(spec, usage, 'verify', alg.name)) continue;
              // each algorithm in its first message type (ED25519_PH_SHA_512 takes only DIGEST)
              const { message, o } = messageFor(alg);
              const sig = await sign(key, message, o);
              expect(await verify(key, message, sig, o), alg.name).toBe(true);
              const changed = message.slice();
              changed[0]! ^= 1;
              expect(await verify(key, changed, sig, o)).toBe(false);
              const bad = sig.slice();
              bad[bad.length >> 1]! ^= 0x40;
              expect(await verify(key, message, bad, o)).toBe(false);
              expect(await verify(key, message, sig.subarray(0, 3), o)).toBe(false);
              expect(await codeOf(sign(key, new Uint8Array(alg.digestBytes + 1), { algorithm: alg.name, messageType: 'DIGEST' }))).toBe('INVALID_ARGUMENT');
            }
          });

          it('encrypts and decrypts with every algorithm it supports', async () => {
            if (!key || !operationApplies(spec, usage, 'encrypt')) return;
            for (const alg of encryptionAlgorithms()) {
              if (!alg.appliesTo(spec)) {
                expect(await codeOf(encrypt(key, MESSAGE, { algorithm: alg.name }))).toBe('UNSUPPORTED');
                continue;
              }
              if (!provider.supports(spec, usage, 'encrypt', alg.name) || !provider.supports(spec, usage, 'decrypt', alg.name)) continue;
              const ct = await encrypt(key, MESSAGE, { algorithm: alg.name });
              expect(await decrypt(key, ct, { algorithm: alg.name }), alg.name).toEqual(MESSAGE);
              const bad = ct.slice();
              bad[bad.length - 1]! ^= 1;
              expect(await codeOf(decrypt(key, bad, { algorithm: alg.name })), alg.name).toBe('DECRYPT_FAILED');
            }
          });

          it('wraps and unwraps with every algorithm it supports, within the provider', async () => {
            if (!key) return;
            for (const alg of wrappingAlgorithms()) {
              if (!alg.targets(spec) || !provider.supports(spec, usage, 'wrap', alg.name) || !provider.supports(spec, usage, 'unwrap', alg.name)) continue;
              const wk = await wrappingKeyOn(provider, alg);
              if (!wk) continue;
              const ws = wk.spec;
              if (alg.rsaOverhead !== undefined && ws.family === 'rsa' && payloadBytes(spec) > ws.bits / 8 - alg.rsaOverhead) {
                // the payload does not fit plain RSA under this modulus (e.g. EC_P521 PKCS#8 under RSA_2048)
                expect(await codeOf(wrapKey(key, { algorithm: alg.name, wrappingKey: wk })), alg.name).toBe('UNSUPPORTED');
                continue;
              }
              const blob = await wrapKey(key, { algorithm: alg.name, wrappingKey: wk });
              const back = await unwrapKey(blob, { algorithm: alg.name, unwrappingKey: wk, spec, usage });
              expect(back.spec).toBe(spec);
              expect(back.usage).toBe(usage);
              expect(back instanceof KeyPair ? back.privateKey.provider : (back as Key).provider).toBe(provider);
              expect((await keyIdentifier(back)).value, alg.name).toBe((await keyIdentifier(key)).value);
              await back.release();
            }
          });

          it('generates and verifies MACs with every algorithm it supports, as the reference does', async () => {
            if (!key || !operationApplies(spec, usage, 'generate-mac')) return;
            for (const alg of macAlgorithms()) {
              const o = { algorithm: alg.name };
              if (!alg.appliesTo(spec)) {
                expect(await codeOf(generateMac(key, MESSAGE, o)), alg.name).toBe('UNSUPPORTED');
                continue;
              }
              if (!provider.supports(spec, usage, 'generate-mac', alg.name) || !provider.supports(spec, usage, 'verify-mac', alg.name)) continue;
              const tag = await generateMac(key, MESSAGE, o);
              expect(tag.length).toBe(alg.tagBytes);
              expect(await verifyMac(key, MESSAGE, tag, o), alg.name).toBe(true);
              const changed = MESSAGE.slice();
              changed[0]! ^= 1;
              expect(await verifyMac(key, changed, tag, o)).toBe(false);
              const bad = tag.slice();
              bad[bad.length >> 1]! ^= 0x40;
              expect(await verifyMac(key, MESSAGE, bad, o)).toBe(false);
              // AWS VerifyMac takes the whole tag: a valid prefix is not a valid tag
              expect(await verifyMac(key, MESSAGE, tag.subarray(0, tag.length - 1), o)).toBe(false);
              const same = await sameMaterial(provider, key, spec, usage);
              if (same) {
                expect(await generateMac(same.mine, MESSAGE, o), `${alg.name} vs the reference`).toEqual(await generateMac(same.ref, MESSAGE, o));
                await same.release();
              }
              ran.mac++;
            }
          });

          it('derives the same ECDH secret from both sides, as the reference does; a peer on another curve is INVALID_KEY', async () => {
            if (!key || !provider.supports(spec, usage, 'derive-shared-secret')) return;
            const other = (await freshKeyOn(provider, spec, usage))!;
            const z = await deriveSharedSecret(key, publicHalf(other));
            expect(z.length).toBe((spec as EcSpec).fieldBytes);
            // the other side, with the peer as SPKI bytes this time
            expect(await deriveSharedSecret(other, (await exportKey(publicHalf(key), 'spki-der')) as Uint8Array)).toEqual(z);
            // a third key gives another secret (the secret depends on the peer at all)
            expect(await deriveSharedSecret(key, publicHalf(await referenceKey(spec, usage)))).not.toEqual(z);
            const same = await sameMaterial(provider, key, spec, usage);
            if (same) {
              expect(await deriveSharedSecret(same.mine, publicHalf(other)), 'vs the reference').toEqual(await deriveSharedSecret(same.ref, publicHalf(other)));
              await same.release();
            }
            const wrongCurve = publicHalf(await referenceKey(otherCurveSpec(spec), 'KEY_AGREEMENT'));
            expect(await codeOf(deriveSharedSecret(key, wrongCurve))).toBe('INVALID_KEY');
            expect(await codeOf(deriveSharedSecret(key, (await exportKey(wrongCurve, 'spki-der')) as Uint8Array))).toBe('INVALID_KEY');
            await other.release();
            ran.ecdh++;
          });

          it('encapsulates and decapsulates one 32-byte secret; a changed ciphertext is implicitly rejected, a wrong length refused', async () => {
            if (!key || !provider.supports(spec, usage, 'encapsulate') || !provider.supports(spec, usage, 'decapsulate')) return;
            const kem = spec as MlKemSpec;
            const { ciphertext, sharedSecret } = await encapsulate(key);
            expect(ciphertext.length).toBe(kem.ciphertextBytes);
            expect(sharedSecret.length).toBe(32);
            expect(await decapsulate(key, ciphertext)).toEqual(sharedSecret);
            // a fresh m each time (FIPS 203 Algorithm 20 line 1)
            const again = await encapsulate(publicHalf(key));
            expect(again.ciphertext).not.toEqual(ciphertext);
            expect(await decapsulate(key, again.ciphertext)).toEqual(again.sharedSecret);
            // FIPS 203 Algorithm 18 lines 9-11: a ciphertext that does not re-encrypt gives K̄ = J(z ‖ c), not an error
            const flipped = ciphertext.slice();
            flipped[flipped.length >> 1]! ^= 1;
            const rejected = await decapsulate(key, flipped);
            expect(rejected.length).toBe(32);
            expect(rejected).not.toEqual(sharedSecret);
            expect(await decapsulate(key, flipped)).toEqual(rejected);
            expect(await codeOf(decapsulate(key, ciphertext.subarray(1)))).toBe('INVALID_ARGUMENT');
            expect(await codeOf(decapsulate(key, concatBytes(ciphertext, new Uint8Array(1))))).toBe('INVALID_ARGUMENT');
            const same = await sameMaterial(provider, key, spec, usage);
            if (same) {
              const e = await encapsulate(same.mine);
              expect(await decapsulate(same.ref, e.ciphertext), 'the reference opens it').toEqual(e.sharedSecret);
              const r = await encapsulate(same.ref);
              expect(await decapsulate(same.mine, r.ciphertext), 'opens the reference\'s').toEqual(r.sharedSecret);
              const f = r.ciphertext.slice();
              f[0]! ^= 0x80;
              expect(await decapsulate(same.mine, f), 'the same implicit rejection').toEqual(await decapsulate(same.ref, f));
              await same.release();
            }
            ran.kem++;
          });

          it('the key check value is CMAC(key, 0¹²⁸), for secret keys', async () => {
            if (!key || !provider.supports(spec, usage, 'key-check-value')) return;
            const kcv = await keyCheckValue(key);
            expect(kcv).toMatch(/^[0-9A-F]{6}$/);
            if (key.extractable && provider.supports(spec, usage, 'export-private') && spec.family === 'symmetric') {
              expect(kcv).toBe(keyCheckValueOf(spec.algorithm === 'HMAC' ? spec : spec.algorithm, (await exportKey(key, 'raw')) as Uint8Array));
            }
          });

          it('is unusable once destroyed or released', async () => {
            const k = await copyOn(provider, key, spec, usage);
            if (!k) return;
            const half = k instanceof KeyPair ? k.privateKey : (k as Key);
            await k.release();
            expect(half.destroyed).toBe(true);
            expect(await codeOf(exportKey(k, privateFormats(spec)[0]!))).toBe('KEY_DESTROYED');
            expect(await codeOf(() => handleOf(half))).toBe('KEY_DESTROYED');
            await k.release(); // twice is harmless
            const k2 = (await copyOn(provider, key, spec, usage))!;
            k2.destroy();
            expect(await codeOf(exportKey(k2, formatsFor(spec)[0]!))).toBe('KEY_DESTROYED');
          });
        });
      }
    }

    it('ran a MAC, ECDH or KEM check for every spec × usage whose operations it supports (pure: every one keysmith defines)', () => {
      const expected = noCounts();
      const defined = noCounts();
      for (const spec of specs) {
        for (const usage of usagesToTest(spec)) {
          const holds = provider.supports(spec, usage, 'generate') || provider.supports(spec, usage, 'import');
          const both = (a: Operation, b: Operation, alg?: Parameters<KeyMaterialProvider['supports']>[3]) => holds && provider.supports(spec, usage, a, alg) && provider.supports(spec, usage, b, alg);
          for (const alg of macAlgorithms().filter((m) => m.appliesTo(spec) && operationApplies(spec, usage, 'generate-mac'))) {
            defined.mac++;
            if (both('generate-mac', 'verify-mac', alg.name)) expected.mac++;
          }
          if (operationApplies(spec, usage, 'derive-shared-secret')) defined.ecdh++;
          if (holds && provider.supports(spec, usage, 'derive-shared-secret')) expected.ecdh++;
          if (operationApplies(spec, usage, 'encapsulate')) defined.kem++;
          if (both('encapsulate', 'decapsulate')) expected.kem++;
        }
      }
      expect(ran).toEqual(expected);
      if (fixture.name === 'pure') {
        expect(defined.mac * defined.ecdh * defined.kem).toBeGreaterThan(0);
        expect(ran).toEqual(defined);
      }
    });

    it('seeded keys: the same seed gives the same key, a different seed a different key (only where random is honoured)', async () => {
      for (const spec of specs.filter((s) => s.family !== 'rsa' || s.bits === 2048)) {
        const usage = spec.defaultUsage;
        if (!provider.supports(spec, usage, 'generate')) continue;
        if (!provider.honoursRandom) {
          expect(await codeOf(generateKey(spec, { random: seededRandom('same'), provider }))).toBe('UNSUPPORTED');
          continue;
        }
        const id = async (seed: string) => (await keyIdentifier(await generateKey(spec, { random: seededRandom(seed), provider }))).value;
        const [a, b, c] = [await id('same'), await id('same'), await id('other')];
        expect(a).toBe(b);
        expect(a).not.toBe(c);
      }
    });
  });
}

for (const fixture of providerFixtures) conformance(fixture);

