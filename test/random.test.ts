import { describe, expect, it } from 'vitest';
import { checkedRandom, seededRandom, systemRandom } from '../src/random.js';
import { bytesToHex, hex } from '../src/bytes.js';
import { readOwnJson } from './helpers/vectors.js';

describe('seededRandom: SP 800-90A HMAC_DRBG (SHA-256)', () => {
  const kat = readOwnJson('hmac_drbg_sha256.json');

  it.each(kat.cases as { count: number; entropyInput: string; nonce: string; returnedBits: string }[])('CAVP no-reseed COUNT $count', (c) => {
    const r = seededRandom(hex(c.entropyInput + c.nonce));
    r(128);
    expect(bytesToHex(r(128))).toBe(c.returnedBits);
  });

  it('is a deterministic stream however it is split', () => {
    const a = seededRandom('split');
    const b = seededRandom('split');
    // one request per generate call: the stream depends on how it is requested (as in SP 800-90A), so
    // the same sequence of request sizes must give the same bytes
    expect(bytesToHex(a(7)) + bytesToHex(a(100))).toBe(bytesToHex(b(7)) + bytesToHex(b(100)));
    expect(bytesToHex(seededRandom('x')(32))).not.toBe(bytesToHex(seededRandom('y')(32)));
    expect(seededRandom('big')(200_000).length).toBe(200_000);
    expect(seededRandom('zero')(0).length).toBe(0);
  });

  it('string seeds are UTF-8', () => {
    expect(seededRandom('é')(16)).toEqual(seededRandom(hex('c3a9'))(16));
  });

  it('rejects empty or non-byte seeds and bad counts', () => {
    for (const bad of ['', new Uint8Array(0), 5, null, [1, 2]]) expect(() => seededRandom(bad as never)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => seededRandom('s')(-1)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => seededRandom('s')(1.5)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});

describe('systemRandom and checkedRandom', () => {
  it('systemRandom returns fresh bytes of any length, beyond the 65536-byte getRandomValues limit', () => {
    expect(systemRandom(100_000).length).toBe(100_000);
    expect(bytesToHex(systemRandom(32))).not.toBe(bytesToHex(systemRandom(32)));
  });

  it('checkedRandom turns a short, long, wrong-typed or throwing source into RNG_FAILURE', () => {
    const bad = [(n: number) => new Uint8Array(n - 1), (n: number) => new Uint8Array(n + 1), () => [1, 2, 3], () => { throw new Error('boom'); }];
    for (const src of bad) expect(() => checkedRandom(src as never)(16)).toThrow(expect.objectContaining({ code: 'RNG_FAILURE' }));
    expect(() => checkedRandom(42 as never)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });

  it('checkedRandom fails a stuck source: a constant block, or the same block twice', () => {
    expect(() => checkedRandom((n) => new Uint8Array(n))(32)).toThrow(expect.objectContaining({ code: 'RNG_FAILURE' }));
    expect(() => checkedRandom((n) => new Uint8Array(n).fill(0xa5))(16)).toThrow(expect.objectContaining({ code: 'RNG_FAILURE' }));
    const fixed = systemRandom(32);
    const replay = checkedRandom(() => fixed.slice());
    expect(replay(32)).toEqual(fixed);
    expect(() => replay(32)).toThrow(expect.objectContaining({ code: 'RNG_FAILURE' }));
    // short answers are below the test's reach, and a healthy source passes
    expect(checkedRandom((n) => new Uint8Array(n))(8)).toEqual(new Uint8Array(8));
    const healthy = checkedRandom(systemRandom);
    for (let i = 0; i < 100; i++) expect(healthy(32).length).toBe(32);
  });
});
