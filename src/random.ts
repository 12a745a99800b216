import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { fail, KeysmithError } from './errors.js';
import { concatBytes, equalBytes, utf8, zeroize } from './bytes.js';

/** A source of random bytes: returns exactly `n` fresh bytes. */
export type RandomSource = (n: number) => Uint8Array;

const MAX_GETRANDOM = 65536; // getRandomValues refuses larger requests (W3C WebCrypto §10.1.1)

/**
 * The most bytes one request may ask for: 1 MiB. keysmith never needs more than a few hundred bytes at a
 * time (an RSA_4096 prime candidate is 256); the bound turns a caller's 1e12 into INVALID_ARGUMENT instead
 * of an allocation failure (RangeError) or minutes of work.
 */
export const MAX_RANDOM_BYTES = 1 << 20;

function checkCount(n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) fail('INVALID_ARGUMENT', 'byte count must be a non-negative integer');
  if (n > MAX_RANDOM_BYTES) fail('INVALID_ARGUMENT', `byte count ${n} is more than one request may ask for (at most ${MAX_RANDOM_BYTES})`);
}

/** The default: the platform CSPRNG (`crypto.getRandomValues`). */
export const systemRandom: RandomSource = (n) => {
  checkCount(n);
  const c = globalThis.crypto;
  if (!c || typeof c.getRandomValues !== 'function') fail('RNG_FAILURE', 'crypto.getRandomValues is not available');
  const out = new Uint8Array(n);
  try {
    for (let i = 0; i < n; i += MAX_GETRANDOM) c.getRandomValues(out.subarray(i, Math.min(n, i + MAX_GETRANDOM)));
  } catch (e) {
    fail('RNG_FAILURE', 'crypto.getRandomValues failed', e);
  }
  return out;
};

/**
 * Wraps a caller's random source so that a short, long or non-byte answer, or a throw, becomes RNG_FAILURE
 * instead of a silently weak key. It also runs two cheap health tests in the spirit of SP 800-90B §4.4 on
 * answers of 16 bytes or more: a block of one repeated byte, or a block equal to the previous one, is a
 * stuck source (a healthy one does either with probability below 2^-120). Only a hash of the previous
 * block is kept.
 */
export function checkedRandom(source: RandomSource): RandomSource {
  if (typeof source !== 'function') fail('INVALID_ARGUMENT', 'random must be a function (n) => Uint8Array');
  let previous: Uint8Array | undefined;
  return (n) => {
    let out: unknown;
    try {
      out = source(n);
    } catch (e) {
      if (e instanceof KeysmithError) throw e;
      fail('RNG_FAILURE', 'random source threw', e);
    }
    if (!(out instanceof Uint8Array) || out.length !== n) fail('RNG_FAILURE', `random source did not return ${n} bytes`);
    if (n >= 16) {
      if (out.every((b) => b === out[0])) fail('RNG_FAILURE', 'random source returned a constant block');
      const tag = sha256(out).subarray(0, 16);
      if (previous && equalBytes(tag, previous)) fail('RNG_FAILURE', 'random source repeated its previous block');
      previous = tag;
    }
    return out;
  };
}

// SP 800-90A Rev.1 §10.1.2, HMAC_DRBG with SHA-256. No prediction resistance, no additional input.
const OUTLEN = 32;
const MAX_BYTES_PER_REQUEST = 1 << 16; // 2^19 bits, Table 2
const RESEED_INTERVAL = 2 ** 48;

class HmacDrbg {
  private k = new Uint8Array(OUTLEN);
  private v = new Uint8Array(OUTLEN).fill(1);
  private reseedCounter = 1;

  constructor(seedMaterial: Uint8Array) {
    this.update(seedMaterial);
  }

  // §10.1.2.2
  private update(provided?: Uint8Array): void {
    const p = provided ?? new Uint8Array(0);
    this.k = hmac(sha256, this.k, concatBytes(this.v, Uint8Array.of(0x00), p));
    this.v = hmac(sha256, this.k, this.v);
    if (p.length === 0) return;
    this.k = hmac(sha256, this.k, concatBytes(this.v, Uint8Array.of(0x01), p));
    this.v = hmac(sha256, this.k, this.v);
  }

  // §10.1.2.5, split into requests of at most MAX_BYTES_PER_REQUEST
  generate(n: number): Uint8Array {
    const out = new Uint8Array(n);
    let off = 0;
    do {
      if (this.reseedCounter > RESEED_INTERVAL) fail('RNG_FAILURE', 'HMAC-DRBG reseed required');
      const end = Math.min(n, off + MAX_BYTES_PER_REQUEST);
      for (let i = off; i < end; i += OUTLEN) {
        this.v = hmac(sha256, this.k, this.v);
        out.set(this.v.subarray(0, Math.min(OUTLEN, end - i)), i);
      }
      this.update();
      this.reseedCounter++;
      off = end;
    } while (off < n);
    return out;
  }
}

/**
 * A deterministic SP 800-90A HMAC-DRBG (SHA-256) seeded with `seed` (bytes, or a string taken as UTF-8).
 * The same seed gives the same byte stream, and so the same keys, in every release.
 * Opt-in, for reproducible tests and known-answer vectors: a key is only as secret as its seed.
 * One stream shared by calls that run concurrently is drawn in the order the calls draw from it (the
 * order they start), so keys are reproducible only for the same order of calls.
 */
export function seededRandom(seed: Uint8Array | string): RandomSource {
  const material = typeof seed === 'string' ? utf8(seed) : seed;
  if (!(material instanceof Uint8Array) || material.length === 0) fail('INVALID_ARGUMENT', 'seed must be non-empty bytes or a string');
  const drbg = new HmacDrbg(material);
  if (typeof seed === 'string') zeroize(material);
  return (n) => {
    checkCount(n);
    return drbg.generate(n);
  };
}
