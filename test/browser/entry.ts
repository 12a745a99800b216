/*
 * Runs in a real Chromium page (test/browser.test.ts bundles it with esbuild and loads it from a loopback
 * server). For the pure and the WebCrypto provider, and for every spec × usage each says it can generate
 * (enumerated from `supports`, not a hand list): generate, export every format (public ones always, private
 * ones as the attributes allow), sign/verify and encrypt/decrypt with every supported algorithm, and wrap and
 * unwrap with every supported wrapping algorithm, MAC and verify, and derive a shared secret. Plus the
 * WebCrypto-only facts: non-extractable keys, the P1363 ↔ DER seam against the pure provider, and native wrap
 * payloads against keysmith's own encoding. The WebCrypto provider is `detectWebCryptoProvider()`'s, so what it
 * supports is what this Chromium has. Results go to `window.__keysmith` for the test to assert on. Only the
 * package root is imported.
 */
import {
  capabilityMatrix, decrypt, deriveSharedSecret, detectWebCryptoProvider, encrypt, exportKey, generateKey, generateMac, importKey, keyIdentifier,
  KeyPair, KEY_FORMATS, KeysmithError, pureProvider, sign, signingAlgorithms, specs, unwrapKey, verify, verifyMac, wrapKey, getWrappingAlgorithm,
  type AnyKey, type Capability, type KeyFormat, type KeyMaterialProvider, type KeySpec, type Usage, type WebCryptoFeature, type WrappingAlgorithmName,
} from '../../src/index.js';

export interface BrowserRow {
  readonly provider: string;
  readonly spec: string;
  readonly usage: string;
  readonly step: string;
  readonly ok: boolean;
  readonly detail?: string;
  readonly ms: number;
}

export interface BrowserReport {
  readonly userAgent: string;
  readonly secureContext: boolean;
  readonly rows: BrowserRow[];
  /** What `detectWebCryptoProvider()` found in this browser, and the capability matrix it then gives. */
  readonly webFeatures: readonly WebCryptoFeature[];
  readonly webMatrix: readonly Capability[];
  readonly done: boolean;
}

const rows: BrowserRow[] = [];
const report: { -readonly [K in keyof BrowserReport]: BrowserReport[K] } = {
  userAgent: navigator.userAgent, secureContext: globalThis.isSecureContext, rows, webFeatures: [], webMatrix: [], done: false,
};
(globalThis as unknown as { __keysmith: BrowserReport }).__keysmith = report;

const MESSAGE = new TextEncoder().encode('keysmith in a browser');
const code = (e: unknown) => (e instanceof KeysmithError ? e.code : `raw ${(e as Error)?.name}: ${(e as Error)?.message}`);
const equal = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

async function step(provider: string, spec: string, usage: string, name: string, fn: () => Promise<string | void>): Promise<void> {
  const t = performance.now();
  try {
    const detail = await fn();
    rows.push({ provider, spec, usage, step: name, ok: true, ...(detail ? { detail } : {}), ms: Math.round(performance.now() - t) });
  } catch (e) {
    rows.push({ provider, spec, usage, step: name, ok: false, detail: code(e), ms: Math.round(performance.now() - t) });
  }
}

function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(what);
}

const privateFormat = (s: KeySpec): KeyFormat => (s.family === 'symmetric' ? 'raw' : 'pkcs8-der');

/**
 * A wrapping key of the algorithm's kind on `provider`: raw AES KEK bytes, or an ENCRYPT_DECRYPT pair. RSA_3072, so that
 * one OAEP block carries every spec's payload (an EC_P521 PKCS#8 is 241 bytes: too big for RSA_2048's OAEP-SHA-256).
 */
const wrappingKeys = new Map<string, Promise<AnyKey | Uint8Array | undefined>>();
function wrappingKeyFor(provider: KeyMaterialProvider, algorithm: WrappingAlgorithmName): Promise<AnyKey | Uint8Array | undefined> {
  const kind = getWrappingAlgorithm(algorithm).wrappingKey;
  const id = `${provider.name} ${kind}`;
  if (!wrappingKeys.has(id)) {
    const spec = kind === 'aes' ? undefined : specs.find((s) => (kind === 'rsa' ? s.family === 'rsa' && s.bits === 3072 : s.family === 'ec' && s.encryption === 'SM2PKE'));
    wrappingKeys.set(
      id,
      spec === undefined
        ? Promise.resolve(crypto.getRandomValues(new Uint8Array(32)))
        : provider.supports(spec, 'ENCRYPT_DECRYPT', 'generate')
          ? generateKey(spec, { usage: 'ENCRYPT_DECRYPT', provider })
          : Promise.resolve(undefined),
    );
  }
  return wrappingKeys.get(id)!;
}

async function runProvider(provider: KeyMaterialProvider): Promise<void> {
  const matrix = capabilityMatrix(provider);
  const algorithmsOf = (spec: KeySpec, usage: Usage, operation: string) => matrix.find((r) => r.spec === spec.name && r.usage === usage && r.operation === operation)?.algorithms ?? [];
  for (const spec of specs) {
    for (const usage of spec.usages) {
      if (!provider.supports(spec, usage, 'generate')) continue;
      const at = (name: string, fn: () => Promise<string | void>) => step(provider.name, spec.name, usage, name, fn);
      let key: AnyKey | undefined;
      await at('generate', async () => {
        key = await generateKey(spec, { usage, provider });
      });
      if (!key) continue;
      const k = key;
      await at('export', async () => {
        let n = 0;
        for (const format of KEY_FORMATS) {
          try {
            const out = await exportKey(k, format);
            check(out !== undefined, format);
            n++;
          } catch (e) {
            // a format that does not apply to the spec, or private material of a key whose provider cannot export it
            check(code(e) === 'UNSUPPORTED' && !(format === privateFormat(spec) && provider.supports(spec, usage, 'export-private')), `${format}: ${code(e)}`);
          }
        }
        check(n > 0, 'no format exported');
        return `${n} formats`;
      });
      for (const algorithm of algorithmsOf(spec, usage, 'sign')) {
        await at(`sign/verify ${algorithm}`, async () => {
          // a DIGEST-only algorithm (Ed25519ph) signs the digest of the message
          const alg = signingAlgorithms().find((x) => x.name === algorithm)!;
          const messageType = alg.messageTypes.includes('RAW') ? 'RAW' : 'DIGEST';
          const data = async (m: Uint8Array) => (messageType === 'RAW' ? m : new Uint8Array(await crypto.subtle.digest(alg.hash, new Uint8Array(m))));
          const o = { algorithm: algorithm as never, messageType } as const;
          const sig = await sign(k, await data(MESSAGE), o);
          check(await verify(k, await data(MESSAGE), sig, o), 'does not verify');
          const other = MESSAGE.slice();
          other[0]! ^= 1;
          check(!(await verify(k, await data(other), sig, o)), 'verifies another message');
        });
      }
      for (const algorithm of algorithmsOf(spec, usage, 'encrypt')) {
        await at(`encrypt/decrypt ${algorithm}`, async () => {
          check(equal(await decrypt(k, await encrypt(k, MESSAGE, { algorithm: algorithm as never }), { algorithm: algorithm as never }), MESSAGE), 'round trip');
        });
      }
      for (const algorithm of algorithmsOf(spec, usage, 'generate-mac')) {
        await at(`mac/verify ${algorithm}`, async () => {
          const o = { algorithm: algorithm as never };
          const tag = await generateMac(k, MESSAGE, o);
          check(await verifyMac(k, MESSAGE, tag, o), 'does not verify');
          check(!(await verifyMac(k, MESSAGE, tag.subarray(0, tag.length - 1), o)), 'verifies a truncated tag');
          const onPure = await importKey(spec, (await exportKey(k, 'raw')) as Uint8Array, 'raw');
          check(equal(tag, await generateMac(onPure, MESSAGE, o)), 'differs from the pure tag');
        });
      }
      if (provider.supports(spec, usage, 'derive-shared-secret')) {
        await at('derive', async () => {
          const peer = (await generateKey(spec, { usage, provider: pureProvider })) as KeyPair;
          const z = await deriveSharedSecret(k, peer.publicKey);
          check(equal(z, await deriveSharedSecret(peer, (k as KeyPair).publicKey)), 'differs from the pure secret');
          return `${z.length} bytes`;
        });
      }
      for (const algorithm of algorithmsOf(spec, usage, 'wrap') as WrappingAlgorithmName[]) {
        if (!provider.supports(spec, usage, 'unwrap', algorithm)) continue;
        await at(`wrap/unwrap ${algorithm}`, async () => {
          const wk = await wrappingKeyFor(provider, algorithm);
          if (wk === undefined) return 'no wrapping key on this provider';
          const blob = await wrapKey(k, { algorithm, wrappingKey: wk });
          const back = await unwrapKey(blob, { algorithm, unwrappingKey: wk, spec, usage, provider });
          check((await keyIdentifier(back)).value === (await keyIdentifier(k)).value, 'unwrapped a different key');
          return `${blob.length} bytes`;
        });
      }
      await k.release();
    }
  }
}

/** WebCrypto-only facts in the browser's own WebCrypto (BoringSSL in Chromium). */
async function webCryptoFacts(web: KeyMaterialProvider): Promise<void> {
  const at = (spec: string, name: string, fn: () => Promise<string | void>) => step(web.name, spec, '-', name, fn);
  for (const spec of specs.filter((s) => s.usages.includes('SIGN_VERIFY') && web.supports(s, 'SIGN_VERIFY', 'sign'))) {
    await at(spec.name, 'non-extractable: no private export, signs, pure verifies', async () => {
      const k = await generateKey(spec, { usage: 'SIGN_VERIFY', provider: web, attributes: { extractable: false } });
      let refused = '';
      try {
        await exportKey(k, 'pkcs8-der');
      } catch (e) {
        refused = code(e);
      }
      check(refused === 'NOT_EXTRACTABLE', `private export gave ${refused || 'bytes'}`);
      const onPure = await importKey(spec, await exportKey(k, 'spki-der'), 'spki-der', { provider: pureProvider });
      const sig = await sign(k, MESSAGE);
      check(await verify(onPure, MESSAGE, sig), 'pure does not verify the WebCrypto signature');
      // pure RSA-3072/4096 generation takes seconds in a page: the P1363/DER seam is the same for every size
      if (spec.family === 'rsa' && spec.bits > 2048) return;
      const pureSigner = await generateKey(spec, { usage: 'SIGN_VERIFY' });
      const onWeb = await importKey(spec, await exportKey(pureSigner, 'spki-der'), 'spki-der', { provider: web });
      check(await verify(onWeb, MESSAGE, await sign(pureSigner, MESSAGE)), 'WebCrypto does not verify the pure signature');
    });
  }
  for (const spec of specs.filter((s) => s.usages.includes('GENERATE_VERIFY_MAC') && web.supports(s, 'GENERATE_VERIFY_MAC', 'generate-mac'))) {
    await at(spec.name, 'non-extractable MAC key: no export, MACs as pure does', async () => {
      const raw = crypto.getRandomValues(new Uint8Array((spec as { keyBytes: number }).keyBytes));
      const k = await importKey(spec, raw, 'raw', { provider: web, attributes: { extractable: false } });
      check(code(await exportKey(k, 'raw').then(() => 'bytes', (e) => e)) === 'NOT_EXTRACTABLE', 'raw export allowed');
      const tag = await generateMac(k, MESSAGE);
      check(equal(tag, await generateMac(await importKey(spec, raw, 'raw'), MESSAGE)), 'differs from the pure tag');
      check(await verifyMac(k, MESSAGE, tag), 'does not verify');
    });
  }
  for (const spec of specs.filter((s) => s.usages.includes('KEY_AGREEMENT') && web.supports(s, 'KEY_AGREEMENT', 'derive-shared-secret'))) {
    await at(spec.name, 'non-extractable ECDH key: no export, derives what pure derives', async () => {
      const k = (await generateKey(spec, { usage: 'KEY_AGREEMENT', provider: web, attributes: { extractable: false } })) as KeyPair;
      check(code(await exportKey(k, 'pkcs8-der').then(() => 'bytes', (e) => e)) === 'NOT_EXTRACTABLE', 'private export allowed');
      const peer = (await generateKey(spec, { usage: 'KEY_AGREEMENT' })) as KeyPair;
      check(equal(await deriveSharedSecret(k, peer.publicKey), await deriveSharedSecret(peer, k.publicKey)), 'secrets differ');
    });
  }
  const rsa = specs.find((s) => s.family === 'rsa' && s.bits === 2048)!;
  await at(rsa.name, 'native OAEP wrap payload is keysmith PKCS#8, opened by pure; non-extractable decrypts pure ciphertexts', async () => {
    const wk = (await generateKey(rsa, { usage: 'ENCRYPT_DECRYPT', provider: web, attributes: { extractable: false } })) as KeyPair;
    const pubOnPure = await importKey(rsa, await exportKey(wk, 'spki-der'), 'spki-der', { usage: 'ENCRYPT_DECRYPT' });
    for (const algorithm of ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'] as const) {
      check(equal(await decrypt(wk, await encrypt(pubOnPure, MESSAGE, { algorithm }), { algorithm }), MESSAGE), `${algorithm} decrypt`);
    }
    // RSA_3072: one OAEP-SHA-256 block carries every target's PKCS#8, P-521's 241 bytes too
    const rsa3072 = specs.find((s) => s.family === 'rsa' && s.bits === 3072)!;
    const extractableWk = await generateKey(rsa3072, { usage: 'ENCRYPT_DECRYPT', provider: web });
    const pureWk = await importKey(rsa3072, await exportKey(extractableWk, 'pkcs8-der'), 'pkcs8-der', { usage: 'ENCRYPT_DECRYPT' });
    let n = 0;
    for (const target of specs.filter((s) => web.supports(s, s.defaultUsage, 'wrap', 'RSAES_OAEP_SHA_256'))) {
      const k = await generateKey(target, { provider: web });
      const blob = await wrapKey(k, { algorithm: 'RSAES_OAEP_SHA_256', wrappingKey: extractableWk });
      const payload = await decrypt(pureWk, blob, { algorithm: 'RSAES_OAEP_SHA_256' });
      check(equal(payload, (await exportKey(k, privateFormat(target))) as Uint8Array), `${target.name}: Chromium's payload differs from keysmith's ${privateFormat(target)}`);
      n++;
    }
    check(n >= 3, 'too few targets');
    return `${n} targets`;
  });
}

async function main(): Promise<void> {
  const web = await detectWebCryptoProvider();
  report.webFeatures = web.features;
  report.webMatrix = capabilityMatrix(web);
  await runProvider(web);
  await webCryptoFacts(web);
  await runProvider(pureProvider);
}

main()
  .catch((e) => rows.push({ provider: '-', spec: '-', usage: '-', step: 'main', ok: false, detail: code(e), ms: 0 }))
  .finally(() => {
    report.done = true;
  });
