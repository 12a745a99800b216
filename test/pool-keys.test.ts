import { describe, expect, it } from 'vitest';
import { node, root, threadCount, threadsBackTo } from './setup/dist.js';
import { BackgroundKeyPool } from '../src/node/pool.js';
import { generateKey, getSpec, KeysmithError, type AnyKey } from '../src/index.js';
import type { KeySource } from '../src/node/factory.js';

const { createKeyPool } = node;

function codeOf(e: unknown): string {
  expect(e).toBeInstanceOf(Error);
  return (e as KeysmithError).code;
}

async function rejection(p: Promise<unknown> | (() => unknown)): Promise<unknown> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

const destroyed = (k: AnyKey) => (k as { destroyed?: boolean }).destroyed ?? (k as { privateKey: { destroyed: boolean } }).privateKey.destroyed;

describe('createKeyPool (keysmith/node, refilled on worker threads)', () => {
  it('fills, hands out distinct valid keys, never the same one twice, and closes cleanly', async () => {
    const baseline = threadCount();
    const pool = createKeyPool({ spec: 'EC_P256', size: 3, concurrency: 2 });
    expect(pool.size).toBe(3);
    await pool.ready();
    expect(pool.available).toBe(3);
    const taken: AnyKey[] = [];
    for (let i = 0; i < 9; i++) taken.push(await pool.take());
    expect(new Set(taken).size).toBe(9);
    const fps = await Promise.all(taken.map((k) => root.spkiFingerprint(k)));
    expect(new Set(fps).size).toBe(9);
    for (const k of taken) {
      expect(k).toBeInstanceOf(root.KeyPair);
      expect(k.usage).toBe('SIGN_VERIFY');
    }
    await pool.close();
    await pool.close(); // idempotent
    expect(pool.available).toBe(0);
    // keys taken before close are the caller's and stay usable
    expect(taken.every((k) => !destroyed(k))).toBe(true);
    expect(codeOf(await rejection(pool.take()))).toBe('ABORTED');
    expect(codeOf(await rejection(pool.ready()))).toBe('ABORTED');
    if (baseline !== undefined) expect(await threadsBackTo(baseline)).toBeLessThanOrEqual(baseline);
  });

  it('a take() while the pool is empty waits for the next key; close() rejects the waiters', async () => {
    const pool = createKeyPool({ spec: 'SM4', size: 2, usage: 'ENCRYPT_DECRYPT', concurrency: 1 });
    const [a, b, c] = await Promise.all([pool.take(), pool.take(), pool.take()]);
    expect(new Set([a, b, c]).size).toBe(3);
    const raws = await Promise.all([a, b, c].map((k) => root.exportKey(k!, 'raw') as Promise<Uint8Array>));
    expect(new Set(raws.map((r) => Buffer.from(r).toString('hex'))).size).toBe(3);
    await pool.close();

    const slow = createKeyPool({ spec: 'RSA_4096', size: 1, concurrency: 1 });
    const waiting = rejection(slow.take());
    const ready = rejection(slow.ready());
    await slow.close();
    expect(codeOf(await waiting)).toBe('ABORTED');
    expect(codeOf(await ready)).toBe('ABORTED');
  });

  it('a cloud name that implies a usage keeps it', async () => {
    const pool = createKeyPool({ spec: 'ASYMMETRIC_DECRYPT_SM2', size: 1, concurrency: 1 });
    const k = await pool.take();
    await pool.close();
    expect(k.spec.name).toBe('SM2');
    expect(k.usage).toBe('ENCRYPT_DECRYPT');
  });

  it('validates its arguments in the core style', async () => {
    const cases: Array<[unknown, string]> = [
      [undefined, 'INVALID_ARGUMENT'],
      ['EC_P256', 'INVALID_ARGUMENT'],
      [{ spec: 'NOPE', size: 1 }, 'UNKNOWN_SPEC'],
      [{ spec: 'EC_P256' }, 'INVALID_ARGUMENT'],
      [{ spec: 'EC_P256', size: 0 }, 'INVALID_ARGUMENT'],
      [{ spec: 'EC_P256', size: 2.5 }, 'INVALID_ARGUMENT'],
      [{ spec: 'EC_P256', size: 2, concurrency: 0 }, 'INVALID_ARGUMENT'],
      [{ spec: 'EC_P256', size: 2, usage: 'ENCRYPT_DECRYPT' }, 'INVALID_USAGE'],
      [{ spec: 'ASYMMETRIC_SIGN_VERIFY_SM2', size: 2, usage: 'ENCRYPT_DECRYPT' }, 'INVALID_USAGE'],
      [{ spec: 'EC_P256', size: 2, random: root.seededRandom('s') }, 'UNSUPPORTED'],
    ];
    for (const [opts, code] of cases) {
      const e = await rejection(() => createKeyPool(opts as never));
      expect(e).toBeInstanceOf(root.KeysmithError);
      expect([opts, codeOf(e)]).toEqual([opts, code]);
    }
  });
});

/** A key source whose calls fail on demand; it records what it made and when it was torn down. */
function scripted() {
  const state = { failNext: 0, made: [] as AnyKey[], destroyed: false, calls: 0 };
  const source: KeySource = {
    async make(signal) {
      state.calls++;
      await new Promise((r) => setTimeout(r, 2));
      if (state.failNext > 0) {
        state.failNext--;
        throw new KeysmithError('PCT_FAILED', 'scripted refill failure');
      }
      if (signal.aborted) throw new KeysmithError('ABORTED', 'cancelled');
      const k = await generateKey('AES_256');
      state.made.push(k);
      return k;
    },
    async destroy() {
      state.destroyed = true;
    },
  };
  return { state, source };
}

const until = async (f: () => boolean) => {
  while (!f()) await new Promise((r) => setTimeout(r, 2));
};

describe('the key pool on refill errors', () => {
  const spec = getSpec('AES_256');

  it('an error surfaces on the next take(), then refilling resumes', async () => {
    const { state, source } = scripted();
    state.failNext = 1;
    const pool = new BackgroundKeyPool(spec, 'ENCRYPT_DECRYPT', 3, 1, source);
    // the first refill fails, which pauses refilling; the one already in flight still lands
    await until(() => pool.available === 1);
    await new Promise((r) => setTimeout(r, 20));
    expect(state.calls).toBe(2);
    expect(pool.available).toBe(1);
    expect(codeOf(await rejection(pool.take()))).toBe('PCT_FAILED');
    await pool.ready();
    expect(pool.available).toBe(3);
    const k = await pool.take();
    expect(state.made).toContain(k);
    await pool.close();
    expect(state.destroyed).toBe(true);
    // every key still on hand at close was destroyed; the one taken was not
    expect(state.made.filter((m) => m !== k).every((m) => destroyed(m))).toBe(true);
    expect(destroyed(k)).toBe(false);
  });

  it('a take() waiting on an empty pool receives the refill error', async () => {
    const { state, source } = scripted();
    state.failNext = 100;
    const pool = new BackgroundKeyPool(spec, 'ENCRYPT_DECRYPT', 2, 1, source);
    const ready = pool.ready();
    expect(codeOf(await rejection(ready))).toBe('PCT_FAILED');
    state.failNext = 0;
    const e = await rejection(pool.take()); // the error recorded while nobody waited
    expect(codeOf(e)).toBe('PCT_FAILED');
    const k = await pool.take(); // refilling resumed
    expect(state.made).toContain(k);
    state.failNext = 100;
    while (pool.available > 0) await pool.take();
    expect(codeOf(await rejection(pool.take()))).toBe('PCT_FAILED');
    await pool.close();
  });

  it('never hands out a key twice across many takes', async () => {
    const { state, source } = scripted();
    const pool = new BackgroundKeyPool(spec, 'ENCRYPT_DECRYPT', 4, 2, source);
    const got = await Promise.all(Array.from({ length: 40 }, () => pool.take()));
    expect(new Set(got).size).toBe(40);
    await pool.close();
    expect(state.made.length).toBeGreaterThanOrEqual(40);
  });
});
