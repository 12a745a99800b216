// EC keygen with its pairwise consistency test (pure provider, through generateKey) next to OpenSSL via
// node:crypto doing the same work — generateKeyPair + sign + verify — interleaved in one run (tinybench
// alternates the tasks' sample batches). Also: cold start (first key after import, fixed-base table
// built lazily) and the table's heap size. Run: node --expose-gc --import tsx bench/ec-keygen.bench.ts
import { generateKeyPairSync, sign, verify, randomBytes } from 'node:crypto';
import { Bench } from 'tinybench';
import { generateKey } from '../src/core/generate.js';
import { getSpec } from '../src/registry/lookup.js';
import type { EcSpec } from '../src/model/spec.js';
import { curveMultiplier } from '../src/ec/scalar-mult.js';

const names = process.argv.slice(2).length ? process.argv.slice(2) : ['EC_P256', 'EC_P384', 'EC_P256K', 'SM2'];
const gc = (globalThis as { gc?: () => void }).gc;
const heap = () => {
  gc?.();
  return process.memoryUsage().heapUsed;
};

function opensslPeer(spec: EcSpec): () => void {
  const hash = spec.signature === 'ECDSA_SHA_384' ? 'sha384' : spec.signature === 'SM2DSA' ? null : 'sha256';
  return () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: spec.opensslCurve });
    const msg = randomBytes(32);
    const sig = sign(hash, msg, privateKey);
    if (!verify(hash, msg, publicKey, sig)) throw new Error('OpenSSL PCT failed');
  };
}

const rows: Record<string, string | number>[] = [];
for (const name of names) {
  const spec = getSpec(name) as EcSpec;
  const before = heap();
  let t = performance.now();
  (await generateKey(spec)).destroy(); // first key for this curve: builds the G table
  const cold = performance.now() - t;
  const tableBytes = heap() - before;
  t = performance.now();
  (await generateKey(spec)).destroy();
  const second = performance.now() - t;

  const bench = new Bench({ time: 3000, warmupTime: 300 });
  bench.add(`keysmith ${name}`, async () => (await generateKey(spec)).destroy());
  bench.add(`openssl ${name}`, opensslPeer(spec));
  await bench.run();
  const [ours, ossl] = bench.tasks.map((x) => {
    if (x.result.state !== 'completed') throw new Error(`${x.name}: ${x.result.state}`);
    return x.result;
  });
  rows.push({
    spec: name,
    'keysmith keys/s': +ours!.throughput.mean.toFixed(0),
    'openssl g+s+v /s': +ossl!.throughput.mean.toFixed(0),
    'ratio (keysmith/openssl throughput)': +(ours!.throughput.mean / ossl!.throughput.mean).toFixed(3),
    'cold first key ms': +cold.toFixed(1),
    'second key ms': +second.toFixed(2),
    'G table points': curveMultiplier(spec.curve).warm(),
    'G table heap KiB': gc ? Math.round(tableBytes / 1024) : 'run with --expose-gc',
  });
}
console.table(rows);
