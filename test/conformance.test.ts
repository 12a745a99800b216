import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspect } from 'node:util';
import { generateKey } from '../src/core/generate.js';
import { exportKey } from '../src/core/export.js';
import { importKey } from '../src/core/import.js';
import { Key, KeyPair, handleOf, type AnyKey } from '../src/core/key.js';
import { specs } from '../src/registry/specs.js';
import { FORMAT_KINDS, KEY_FORMATS, formatsFor, isPublicFormat, type KeyFormat } from '../src/encoding/formats.js';
import { bytesToHex, toBase64 } from '../src/bytes.js';
import { seededRandom, systemRandom } from '../src/random.js';
import type { KeySpec, Usage } from '../src/model/spec.js';
import { OPERATIONS, operationApplies, type Operation } from '../src/model/operations.js';
import { encryptionAlgorithms, signingAlgorithms, type MessageType, type SigningAlgorithmName } from '../src/model/algorithms.js';
import { sign, verify } from '../src/ops/sign.js';
import { decrypt, encrypt } from '../src/ops/encrypt.js';
import { wrapKey, unwrapKey } from '../src/wrap/wrap-key.js';
import { WRAPPING_KEY_SPECS, wrappingAlgorithms, type WrappingAlgorithm } from '../src/wrap/algorithms.js';
import { keyCheckValue, keyIdentifier } from '../src/wrap/identify.js';
import { keyCheckValueOf } from '../src/wrap/kcv.js';
import { PureProvider } from '../src/provider/pure/provider.js';
import type { KeyMaterialProvider } from '../src/provider/types.js';
import { providerFixtures, type ProviderFixture } from './helpers/providers.js';
import { codeOf } from './helpers/codes.js';
import { payloadBytes } from '../src/encoding/limits.js';

/** Usages to exercise: all of them for the fast specs, the default only for large RSA (time). */
function usagesToTest(spec: KeySpec): readonly Usage[] {
  return spec.family === 'rsa' && spec.bits > 2048 ? [spec.defaultUsage] : spec.usages;
}

const privateFormats = (spec: KeySpec) => formatsFor(spec).filter((f) => !isPublicFormat(f));
const materialFormat = (spec: KeySpec): KeyFormat => (spec.family === 'symmetric' ? 'raw' : 'pkcs8-der');
const reference = new PureProvider();
const MESSAGE = new TextEncoder().encode('keysmith conformance message');

/** A message in the algorithm's first message type: MESSAGE for RAW, a digest-long value for DIGEST / EXTERNAL_MU. */
function messageFor(alg: { name: SigningAlgorithmName; messageTypes: readonly MessageType[]; digestBytes: number }): { message: Uint8Array; o: { algorithm: SigningAlgorithmName; messageType: MessageType } } {
  const messageType = alg.messageTypes[0]!;
  const message = messageType === 'RAW' ? MESSAGE : Uint8Array.from({ length: alg.digestBytes }, (_, i) => MESSAGE[i % MESSAGE.length]! ^ i);
  return { message, o: { algorithm: alg.name, messageType } };
}

/** A key of the spec made by the reference (pure) provider, for operations that need material from outside. */
const referenceKeys = new Map<string, AnyKey>();
async function referenceKey(spec: KeySpec, usage: Usage): Promise<AnyKey> {
  const id = `${spec.name} ${usage}`;
  if (!referenceKeys.has(id)) referenceKeys.set(id, await generateKey(spec, { usage, provider: reference }));
  return referenceKeys.get(id)!;
}

/** A key of the spec on `provider`: generated there, or imported when the provider only imports. */
async function keyOn(provider: KeyMaterialProvider, spec: KeySpec, usage: Usage, attributes?: { extractable: boolean }): Promise<AnyKey | undefined> {
  if (provider.supports(spec, usage, 'generate')) return generateKey(spec, { usage, provider, ...(attributes ? { attributes } : {}) });
  if (provider.supports(spec, usage, 'import')) {
    const f = materialFormat(spec);
    return importKey(spec, await exportKey(await referenceKey(spec, usage), f), f, { usage, provider, ...(attributes ? { attributes } : {}) });
  }
  return undefined;
}

/** Another key with the same material on `provider` (imported from the first), or a fresh one where it cannot be read. */
async function copyOn(provider: KeyMaterialProvider, key: AnyKey | undefined, spec: KeySpec, usage: Usage, attributes?: { extractable: boolean }): Promise<AnyKey | undefined> {
  const f = materialFormat(spec);
  if (key?.extractable && provider.supports(spec, usage, 'export-private') && provider.supports(spec, usage, 'import')) {
    return importKey(spec, await exportKey(key, f), f, { usage, provider, ...(attributes ? { attributes } : {}) });
  }
  return keyOn(provider, spec, usage, attributes);
}

/** The wrapping key a wrapping algorithm uses, on `provider` (undefined when the provider cannot make one); one per provider and kind. */
const wrappingKeys = new WeakMap<KeyMaterialProvider, Map<string, Promise<AnyKey | undefined>>>();
function wrappingKeyOn(provider: KeyMaterialProvider, alg: WrappingAlgorithm): Promise<AnyKey | undefined> {
  if (!wrappingKeys.has(provider)) wrappingKeys.set(provider, new Map());
  const cache = wrappingKeys.get(provider)!;
  if (!cache.has(alg.wrappingKey)) {
    const spec = specs.find((s) => WRAPPING_KEY_SPECS[alg.wrappingKey](s) && (s.family !== 'rsa' || s.bits === 2048))!;
    cache.set(alg.wrappingKey, keyOn(provider, spec, 'ENCRYPT_DECRYPT'));
  }
  return cache.get(alg.wrappingKey)!;
}

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
    afterAll(async () => {
      for (const k of referenceKeys.values()) await k.release();
      referenceKeys.clear();
      await fixture.dispose();
    });

    it('states its capabilities for every spec × usage × operation, and never for a combination keysmith does not define', () => {
      expect(typeof provider.name).toBe('string');
      expect(typeof provider.honoursRandom).toBe('boolean');
      expect(typeof provider.extractableByDefault).toBe('boolean');
      for (const spec of specs) {
        for (const usage of ['ENCRYPT_DECRYPT', 'SIGN_VERIFY'] as const) {
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
              const publicKind = spec.family === 'rsa' ? 'rsa-public' : 'ec-public';
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

/**
 * Across providers: a key made by A and exported imports into B with the same public key (or KCV);
 * signatures made by one verify with the other, ciphertexts made by one decrypt with the other, and a key
 * wrapped by A under B's wrapping public key unwraps in B. With one fixture this runs A = B.
 */
const pairs = providerFixtures.flatMap((a) => providerFixtures.map((b) => [`${a.name} → ${b.name}`, a, b] as const));
describe.each(pairs)('cross-provider: %s', (_name, fa, fb) => {
  let a: KeyMaterialProvider;
  let b: KeyMaterialProvider;
  beforeAll(async () => {
    a = await fa.create();
    b = fb === fa ? a : await fb.create();
  });
  afterAll(async () => {
    await fa.dispose();
    if (fb !== fa) await fb.dispose();
  });

  for (const spec of specs.filter((s) => s.family !== 'rsa' || s.bits === 2048)) {
    for (const usage of spec.usages) {
      it(`${fa.name} → ${fb.name}: ${spec.name} ${usage}`, async () => {
        const can = (p: KeyMaterialProvider, op: Operation, alg?: string) => p.supports(spec, usage, op, alg as never);
        if (!can(a, 'generate') || !can(a, 'export-private') || !can(b, 'import')) return;
        const ka = await generateKey(spec, { usage, provider: a, attributes: { extractable: true } }); // PKCS#11 keys are sensitive unless asked
        const f = materialFormat(spec);
        const kb = await importKey(spec, await exportKey(ka, f), f, { usage, provider: b });
        expect((await keyIdentifier(kb)).value).toBe((await keyIdentifier(ka)).value);
        for (const alg of signingAlgorithms().filter((x) => x.appliesTo(spec) && operationApplies(spec, usage, 'sign'))) {
          const { message, o } = messageFor(alg);
          if (can(a, 'sign', alg.name) && can(b, 'verify', alg.name)) expect(await verify(kb, message, await sign(ka, message, o), o)).toBe(true);
          if (can(b, 'sign', alg.name) && can(a, 'verify', alg.name)) expect(await verify(ka, message, await sign(kb, message, o), o)).toBe(true);
        }
        for (const alg of encryptionAlgorithms().filter((x) => x.appliesTo(spec) && operationApplies(spec, usage, 'encrypt'))) {
          if (can(a, 'encrypt', alg.name) && can(b, 'decrypt', alg.name)) expect(await decrypt(kb, await encrypt(ka, MESSAGE, { algorithm: alg.name }), { algorithm: alg.name })).toEqual(MESSAGE);
          if (can(b, 'encrypt', alg.name) && can(a, 'decrypt', alg.name)) expect(await decrypt(ka, await encrypt(kb, MESSAGE, { algorithm: alg.name }), { algorithm: alg.name })).toEqual(MESSAGE);
        }
        for (const name of ['RSA_AES_KEY_WRAP_SHA_256', 'SM2PKE', 'AES_KWP'] as const) {
          const alg = wrappingAlgorithms().find((x) => x.name === name)!;
          if (!alg.targets(spec) || !can(a, 'wrap', name) || !can(b, 'unwrap', name)) continue;
          const wkB = await wrappingKeyOn(b, alg);
          if (!wkB || (!(wkB instanceof KeyPair) && !wkB.extractable)) continue; // a KEK that cannot leave B cannot reach A
          // B's wrapping key reaches A as bytes (SPKI, or the raw KEK), never as a key object
          const wrappingKey = wkB instanceof KeyPair ? ((await exportKey(wkB, 'spki-der')) as Uint8Array) : ((await exportKey(wkB, 'raw')) as Uint8Array);
          const blob = await wrapKey(ka, { algorithm: name, wrappingKey });
          const back = await unwrapKey(blob, { algorithm: name, unwrappingKey: wkB, spec, usage });
          expect((await keyIdentifier(back)).value, name).toBe((await keyIdentifier(ka)).value);
        }
      });
    }
  }
});
