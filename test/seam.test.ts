import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generateKey } from '../src/core/generate.js';
import { exportKey } from '../src/core/export.js';
import { importKey } from '../src/core/import.js';
import { importDetected } from '../src/core/detect.js';
import { deleteKey } from '../src/core/lifecycle.js';
import { handleOf, Key, KeyPair } from '../src/core/key.js';
import { specs } from '../src/registry/specs.js';
import { systemRandom, seededRandom } from '../src/random.js';
import { PureProvider, pureProvider } from '../src/provider/pure/provider.js';
import type { KeyMaterialProvider } from '../src/provider/types.js';
import type { AsymmetricSpec, SymmetricSpec, Usage } from '../src/model/spec.js';
import type { KeyAttributes } from '../src/model/attributes.js';
import type { Operation } from '../src/model/operations.js';
import { sign, verify } from '../src/ops/sign.js';
import { decrypt, encrypt } from '../src/ops/encrypt.js';
import { unwrapKey, wrapKey } from '../src/wrap/wrap-key.js';
import { keyCheckValue, keyIdentifier } from '../src/wrap/identify.js';
import { createImportParameters, encryptKeyMaterial, openEncryptedKeyMaterial } from '../src/wrap/import-flow.js';
import { KeysmithError } from '../src/errors.js';
import { codeOf } from './helpers/codes.js';

/** "Another provider": the pure code under a different name and instance, as a second backend would be. */
class OtherProvider extends PureProvider {
  override readonly name: string = 'other';
}

/** A backend that ignores injected randomness (as WebCrypto and PKCS#11 do). */
class UnseededProvider extends PureProvider {
  override readonly name: string = 'unseeded';
  override readonly honoursRandom: boolean = false;
  override async generateSecret(spec: SymmetricSpec, usage: Usage, attributes: KeyAttributes) {
    return super.generateSecret(spec, usage, attributes, systemRandom);
  }
  override async generateKeyPair(spec: AsymmetricSpec, usage: Usage, attributes: KeyAttributes) {
    return super.generateKeyPair(spec, usage, attributes, systemRandom);
  }
}

/** A backend that only generates and signs EC_P256 keys, and has no wrap or key check value at all. */
class NarrowProvider extends PureProvider {
  override readonly name: string = 'narrow';
  override supports(spec: Parameters<PureProvider['supports']>[0], usage: Usage, op: Operation, alg?: Parameters<PureProvider['supports']>[3]): boolean {
    return spec.name === 'EC_P256' && ['generate', 'export-public', 'sign', 'verify'].includes(op) && super.supports(spec, usage, op, alg);
  }
}
Object.defineProperty(NarrowProvider.prototype, 'wrap', { value: undefined });
Object.defineProperty(NarrowProvider.prototype, 'unwrap', { value: undefined });
Object.defineProperty(NarrowProvider.prototype, 'keyCheckValue', { value: undefined });

const message = new TextEncoder().encode('seam');

describe('generateKey arguments and provider checks', () => {
  it('rejects bad specs, usages, options, random sources and providers with codes', async () => {
    expect(await codeOf(generateKey('AES_64' as string))).toBe('UNKNOWN_SPEC');
    expect(await codeOf(generateKey(undefined as never))).toBe('UNKNOWN_SPEC');
    // @ts-expect-error EC_P256 allows SIGN_VERIFY only: the type refuses it, and so does the run-time check
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
    expect(await codeOf(generateKey('AES_256', { attributes: { extractable: 'no' } as never }))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(generateKey('AES_256', { attributes: { sensitive: true } as never }))).toBe('INVALID_ARGUMENT');
  });

  it('a provider whose key pairs do not match fails the pairwise consistency test', async () => {
    class Mismatched extends PureProvider {
      override async generateKeyPair(spec: AsymmetricSpec, usage: Usage, attributes: KeyAttributes, random: (n: number) => Uint8Array) {
        const a = await super.generateKeyPair(spec, usage, attributes, random);
        const b = await super.generateKeyPair(spec, usage, attributes, random);
        return { privateKey: a.privateKey, publicKey: b.publicKey };
      }
    }
    const broken = new Mismatched();
    for (const [spec, usage] of [['EC_P256', 'SIGN_VERIFY'], ['SM2', 'ENCRYPT_DECRYPT'], ['SM2', 'SIGN_VERIFY'], ['RSA_2048', 'ENCRYPT_DECRYPT']] as const) {
      expect(await codeOf(generateKey(spec, { usage, provider: broken }))).toBe('PCT_FAILED');
    }
  });

  it('a provider that throws a raw error surfaces PROVIDER_ERROR with the cause', async () => {
    class Exploding extends PureProvider {
      override async generateSecret(): Promise<never> {
        throw new TypeError('backend exploded');
      }
    }
    const err = await generateKey('AES_256', { provider: new Exploding() }).catch((e) => e);
    expect(err.code).toBe('PROVIDER_ERROR');
    expect(err.cause).toBeInstanceOf(TypeError);
  });
});

describe('randomness: a provider that does not honour `random` refuses it', () => {
  const unseeded = new UnseededProvider();
  it('random / seededRandom given to it is UNSUPPORTED naming the provider, never a silently unseeded key', async () => {
    for (const spec of ['AES_256', 'EC_P256', 'SM2']) {
      const err = await generateKey(spec, { provider: unseeded, random: seededRandom('x') }).catch((e) => e);
      expect(err).toBeInstanceOf(KeysmithError);
      expect(err.code).toBe('UNSUPPORTED');
      expect(err.message).toContain('unseeded');
      expect(err.message).toMatch(/random/);
    }
    const aes = await generateKey('AES_256', { provider: unseeded });
    const kek = systemRandom(32);
    expect(await codeOf(wrapKey(aes, { algorithm: 'AES_KWP', wrappingKey: kek, random: seededRandom('x') }))).toBe('UNSUPPORTED');
    expect(await codeOf(wrapKey(aes, { algorithm: 'AES_KWP', wrappingKey: kek }))).toBe('no error');
  });
  it('without `random` it generates as usual', async () => {
    expect(await generateKey('EC_P256', { provider: unseeded })).toBeInstanceOf(KeyPair);
  });
});

describe('attributes: a non-extractable key', () => {
  it('refuses private export with NOT_EXTRACTABLE, but exports its public half, signs, and its provider refuses too', async () => {
    const pair = (await generateKey('EC_P256', { attributes: { extractable: false, label: 'signing key', id: Uint8Array.of(1, 2) } })) as KeyPair;
    expect(pair.extractable).toBe(false);
    expect(pair.attributes).toMatchObject({ extractable: false, label: 'signing key', persistent: false });
    expect(pair.attributes.id).toEqual(Uint8Array.of(1, 2));
    pair.attributes.id![0] = 9; // a copy: the key's attributes do not change
    expect(pair.attributes.id).toEqual(Uint8Array.of(1, 2));
    expect(pair.publicKey.extractable).toBe(true);
    for (const f of ['pkcs8-der', 'pkcs8-pem', 'sec1-der', 'sec1-pem', 'raw', 'jwk'] as const) expect(await codeOf(exportKey(pair, f)), f).toBe('NOT_EXTRACTABLE');
    expect(await codeOf(exportKey(pair.privateKey, 'pkcs8-der'))).toBe('NOT_EXTRACTABLE');
    expect(await codeOf(exportKey(pair, 'jwk-public'))).toBe('no error');
    expect(await exportKey(pair.privateKey, 'spki-der')).toEqual(await exportKey(pair, 'spki-der'));
    expect(await verify(pair, message, await sign(pair, message))).toBe(true);
    expect((await keyIdentifier(pair)).kind).toBe('spki-sha256');
    // the provider enforces it as well, for a caller who reaches past the core
    expect(await codeOf(pureProvider.exportPrivate(pair.spec, handleOf(pair.privateKey) as never))).toBe('NOT_EXTRACTABLE');
  });

  it('a non-extractable secret key still has a key check value, and wraps under the pure provider', async () => {
    const aes = (await generateKey('AES_256', { attributes: { extractable: false } })) as Key;
    expect(await codeOf(exportKey(aes, 'raw'))).toBe('NOT_EXTRACTABLE');
    const kcv = await keyCheckValue(aes);
    const kek = systemRandom(32);
    const back = await unwrapKey(await wrapKey(aes, { algorithm: 'AES_KWP', wrappingKey: kek }), { algorithm: 'AES_KWP', unwrappingKey: kek, spec: 'AES_256' });
    expect(await keyCheckValue(back)).toBe(kcv);
    expect((back as Key).extractable).toBe(true);
    const locked = await unwrapKey(await wrapKey(aes, { algorithm: 'AES_KWP', wrappingKey: kek }), { algorithm: 'AES_KWP', unwrappingKey: kek, spec: 'AES_256', attributes: { extractable: false } });
    expect(await codeOf(exportKey(locked, 'raw'))).toBe('NOT_EXTRACTABLE');
  });

  it('imported keys take attributes too; persistence is UNSUPPORTED on the pure provider, and so is deleteKey', async () => {
    const der = (await exportKey(await generateKey('SM2'), 'pkcs8-der')) as Uint8Array;
    const pair = await importKey('SM2', der, 'pkcs8-der', { attributes: { extractable: false } });
    expect(await codeOf(exportKey(pair, 'pkcs8-der'))).toBe('NOT_EXTRACTABLE');
    expect(await codeOf(generateKey('AES_256', { attributes: { persistent: true } }))).toBe('UNSUPPORTED');
    expect(await codeOf(importKey('SM2', der, 'pkcs8-der', { attributes: { persistent: true } }))).toBe('UNSUPPORTED');
    expect(await codeOf(deleteKey(pair))).toBe('UNSUPPORTED');
  });
});

describe('lifecycle', () => {
  it('release() is async, idempotent, and retires both halves of a pair; destroy() stays synchronous', async () => {
    const pair = (await generateKey('EC_P256')) as KeyPair;
    await pair.release();
    expect(pair.privateKey.destroyed && pair.publicKey.destroyed).toBe(true);
    expect(await codeOf(sign(pair, message))).toBe('KEY_DESTROYED');
    await pair.release();
    const aes = (await generateKey('AES_256')) as Key;
    aes.destroy();
    expect(aes.destroyed).toBe(true);
    expect(await codeOf(keyCheckValue(aes))).toBe('KEY_DESTROYED');
  });

  it('a released pure handle is wiped and no longer accepted by its provider', async () => {
    const p = new PureProvider();
    const aes = (await generateKey('AES_256', { provider: p })) as Key;
    const handle = handleOf(aes) as { components: { key: Uint8Array } };
    await aes.release();
    expect(handle.components.key.every((b) => b === 0)).toBe(true);
    expect(await codeOf(p.exportPrivate(aes.spec, handle as never))).toBe('INVALID_ARGUMENT');
  });

  it('deleteKey is the provider\'s, when it keeps persistent objects', async () => {
    const deleted: unknown[] = [];
    class Persistent extends PureProvider {
      override readonly name: string = 'persistent';
      override supports(...a: Parameters<PureProvider['supports']>): boolean {
        return a[2] === 'persist' ? true : super.supports(...a);
      }
      async deleteKey(handle: unknown): Promise<void> {
        deleted.push(handle);
        await this.release(handle as never);
      }
    }
    const p = new Persistent();
    const key = await generateKey('EC_P256', { provider: p, attributes: { persistent: true, label: 'kept' } });
    expect(key.attributes.persistent).toBe(true);
    await deleteKey(key);
    expect(deleted).toHaveLength(2);
    expect((key as KeyPair).privateKey.destroyed).toBe(true);
    expect(await codeOf(deleteKey(key))).toBe('KEY_DESTROYED');
  });
});

describe('one call, one provider', () => {
  const other = new OtherProvider();

  it('mixing providers in wrapKey is UNSUPPORTED, never a quiet export', async () => {
    const aes = await generateKey('AES_256');
    const rsaOther = (await generateKey('RSA_2048', { usage: 'ENCRYPT_DECRYPT', provider: other })) as KeyPair;
    const err = await wrapKey(aes, { algorithm: 'RSAES_OAEP_SHA_256', wrappingKey: rsaOther }).catch((e) => e);
    expect(err.code).toBe('UNSUPPORTED');
    expect(err.message).toMatch(/other/);
    expect(err.message).toMatch(/pure/);
    expect(await codeOf(wrapKey(aes, { algorithm: 'RSAES_OAEP_SHA_256', wrappingKey: rsaOther.publicKey }))).toBe('UNSUPPORTED');
    expect(await codeOf(wrapKey(aes, { algorithm: 'AES_KWP', wrappingKey: systemRandom(32), provider: other }))).toBe('UNSUPPORTED');
    // the same wrapping key as bytes is imported into the key's provider, and works
    const spki = (await exportKey(rsaOther, 'spki-der')) as Uint8Array;
    const blob = await wrapKey(aes, { algorithm: 'RSAES_OAEP_SHA_256', wrappingKey: spki });
    // unwrapping: the result lands on the unwrapping key's provider; another provider given is UNSUPPORTED
    expect(await codeOf(unwrapKey(blob, { algorithm: 'RSAES_OAEP_SHA_256', unwrappingKey: rsaOther, spec: 'AES_256', provider: pureProvider }))).toBe('UNSUPPORTED');
    const back = (await unwrapKey(blob, { algorithm: 'RSAES_OAEP_SHA_256', unwrappingKey: rsaOther, spec: 'AES_256' })) as Key;
    expect(back.provider).toBe(other);
    expect(await keyCheckValue(back)).toBe(await keyCheckValue(aes));
  });

  it('`provider` places keys decoded from bytes: unwrapKey, createImportParameters, openEncryptedKeyMaterial, encryptKeyMaterial', async () => {
    const kek = systemRandom(32);
    const sm4 = await generateKey('SM4');
    const blob = await wrapKey(sm4, { algorithm: 'AES_KW', wrappingKey: kek });
    const onOther = (await unwrapKey(blob, { algorithm: 'AES_KW', unwrappingKey: kek, spec: 'SM4', provider: other })) as Key;
    expect(onOther.provider).toBe(other);

    const params = await createImportParameters('aliyun', { algorithm: 'RSAES_OAEP_SHA_256', provider: other, attributes: { extractable: false } });
    expect(params.wrappingKeyPair.privateKey.provider).toBe(other);
    expect(await codeOf(exportKey(params.wrappingKeyPair, 'pkcs8-der'))).toBe('NOT_EXTRACTABLE');
    const sent = await encryptKeyMaterial('aliyun', { publicKey: params.publicKey, algorithm: 'RSAES_OAEP_SHA_256', spec: 'Aliyun_AES_256' });
    expect((sent.key as Key).provider).toBe(pureProvider);
    const opened = (await openEncryptedKeyMaterial(params, sent.encryptedKeyMaterial, { spec: 'Aliyun_AES_256', expect: sent.keyCheckValue! })) as Key;
    expect(opened.provider).toBe(other);
    expect(await codeOf(openEncryptedKeyMaterial(params, sent.encryptedKeyMaterial, { spec: 'Aliyun_AES_256', provider: pureProvider }))).toBe('UNSUPPORTED');
    const brokered = await encryptKeyMaterial('aliyun', { publicKey: params.publicKey, algorithm: 'RSAES_OAEP_SHA_256', spec: 'Aliyun_AES_256', provider: other });
    expect((brokered.key as Key).provider).toBe(other);
  });

  it('detected keys import into the provider asked for', async () => {
    const pem = (await exportKey(await generateKey('EC_P384'), 'pkcs8-pem')) as string;
    const { key } = await importDetected(pem, { provider: other });
    expect((key as KeyPair).privateKey.provider).toBe(other);
  });
});

describe('a provider that cannot do something says so, naming itself and the capability', () => {
  const narrow = new NarrowProvider();
  it('generate, sign and verify work; everything else is UNSUPPORTED', async () => {
    const pair = (await generateKey('EC_P256', { provider: narrow })) as KeyPair;
    expect(await verify(pair, message, await sign(pair, message))).toBe(true);
    const err = await exportKey(pair, 'pkcs8-der').catch((e) => e);
    expect(err.code).toBe('UNSUPPORTED');
    expect(err.message).toContain('narrow');
    expect(err.message).toContain('export-private');
    expect(await codeOf(generateKey('EC_P384', { provider: narrow }))).toBe('UNSUPPORTED');
    expect(await codeOf(importKey('EC_P256', (await exportKey(await generateKey('EC_P256'), 'pkcs8-der')) as Uint8Array, 'pkcs8-der', { provider: narrow }))).toBe('UNSUPPORTED');
    expect(await codeOf(wrapKey(pair, { algorithm: 'AES_KWP', wrappingKey: systemRandom(32) }))).toBe('UNSUPPORTED');
    expect(await codeOf(unwrapKey(new Uint8Array(48), { algorithm: 'AES_KWP', unwrappingKey: systemRandom(32), spec: 'AES_256', provider: narrow }))).toBe('UNSUPPORTED');
  });

  it('a provider without a wrap method is UNSUPPORTED even if its supports() says yes', async () => {
    class NoWrap extends PureProvider {
      override readonly name: string = 'nowrap';
    }
    Object.defineProperty(NoWrap.prototype, 'wrap', { value: undefined });
    const p = new NoWrap();
    const aes = await generateKey('AES_256', { provider: p });
    const err = await wrapKey(aes, { algorithm: 'AES_KWP', wrappingKey: systemRandom(32) }).catch((e) => e);
    expect(err.code).toBe('UNSUPPORTED');
    expect(err.message).toContain('nowrap');
  });

  it('a supports() that throws is PROVIDER_ERROR', async () => {
    class Throwing extends PureProvider {
      override supports(): boolean {
        throw new Error('boom');
      }
    }
    expect(await codeOf(generateKey('AES_256', { provider: new Throwing() }))).toBe('PROVIDER_ERROR');
  });
});

describe('key operations: usage rules and arguments', () => {
  it('SIGN_VERIFY keys sign, ENCRYPT_DECRYPT keys encrypt; anything else INVALID_USAGE or UNSUPPORTED', async () => {
    const sm2Sign = (await generateKey('SM2', { usage: 'SIGN_VERIFY' })) as KeyPair;
    const sm2Enc = (await generateKey('SM2', { usage: 'ENCRYPT_DECRYPT' })) as KeyPair;
    const aes = await generateKey('AES_256');
    expect(await codeOf(sign(sm2Enc, message))).toBe('INVALID_USAGE');
    expect(await codeOf(verify(sm2Enc, message, new Uint8Array(70)))).toBe('INVALID_USAGE');
    expect(await codeOf(encrypt(sm2Sign, message))).toBe('INVALID_USAGE');
    expect(await codeOf(decrypt(sm2Sign, new Uint8Array(120)))).toBe('INVALID_USAGE');
    expect(await codeOf(sign(aes, message))).toBe('INVALID_USAGE');
    expect(await codeOf(encrypt(aes, message))).toBe('UNSUPPORTED');
    expect(await codeOf(sign(sm2Sign, message, { algorithm: 'ECDSA_SHA_256' }))).toBe('UNSUPPORTED');
    expect(await codeOf(sign(sm2Sign, message, { algorithm: 'NOPE' as never }))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(sign(sm2Sign, message, { messageType: 'HASH' as never }))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(sign(sm2Sign, message, { messageType: 'DIGEST' }))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(sign(sm2Sign, 'text' as never))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(sign(sm2Sign.publicKey, message))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(verify(sm2Sign.privateKey, message, new Uint8Array(70)))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(encrypt(sm2Enc.privateKey, message))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(decrypt(sm2Enc.publicKey, new Uint8Array(120)))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(encrypt(sm2Enc, message, { algorithm: 'RSAES_OAEP_SHA_256' }))).toBe('UNSUPPORTED');
    expect(await codeOf(encrypt(sm2Enc, message, { layout: 'C3C2C1' as never }))).toBe('INVALID_ARGUMENT');
    // the public half alone verifies and encrypts
    expect(await verify(sm2Sign.publicKey, message, await sign(sm2Sign.privateKey, message))).toBe(true);
    expect(await decrypt(sm2Enc.privateKey, await encrypt(sm2Enc.publicKey, message))).toEqual(message);
  });

  it('every decryption failure is the same DECRYPT_FAILED, with no cause', async () => {
    const rsa = (await generateKey('RSA_2048', { usage: 'ENCRYPT_DECRYPT', random: seededRandom('seam rsa') })) as KeyPair;
    const ct = await encrypt(rsa, message);
    const errors = [await decrypt(rsa, ct.subarray(1)).catch((e) => e), await decrypt(rsa, ct, { algorithm: 'RSAES_OAEP_SHA_1' }).catch((e) => e), await decrypt(rsa, new Uint8Array(256).fill(0xff)).catch((e) => e)];
    for (const e of errors) {
      expect(e.code).toBe('DECRYPT_FAILED');
      expect(e.message).toBe('decryption failed');
      expect(e.cause).toBeUndefined();
    }
  });

  it('SM2PKE ciphertexts come in every layout, DER by default', async () => {
    const sm2 = (await generateKey('SM2', { usage: 'ENCRYPT_DECRYPT' })) as KeyPair;
    expect((await encrypt(sm2, message))[0]).toBe(0x30);
    for (const layout of ['C1C3C2', 'C1C3C2_ASN1', 'C1C2C3'] as const) {
      const ct = await encrypt(sm2, message, { layout });
      expect(await decrypt(sm2, ct, { layout })).toEqual(message);
    }
  });
});

describe('unwrap failures all read the same', () => {
  it('an `expect` mismatch is the same UNWRAP_FAILED message as a wrong key', async () => {
    const kek = systemRandom(32);
    const aes = await generateKey('AES_256');
    const blob = await wrapKey(aes, { algorithm: 'AES_KWP', wrappingKey: kek });
    const mismatch = await unwrapKey(blob, { algorithm: 'AES_KWP', unwrappingKey: kek, spec: 'AES_256', expect: '000000' }).catch((e) => e);
    const wrongKey = await unwrapKey(blob, { algorithm: 'AES_KWP', unwrappingKey: systemRandom(32), spec: 'AES_256' }).catch((e) => e);
    expect([mismatch.code, wrongKey.code]).toEqual(['UNWRAP_FAILED', 'UNWRAP_FAILED']);
    expect(mismatch.message).toBe(wrongKey.message);
    expect([mismatch.cause, wrongKey.cause]).toEqual([undefined, undefined]);
  });
});

describe('formats and detection', () => {
  it('OpenSSL 3.0\'s "SM2 PRIVATE KEY" (openssl ec) is detected as sec1-pem', async () => {
    const pkcs8 = execFileSync('openssl', ['genpkey', '-algorithm', 'SM2']);
    const sec1 = execFileSync('openssl', ['ec'], { input: pkcs8, stdio: ['pipe', 'pipe', 'pipe'] }).toString();
    expect(sec1).toContain('BEGIN SM2 PRIVATE KEY');
    const { key, format } = await importDetected(sec1);
    expect(format).toBe('sec1-pem');
    expect(key.spec.name).toBe('SM2');
  });
});

describe('capability matrix', () => {
  it('enumerates specs × usages × operations from supports(); the pure provider supports all but persistence', async () => {
    const { capabilityMatrix } = await import('../src/provider/capabilities.js');
    const rows = capabilityMatrix(pureProvider);
    expect(rows.length).toBeGreaterThan(100);
    expect(rows.filter((r) => !r.supported).map((r) => r.operation)).toEqual(rows.filter((r) => r.operation === 'persist').map(() => 'persist'));
    expect(rows.find((r) => r.spec === 'RSA_2048' && r.usage === 'SIGN_VERIFY' && r.operation === 'sign')!.algorithms).toHaveLength(6);
    expect(rows.find((r) => r.spec === 'SM2' && r.usage === 'ENCRYPT_DECRYPT' && r.operation === 'decrypt')!.algorithms).toEqual(['SM2PKE']);
    expect(rows.find((r) => r.spec === 'AES_256' && r.operation === 'wrap')!.algorithms).toContain('AES_KW');
    expect(rows.some((r) => r.spec === 'EC_P256' && r.operation === 'encrypt')).toBe(false);
    const narrow = capabilityMatrix(new NarrowProvider());
    expect(narrow.filter((r) => r.supported).map((r) => `${r.spec} ${r.operation}`)).toEqual([
      'EC_P256 generate', 'EC_P256 export-public', 'EC_P256 sign', 'EC_P256 verify',
      'EC_P256 generate', 'EC_P256 export-public', // its KEY_AGREEMENT usage (derive-shared-secret is not supported)
    ]);
    expect(rows.find((r) => r.spec === 'HMAC_384' && r.operation === 'generate-mac')!.algorithms).toEqual(['HMAC_SHA_384']);
    expect(rows.find((r) => r.spec === 'SM2' && r.usage === 'KEY_AGREEMENT' && r.operation === 'derive-shared-secret')!.supported).toBe(true);
    expect(rows.some((r) => r.spec === 'EC_P256K' && r.operation === 'derive-shared-secret')).toBe(false);
  });
});

describe('layering', () => {
  const src = resolve(__dirname, '../src');
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : n.endsWith('.ts') ? [join(dir, n)] : []));
  const importsOf = (f: string) => [...readFileSync(f, 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]!);

  it('nothing below the core imports from core/; the core imports no provider', () => {
    for (const layer of ['model', 'encoding', 'rsa', 'ec', 'sm', 'registry', 'provider']) {
      for (const f of files(join(src, layer))) {
        for (const i of importsOf(f)) expect(i, `${f} imports ${i}`).not.toMatch(/(^|\/)core\//);
      }
    }
    for (const f of files(join(src, 'core'))) {
      for (const i of importsOf(f)) expect(i, `${f} imports ${i}`).not.toMatch(/provider\/pure/);
    }
    for (const f of files(join(src, 'model'))) {
      for (const i of importsOf(f)) expect(i, `${f} imports ${i}`).toMatch(/^\.\/|^\.\.\/errors\.js$/);
    }
  });
});
