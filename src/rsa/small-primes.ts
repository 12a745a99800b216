/** Odd primes below this bound make up the trial-division / sieving table. */
export const SMALL_PRIME_BOUND = 1 << 16;

let table: Uint32Array | undefined;
let groups: { modulus: bigint; from: number; to: number }[] | undefined;

/** The odd primes < SMALL_PRIME_BOUND, ascending (sieve of Eratosthenes, computed once on first use). */
export function smallOddPrimes(): Uint32Array {
  if (table) return table;
  const composite = new Uint8Array(SMALL_PRIME_BOUND);
  const out: number[] = [];
  for (let i = 3; i < SMALL_PRIME_BOUND; i += 2) {
    if (composite[i]) continue;
    out.push(i);
    for (let j = i * i; j < SMALL_PRIME_BOUND; j += 2 * i) composite[j] = 1;
  }
  table = Uint32Array.from(out);
  return table;
}

// Consecutive primes grouped so that each group's product stays below 2^53: one BigInt division per group,
// then exact float arithmetic for the primes inside it.
function primeGroups(): { modulus: bigint; from: number; to: number }[] {
  if (groups) return groups;
  const primes = smallOddPrimes();
  const out: { modulus: bigint; from: number; to: number }[] = [];
  let i = 0;
  while (i < primes.length) {
    let prod = 1;
    const from = i;
    while (i < primes.length && prod * primes[i]! < Number.MAX_SAFE_INTEGER) prod *= primes[i++]!;
    out.push({ modulus: BigInt(prod), from, to: i });
  }
  groups = out;
  return out;
}

/** x mod p for every small odd prime p (x ≥ 0), in table order. */
export function smallPrimeResidues(x: bigint): Uint32Array {
  const primes = smallOddPrimes();
  const out = new Uint32Array(primes.length);
  for (const g of primeGroups()) {
    const r = Number(x % g.modulus);
    for (let i = g.from; i < g.to; i++) out[i] = r % primes[i]!;
  }
  return out;
}

/** True when x (≥ 2^32) has a small odd prime factor or is even. */
export function hasSmallFactor(x: bigint): boolean {
  if ((x & 1n) === 0n) return true;
  const primes = smallOddPrimes();
  for (const g of primeGroups()) {
    const r = Number(x % g.modulus);
    for (let i = g.from; i < g.to; i++) if (r % primes[i]! === 0) return true;
  }
  return false;
}

/** Exact primality of a safe integer < SMALL_PRIME_BOUND², by trial division. */
export function isSmallPrime(x: number): boolean {
  if (x < 2) return false;
  if (x % 2 === 0) return x === 2;
  for (const p of smallOddPrimes()) {
    if (p * p > x) return true;
    if (x % p === 0) return x === p;
  }
  return true;
}
