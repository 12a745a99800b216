import { describe, expect, it, beforeAll } from 'vitest';
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
import { providers } from './helpers/providers.js';
import { codeOf } from './helpers/codes.js';

/** Usages to exercise: all of them for the fast specs, the default only for large RSA (time). */
function usagesToTest(spec: KeySpec): readonly Usage[] {
  return spec.family === 'rsa' && spec.bits > 2048 ? [spec.defaultUsage] : spec.usages;
}

const privateFormats = (spec: KeySpec) => formatsFor(spec).filter((f) => !isPublicFormat(f));

for (const provider of providers) {
  describe(`conformance: ${provider.name} provider`, () => {
    for (const spec of specs) {
      for (const usage of usagesToTest(spec)) {
        describe(`${spec.name} ${usage}`, () => {
          let key: AnyKey;
          beforeAll(async () => {
            key = await generateKey(spec.name, { usage, provider });
          });

          it('is the right kind of key and never shows its bytes', async () => {
            expect(key.spec).toBe(spec);
            expect(key.usage).toBe(usage);
            if (spec.family === 'symmetric') {
              expect(key).toBeInstanceOf(Key);
              expect((key as Key).type).toBe('secret');
            } else {
              expect(key).toBeInstanceOf(KeyPair);
              expect((key as KeyPair).privateKey.type).toBe('private');
              expect((key as KeyPair).publicKey.type).toBe('public');
            }
            const secret = (await exportKey(key, spec.family === 'rsa' ? 'pkcs8-der' : 'raw')) as Uint8Array;
            const shown = [String(key), inspect(key, { showHidden: true, depth: 9 }), JSON.stringify(key), inspect(Object.entries(key))];
            if (key instanceof KeyPair) shown.push(inspect(key.privateKey, { showHidden: true }), JSON.stringify(key.privateKey));
            const needles = spec.family === 'rsa' ? [bytesToHex(secret.subarray(-64, -32))] : [bytesToHex(secret), toBase64(secret)];
            for (const s of shown) {
              for (const n of needles) expect(s.toLowerCase()).not.toContain(n.toLowerCase());
              expect(s).toContain(spec.name);
            }
          });

          it('round-trips through every format that applies, byte for byte', async () => {
            const formats = formatsFor(spec);
            expect(formats.length).toBeGreaterThan(0);
            for (const format of formats) {
              const out = await exportKey(key, format);
              const back = await importKey(spec, out, format, { usage, provider });
              expect(await exportKey(back, format)).toEqual(out);
              if (!isPublicFormat(format) && spec.family !== 'symmetric') expect(back).toBeInstanceOf(KeyPair);
              if (isPublicFormat(format)) expect((back as Key).type).toBe('public');
            }
          });

          it('private formats all describe the same key', async () => {
            const fps = new Set<string>();
            for (const format of privateFormats(spec)) {
              const back = await importKey(spec, await exportKey(key, format), format, { usage, provider });
              fps.add(bytesToHex((await exportKey(back, spec.family === 'symmetric' ? 'raw' : 'pkcs8-der')) as Uint8Array));
            }
            expect(fps.size).toBe(1);
          });

          it('refuses formats that do not apply with UNSUPPORTED', async () => {
            const applicable = new Set<KeyFormat>(formatsFor(spec));
            for (const format of KEY_FORMATS.filter((f) => !applicable.has(f))) {
              expect(await codeOf(exportKey(key, format))).toBe('UNSUPPORTED');
            }
            expect(await codeOf(exportKey(key, 'pem' as KeyFormat))).toBe('INVALID_ARGUMENT');
            if (key instanceof KeyPair) {
              // a public key alone has only the formats that carry a public key (PKCS#1 carries either)
              const publicKind = spec.family === 'rsa' ? 'rsa-public' : 'ec-public';
              for (const format of KEY_FORMATS) {
                const ok = applicable.has(format) && FORMAT_KINDS[format].includes(publicKind);
                expect(await codeOf(exportKey(key.publicKey, format))).toBe(ok ? 'no error' : 'UNSUPPORTED');
              }
            }
          });

          it('is unusable once destroyed', async () => {
            const k = await importKey(spec, await exportKey(key, privateFormats(spec)[0]!), privateFormats(spec)[0]!, { usage, provider });
            k.destroy();
            expect(k instanceof KeyPair ? k.privateKey.destroyed : (k as Key).destroyed).toBe(true);
            expect(await codeOf(exportKey(k, privateFormats(spec)[0]!))).toBe('KEY_DESTROYED');
            expect(await codeOf(() => handleOf(k instanceof KeyPair ? k.privateKey : (k as Key)))).toBe('KEY_DESTROYED');
          });
        });
      }
    }

    it('the same seed gives the same key, a different seed a different key', async () => {
      for (const spec of specs.filter((s) => s.family !== 'rsa' || s.bits === 2048)) {
        const f = spec.family === 'symmetric' ? 'raw' : 'pkcs8-der';
        const a = await exportKey(await generateKey(spec, { random: seededRandom('same'), provider }), f);
        const b = await exportKey(await generateKey(spec, { random: seededRandom('same'), provider }), f);
        const c = await exportKey(await generateKey(spec, { random: seededRandom('other'), provider }), f);
        expect(a).toEqual(b);
        expect(a).not.toEqual(c);
      }
    });
  });
}

describe('generateKey arguments', () => {
  it('rejects bad specs, usages, options, random sources and providers with codes', async () => {
    expect(await codeOf(generateKey('AES_128'))).toBe('UNKNOWN_SPEC');
    expect(await codeOf(generateKey(undefined as never))).toBe('UNKNOWN_SPEC');
    expect(await codeOf(generateKey('EC_P256', { usage: 'ENCRYPT_DECRYPT' }))).toBe('INVALID_USAGE');
    expect(await codeOf(generateKey('AES_256', 'fast' as never))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(generateKey('AES_256', { random: 'dice' as never }))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(generateKey('AES_256', { random: (n: number) => new Uint8Array(n - 1) }))).toBe('RNG_FAILURE');
    expect(await codeOf(generateKey('EC_P256', { random: () => { throw new Error('no entropy'); } }))).toBe('RNG_FAILURE');
    // a stuck source never yields a weak key: all-zero bytes would otherwise make d = 1
    for (const spec of specs) {
      expect(await codeOf(generateKey(spec, { random: (n: number) => new Uint8Array(n) }))).toBe('RNG_FAILURE');
    }
    // RSA draws many blocks: a source that replays one is caught on the second draw
    const block = systemRandom(1024);
    expect(await codeOf(generateKey('RSA_2048', { random: (n: number) => block.slice(0, n) }))).toBe('RNG_FAILURE');
    expect(await codeOf(generateKey('AES_256', { provider: {} as never }))).toBe('INVALID_ARGUMENT');
  });

  it('a provider whose key pairs do not match fails the pairwise consistency test', async () => {
    const [p] = providers;
    const broken = Object.create(p!) as typeof p;
    (broken as { generateKeyPair: unknown }).generateKeyPair = async (...args: Parameters<NonNullable<typeof p>['generateKeyPair']>) => {
      const a = await p!.generateKeyPair(...args);
      const b = await p!.generateKeyPair(...args);
      return { privateKey: a.privateKey, publicKey: b.publicKey };
    };
    for (const [spec, usage] of [['EC_P256', 'SIGN_VERIFY'], ['SM2', 'ENCRYPT_DECRYPT'], ['SM2', 'SIGN_VERIFY'], ['RSA_2048', 'ENCRYPT_DECRYPT']] as const) {
      expect(await codeOf(generateKey(spec, { usage, provider: broken }))).toBe('PCT_FAILED');
    }
  });

  it('a provider that throws a raw error surfaces PROVIDER_ERROR with the cause', async () => {
    const [p] = providers;
    const broken = Object.create(p!) as typeof p;
    (broken as { generateSecret: unknown }).generateSecret = async () => { throw new TypeError('backend exploded'); };
    const err = await generateKey('AES_256', { provider: broken }).catch((e) => e);
    expect(err.code).toBe('PROVIDER_ERROR');
    expect(err.cause).toBeInstanceOf(TypeError);
  });
});
