import { describe, expect, it } from 'vitest';
import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { node, root, threadCount, threadsBackTo } from './setup/dist.js';
import { runBatch } from '../src/node/batch.js';
import { generateKey, KeysmithError, seededRandom, type AnyKey, type KeyPair } from '../src/index.js';
import type { KeySource } from '../src/node/factory.js';

const { generateKeys } = node;

async function code(p: Promise<unknown> | (() => unknown)): Promise<string> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    expect(e).toBeInstanceOf(root.KeysmithError);
    return (e as KeysmithError).code;
  }
  throw new Error('expected a KeysmithError');
}

/** OpenSSL (node:crypto) reads the exported key pair and a signature made with it verifies. */
async function checkWithOpenSsl(pair: KeyPair): Promise<void> {
  const der = (await root.exportKey(pair, 'pkcs8-der')) as Uint8Array;
  const spki = (await root.exportKey(pair.publicKey, 'spki-der')) as Uint8Array;
  const priv = createPrivateKey({ key: Buffer.from(der), format: 'der', type: 'pkcs8' });
  const pub = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
  const msg = Buffer.from('keysmith batch');
  expect(verify('sha256', msg, pub, sign('sha256', msg, priv))).toBe(true);
}

describe('generateKeys (keysmith/node, worker threads)', () => {
  it('makes distinct, valid EC key pairs and reports each as it lands', async () => {
    const seen: Array<{ key: AnyKey; done: number; total: number }> = [];
    const keys = await generateKeys('EC_P256', 8, { concurrency: 2, onProgress: (key, p) => seen.push({ key, ...p }) });
    expect(keys).toHaveLength(8);
    expect(seen.map((s) => s.done)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(seen.every((s) => s.total === 8)).toBe(true);
    expect(seen.map((s) => s.key)).toEqual(keys);
    const fps = await Promise.all(keys.map((k) => root.spkiFingerprint(k)));
    expect(new Set(fps).size).toBe(8);
    for (const k of keys) {
      expect(k).toBeInstanceOf(root.KeyPair);
      expect(String(k)).toBe('KeyPair(EC_P256, SIGN_VERIFY, pure)');
      await checkWithOpenSsl(k as KeyPair);
      k.destroy();
    }
  });

  it('makes RSA key pairs with the usage asked for', async () => {
    const keys = await generateKeys('RSA_2048', 3, { concurrency: 2, usage: 'ENCRYPT_DECRYPT' });
    const fps = await Promise.all(keys.map((k) => root.spkiFingerprint(k)));
    expect(new Set(fps).size).toBe(3);
    for (const k of keys) {
      expect(k.usage).toBe('ENCRYPT_DECRYPT');
      await checkWithOpenSsl(k as KeyPair);
      k.destroy();
    }
  });

  it('a cloud name that implies a usage keeps it, as generateKey does; a conflicting usage is INVALID_USAGE', async () => {
    const [k] = await generateKeys('ASYMMETRIC_DECRYPT_RSA_2048', 1);
    expect(k!.spec.name).toBe('RSA_2048');
    expect(k!.usage).toBe('ENCRYPT_DECRYPT');
    k!.destroy();
    expect(await code(generateKeys('ASYMMETRIC_DECRYPT_RSA_2048', 1, { usage: 'SIGN_VERIFY' }))).toBe('INVALID_USAGE');
  });

  it('makes distinct secret keys of the spec length', async () => {
    const keys = await generateKeys('SM4', 40, { concurrency: 2 });
    const raws = await Promise.all(keys.map((k) => root.exportKey(k, 'raw') as Promise<Uint8Array>));
    expect(raws.every((r) => r.length === 16)).toBe(true);
    expect(new Set(raws.map((r) => Buffer.from(r).toString('hex'))).size).toBe(40);
    expect(keys.every((k) => k.toString() === 'Key(SM4, secret, ENCRYPT_DECRYPT, pure)')).toBe(true);
  });

  it('a count of zero gives no keys and starts no thread', async () => {
    expect(await generateKeys('AES_256', 0)).toEqual([]);
  });

  it('validates its arguments in the core style', async () => {
    expect(await code(generateKeys('NOPE', 1))).toBe('UNKNOWN_SPEC');
    for (const n of [-1, 1.5, Number.NaN, '3', undefined, 2 ** 60]) {
      expect(await code(generateKeys('AES_256', n as number))).toBe('INVALID_ARGUMENT');
    }
    expect(await code(generateKeys('AES_256', 1, 'fast' as never))).toBe('INVALID_ARGUMENT');
    expect(await code(generateKeys('AES_256', 1, { concurrency: 0 }))).toBe('INVALID_ARGUMENT');
    expect(await code(generateKeys('AES_256', 1, { concurrency: 1.5 }))).toBe('INVALID_ARGUMENT');
    expect(await code(generateKeys('AES_256', 1, { usage: 'SIGN_VERIFY' }))).toBe('INVALID_USAGE');
    expect(await code(generateKeys('AES_256', 1, { onProgress: 'yes' as never }))).toBe('INVALID_ARGUMENT');
    expect(await code(generateKeys('AES_256', 1, { signal: { aborted: true } as never }))).toBe('INVALID_ARGUMENT');
  });

  it('refuses a random source (parallel keys cannot be reproducible) and a provider', async () => {
    expect(await code(generateKeys('EC_P256', 2, { random: root.seededRandom('seed') } as never))).toBe('UNSUPPORTED');
    expect(await code(generateKeys('EC_P256', 2, { provider: root.pureProvider } as never))).toBe('UNSUPPORTED');
  });

  it('an already aborted signal rejects with ABORTED before any work', async () => {
    const ac = new AbortController();
    ac.abort(new Error('no'));
    expect(await code(generateKeys('RSA_4096', 4, { signal: ac.signal }))).toBe('ABORTED');
  });

  it('cancellation rejects with ABORTED, delivers nothing after, and the delivered keys stay usable', async () => {
    const ac = new AbortController();
    const delivered: AnyKey[] = [];
    let afterAbort = 0;
    const run = generateKeys('EC_P256', 500, {
      concurrency: 2,
      signal: ac.signal,
      onProgress: (k) => {
        if (ac.signal.aborted) afterAbort++;
        delivered.push(k);
        if (delivered.length === 3) ac.abort();
      },
    });
    const err = await run.then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(root.KeysmithError);
    expect((err as KeysmithError).code).toBe('ABORTED');
    expect(afterAbort).toBe(0);
    expect(delivered).toHaveLength(3);
    for (const k of delivered) {
      expect((k as KeyPair).privateKey.destroyed).toBe(false);
      await checkWithOpenSsl(k as KeyPair);
    }
  });

  it('cancellation stops a generation that is running in a worker', async () => {
    const ac = new AbortController();
    const run = generateKeys('RSA_4096', 4, { concurrency: 2, signal: ac.signal });
    setTimeout(() => ac.abort(new Error('enough')), 300);
    const err = await run.then(() => undefined, (e: unknown) => e);
    expect((err as KeysmithError).code).toBe('ABORTED');
    expect(((err as KeysmithError).cause as Error).message).toBe('enough');
  });

  // the OS thread count comes from /proc (Linux); in CI (Linux) its absence fails instead of skipping
  if (threadCount() === undefined && process.env.CI === 'true') throw new Error('CI=true but /proc thread counts are unreadable: the thread-leak test cannot be skipped in CI');
  it.skipIf(threadCount() === undefined)('leaves no worker thread behind after completion or cancellation', async () => {
    await generateKeys('AES_256', 4, { concurrency: 2 }); // warms up libuv's and V8's own threads
    const baseline = threadCount()!;
    const running = generateKeys('EC_P256', 6, { concurrency: 2 });
    await new Promise((r) => setTimeout(r, 200));
    expect(threadCount()).toBeGreaterThan(baseline); // the workers are real threads, so the count can see them
    await running;
    expect(await threadsBackTo(baseline)).toBeLessThanOrEqual(baseline);

    const ac = new AbortController();
    const cancelled = generateKeys('RSA_4096', 4, { concurrency: 2, signal: ac.signal });
    await new Promise((r) => setTimeout(r, 200));
    ac.abort();
    await cancelled.catch(() => undefined);
    expect(await threadsBackTo(baseline)).toBeLessThanOrEqual(baseline);
  });
});

/** A key source that fails on a chosen call, to drive the batch loop's failure path. */
function scripted(failOn: number): KeySource & { made: AnyKey[]; destroyed: boolean } {
  let calls = 0;
  const src = {
    made: [] as AnyKey[],
    destroyed: false,
    async make(signal: AbortSignal): Promise<AnyKey> {
      const n = ++calls;
      await new Promise((r) => setTimeout(r, 5 * n));
      if (n === failOn) throw new KeysmithError('PCT_FAILED', 'scripted failure');
      if (signal.aborted) throw new KeysmithError('ABORTED', 'cancelled');
      const k = await generateKey('AES_256', { random: seededRandom(`k${n}`) });
      src.made.push(k);
      return k;
    },
    async destroy() {
      src.destroyed = true;
    },
  };
  return src;
}

describe('the batch loop on failure', () => {
  it('rejects with the worker error; delivered keys stay the caller\'s, the source is torn down', async () => {
    const src = scripted(4);
    const delivered: AnyKey[] = [];
    const err = await runBatch(src, 10, 1, (k) => delivered.push(k), undefined).catch((e: unknown) => e);
    expect((err as KeysmithError).code).toBe('PCT_FAILED');
    expect(src.destroyed).toBe(true);
    expect(delivered.length).toBeGreaterThan(0);
    expect(delivered.every((k) => !(k as { destroyed: boolean }).destroyed)).toBe(true);
    // made after the failure, never delivered: destroyed
    for (const k of src.made.filter((k) => !delivered.includes(k))) expect((k as { destroyed: boolean }).destroyed).toBe(true);
  });

  it('without onProgress, keys made before the failure are destroyed (nobody holds them)', async () => {
    const src = scripted(3);
    const err = await runBatch(src, 10, 1, undefined, undefined).catch((e: unknown) => e);
    expect((err as KeysmithError).code).toBe('PCT_FAILED');
    expect(src.made.length).toBeGreaterThan(0);
    expect(src.made.every((k) => (k as { destroyed: boolean }).destroyed)).toBe(true);
  });

  it('an onProgress that throws stops the batch with what it threw', async () => {
    const src = scripted(0);
    const boom = new Error('caller bug');
    const err = await runBatch(src, 10, 1, () => { throw boom; }, undefined).catch((e: unknown) => e);
    expect(err).toBe(boom);
    expect(src.destroyed).toBe(true);
    expect(src.made.length).toBeLessThan(10);
  });
});
