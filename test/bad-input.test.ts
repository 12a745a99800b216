import { describe, expect, it } from 'vitest';
import * as keysmith from '../src/index.js';
import { KeysmithError } from '../src/errors.js';

/**
 * Every public function, given garbage, either answers or raises a KeysmithError: never a raw TypeError
 * from deep inside, never a hang. Classes and the predicate `isKeysmithError` are not inputs-taking calls.
 */
const NOT_CALLS = new Set(['Key', 'KeyPair', 'KeysmithError', 'PureProvider', 'isKeysmithError']);
const functions = Object.entries(keysmith).filter(([name, v]) => typeof v === 'function' && !NOT_CALLS.has(name)) as [string, (...a: unknown[]) => unknown][];

const garbage: unknown[] = [
  undefined, null, 0, -1, NaN, 2n ** 70n, '', 'AES_256', '\u0000'.repeat(3), 'x'.repeat(100_000), Symbol('s'), true,
  {}, [], [1, 2], new Uint8Array(0), new Uint8Array(7), new Uint8Array(40_000).fill(0xff), () => 1, { kty: 'EC', crv: 'P-256' },
  Object.create(null), new Date(0), new Map(), '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----',
];

function argLists(fn: (...a: unknown[]) => unknown): unknown[][] {
  const arity = Math.max(fn.length, 1);
  const lists: unknown[][] = [];
  for (const g of garbage) {
    lists.push(Array.from({ length: arity }, () => g));
    if (arity > 1) lists.push(['AES_256', ...Array.from({ length: arity - 1 }, () => g)]);
    if (arity > 2) lists.push(['EC_P256', new Uint8Array(32).fill(1), g]);
  }
  return lists;
}

describe('public functions given bad input raise KeysmithError, never a raw error', () => {
  it('exports the functions this test exercises', () => {
    expect(functions.map(([n]) => n)).toEqual(expect.arrayContaining(['generateKey', 'exportKey', 'importKey', 'getSpec', 'fromCreateKey', 'seededRandom', 'wrapKey', 'unwrapKey']));
  });

  it.each(functions)('%s', async (name, fn) => {
    const raw: string[] = [];
    for (const args of argLists(fn)) {
      try {
        const out = fn(...args);
        if (out instanceof Promise) await out;
      } catch (e) {
        if (!(e instanceof KeysmithError)) raw.push(`${name}(${args.map((a) => typeof a).join(', ')}): ${(e as Error)?.name}: ${(e as Error)?.message}`);
      }
    }
    expect(raw).toEqual([]);
  });
});
