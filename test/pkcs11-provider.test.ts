import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { constants, createPublicKey, createVerify, publicEncrypt, verify as nodeVerify, createPrivateKey } from 'node:crypto';
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

/** The two PKCS #11 modules on this machine, with what each one is known to have (the measured facts). */
const tokens = [
  { name: 'softhsm', available: softhsmAvailable, options: softhsmToken, oaepSha256: false, kwp: false },
  { name: 'nss', available: nssAvailable, options: nssDatabase, oaepSha256: true, kwp: true },
] as const;

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
