import { generateKeyPairSync } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { Bench } from 'tinybench';
import { generateRsaPrivate } from '../src/rsa/keygen.js';
import { checkedRandom, seededRandom, systemRandom } from '../src/random.js';
import { modPow } from '../src/rsa/math.js';
import { deepSieveBound, searchPrime } from '../src/rsa/prime-search.js';
import { mrRoundsFor } from '../src/rsa/primes.js';

// Key generation time is geometric in the number of candidates, so a stable mean needs many keys. keysmith
// and node:crypto are interleaved in rounds of a few keys each (order alternating), so that the load of a
// shared machine falls on both alike; the ratio of means is the figure that counts.
// `--quick` runs a tenth of the samples.
const quick = process.argv.includes('--quick');
const plan = [
  { bits: 2048, samples: 60, perRound: 4 },
  { bits: 3072, samples: 30, perRound: 2 },
  { bits: 4096, samples: 16, perRound: 1 },
].map((p) => ({ ...p, samples: quick ? Math.max(2, Math.ceil(p.samples / 10)) : p.samples }));

console.log(`${cpus()[0]?.model ?? 'cpu'} × ${cpus().length}, Node ${process.version}, load average at start ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
function quantile(xs: number[], q: number): number {
  const s = sorted(xs);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  return s[lo]! + (s[Math.min(lo + 1, s.length - 1)]! - s[lo]!) * (pos - lo);
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

async function interleaved(tasks: Record<string, () => void>, samples: number, perRound: number): Promise<Record<string, number[]>> {
  const out: Record<string, number[]> = Object.fromEntries(Object.keys(tasks).map((k) => [k, []]));
  for (let round = 0; out[Object.keys(tasks)[0]!]!.length < samples; round++) {
    const bench = new Bench({ iterations: perRound, time: 0, warmup: round === 0, warmupIterations: 1, warmupTime: 0, retainSamples: true });
    const names = Object.keys(tasks);
    for (const name of round % 2 ? names.reverse() : names) bench.add(name, tasks[name]!);
    await bench.run();
    for (const t of bench.tasks) {
      const r = t.result;
      if (r.state !== 'completed' || !r.latency.samples) throw new Error(`${t.name}: ${r.state}`);
      out[t.name]!.push(...r.latency.samples);
    }
  }
  return out;
}

const rows: Record<string, string | number>[] = [];
for (const { bits, samples, perRound } of plan) {
  const times = await interleaved(
    {
      keysmith: () => void generateRsaPrivate(bits, 65537n, systemRandom),
      node: () => void generateKeyPairSync('rsa', { modulusLength: bits, publicExponent: 65537 }),
    },
    samples,
    perRound,
  );
  const [ours, node] = [times.keysmith!, times.node!];
  rows.push({
    bits,
    samples: ours.length,
    'keysmith mean': +mean(ours).toFixed(1),
    'keysmith p50': +quantile(ours, 0.5).toFixed(1),
    'keysmith p95': +quantile(ours, 0.95).toFixed(1),
    'node mean': +mean(node).toFixed(1),
    'node p50': +quantile(node, 0.5).toFixed(1),
    'node p95': +quantile(node, 0.95).toFixed(1),
    'ratio of means': +(mean(ours) / mean(node)).toFixed(2),
  });
}
console.log('RSA key generation, ms per key (keysmith pure, single thread; node:crypto = OpenSSL)');
console.table(rows);
console.log(`load average at end ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);

// The second sieve's gain, free of key-to-key variance: the same seeded searches (same candidates, same
// draws, same primes) with the second sieve off (deepBound 0, the plain search) and on.
const pairRows: Record<string, string | number>[] = [];
for (const half of [1024, 1536, 2048]) {
  const seeds = quick ? 2 : half === 1024 ? 16 : half === 1536 ? 8 : 6;
  let off = 0;
  let on = 0;
  for (let s = 0; s < seeds; s++) {
    const run = (bound: number) => {
      const t = performance.now();
      const p = searchPrime(half, 65537n, mrRoundsFor(half), checkedRandom(seededRandom(`pair ${half} ${s}`)), { draws: 0, windows: 0 }, undefined, bound);
      return [performance.now() - t, p] as const;
    };
    // alternate which runs first
    let a: readonly [number, bigint | null];
    let b: readonly [number, bigint | null];
    if (s % 2) {
      a = run(0);
      b = run(deepSieveBound(half));
    } else {
      b = run(deepSieveBound(half));
      a = run(0);
    }
    if (a[1] !== b[1]) throw new Error('second sieve changed the prime found');
    off += a[0];
    on += b[0];
  }
  pairRows.push({ 'prime bits': half, seeds, 'deep bound': `2^${Math.log2(deepSieveBound(half))}`, 'plain ms/prime': +(off / seeds).toFixed(1), 'with 2nd sieve ms/prime': +(on / seeds).toFixed(1), 'on / off': +(on / off).toFixed(3) });
}
console.log('Second sieve on/off, same seeded searches');
console.table(pairRows);

// Why modPow reduces with `%`: the same sliding window with Montgomery (REDC: three full-width BigInt
// multiplications, masks and a shift; BigInt has no half-product) and Barrett reduction, for comparison.
function windowed(b: bigint, e: bigint, mul: (x: bigint, y: bigint) => bigint, one: bigint): bigint {
  const bits = e.toString(2);
  const k = bits.length > 671 ? 6 : 5;
  const table = [b];
  const b2 = mul(b, b);
  for (let i = 1; i < 1 << (k - 1); i++) table.push(mul(table[i - 1]!, b2));
  let r = one;
  for (let i = 0; i < bits.length; ) {
    if (bits[i] === '0') {
      r = mul(r, r);
      i++;
      continue;
    }
    let j = Math.min(i + k, bits.length);
    while (bits[j - 1] === '0') j--;
    for (let t = i; t < j; t++) r = mul(r, r);
    r = mul(r, table[(parseInt(bits.slice(i, j), 2) - 1) >> 1]!);
    i = j;
  }
  return r;
}
function montgomeryPow(b: bigint, e: bigint, m: bigint): bigint {
  const k = BigInt(m.toString(2).length);
  const mask = (1n << k) - 1n;
  let inv = 1n; // m^-1 mod 2^k by Newton iteration
  for (let i = 0; i < 12; i++) inv = (inv * (2n - m * inv)) & mask;
  const mPrime = (mask + 1n - inv) & mask;
  const redc = (t: bigint) => {
    const u = (t + (((t & mask) * mPrime) & mask) * m) >> k;
    return u >= m ? u - m : u;
  };
  const r = windowed(((b % m) << k) % m, e, (x, y) => redc(x * y), (1n << k) % m);
  return redc(r);
}
function barrettPow(b: bigint, e: bigint, m: bigint): bigint {
  const k = BigInt(m.toString(2).length);
  const mu = (1n << (2n * k)) / m;
  const reduce = (x: bigint) => {
    let r = x - (((x >> (k - 1n)) * mu) >> (k + 1n)) * m;
    while (r >= m) r -= m;
    return r;
  };
  return windowed(b % m, e, (x, y) => reduce(x * y), 1n);
}

const powRows: Record<string, string | number>[] = [];
let sink = 0n; // keeps the JIT from dropping unused BigInt results
for (const bits of [1024, 1536, 2048]) {
  const rand = () => BigInt('0x' + Buffer.from(systemRandom(bits / 8)).toString('hex')) | (1n << BigInt(bits - 1)) | 1n;
  const [m, e, b] = [rand(), rand(), rand()];
  const expected = modPow(b, e, m);
  if (montgomeryPow(b, e, m) !== expected || barrettPow(b, e, m) !== expected) throw new Error('modPow variants disagree');
  const x = b * e;
  const bench = new Bench({ time: 400, warmup: true });
  bench
    .add('modPow (% reduction, shipped)', () => void modPow(b, e, m))
    .add('Montgomery', () => void montgomeryPow(b, e, m))
    .add('Barrett', () => void barrettPow(b, e, m))
    .add('one multiply', () => {
      sink ^= b * e;
    })
    .add('one % of the product', () => {
      sink ^= x % m;
    });
  await bench.run();
  const ms = Object.fromEntries(bench.tasks.map((t) => [t.name, t.result.state === 'completed' ? t.result.latency.mean : NaN]));
  powRows.push({
    'modulus bits': bits,
    'modPow %, ms': +ms['modPow (% reduction, shipped)']!.toFixed(2),
    'Montgomery, ms': +ms['Montgomery']!.toFixed(2),
    'Barrett, ms': +ms['Barrett']!.toFixed(2),
    'mul, µs': +(ms['one multiply']! * 1000).toFixed(2),
    '%, µs': +(ms['one % of the product']! * 1000).toFixed(2),
  });
}
console.table(powRows);
if (sink === -1n) console.log(sink);
