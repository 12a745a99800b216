import { fail, rethrowAs } from '../errors.js';
import type { RandomSource } from '../random.js';

/** What the seed functions need of a parameter set (ML-DSA's or ML-KEM's). */
interface SeededParams {
  readonly name: string;
  readonly seedBytes: number;
}

/**
 * KeyGen_internal from a seed (FIPS 204 Algorithm 6, ξ; FIPS 203 Algorithm 16, d ‖ z): the seed's length is
 * checked, then noble's `keygen` runs; its secretKey is the expanded key (skEncode / dk). INVALID_KEY otherwise.
 */
export function keyFromSeed(
  p: SeededParams,
  keygen: (seed: Uint8Array) => { publicKey: Uint8Array; secretKey: Uint8Array },
  seed: Uint8Array,
): { publicKey: Uint8Array; expandedKey: Uint8Array } {
  if (!(seed instanceof Uint8Array) || seed.length !== p.seedBytes) fail('INVALID_KEY', `${p.name}: the seed must be ${p.seedBytes} bytes`);
  const { publicKey, secretKey } = rethrowAs('INVALID_KEY', `${p.name}: key generation failed`, () => keygen(seed));
  return { publicKey, expandedKey: secretKey };
}

/** The seed of KeyGen (FIPS 204 Algorithm 1, FIPS 203 Algorithm 19) from `random`; RNG_FAILURE if it is not `seedBytes` long. */
export function drawSeed(p: SeededParams, random: RandomSource): Uint8Array {
  const seed = random(p.seedBytes);
  if (!(seed instanceof Uint8Array) || seed.length !== p.seedBytes) fail('RNG_FAILURE', `random source did not return ${p.seedBytes} bytes`);
  return seed;
}
