import { generateKeyPairSync } from 'node:crypto';
import { Bench } from 'tinybench';
import { generateRsaPrivate } from '../src/rsa/keygen.js';
import { systemRandom } from '../src/random.js';
import { modPow } from '../src/rsa/math.js';

// Key generation time varies a lot from key to key (prime gaps are random), so the sample counts below
// are a compromise between a stable mean and a run of a few minutes on 2 cores.
const plan = [
  { bits: 2048, iterations: 50 },
  { bits: 3072, iterations: 20 },
  { bits: 4096, iterations: 10 },
];

const rows: Record<string, string | number>[] = [];
for (const { bits, iterations } of plan) {
  const bench = new Bench({ iterations, time: 0, warmup: true, warmupIterations: 1, warmupTime: 0 });
  bench
    .add(`keysmith RSA-${bits}`, () => {
      generateRsaPrivate(bits, 65537n, systemRandom);
    })
    .add(`node RSA-${bits}`, () => {
      generateKeyPairSync('rsa', { modulusLength: bits, publicExponent: 65537 });
    });
  await bench.run();
  const [ours, node] = bench.tasks.map((t) => {
    const r = t.result;
    if (r.state !== 'completed') throw new Error(`${t.name}: ${r.state}`);
    return r.latency;
  });
  rows.push({
    bits,
    samples: ours!.samplesCount,
    'keysmith mean ms': +ours!.mean.toFixed(1),
    'keysmith p50 ms': +ours!.p50!.toFixed(1),
    'keysmith max ms': +ours!.max.toFixed(1),
    'node mean ms': +node!.mean.toFixed(1),
    'node p50 ms': +node!.p50!.toFixed(1),
    'ratio keysmith/node': +(ours!.mean / node!.mean).toFixed(2),
  });
}
console.table(rows);

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
