// generateKey for every spec through the public API (pure provider, pairwise consistency test included)
// next to node:crypto making the same kind of key in the same run. Run: npm run bench
import { generateKeyPairSync, generateKeySync } from 'node:crypto';
import { Bench } from 'tinybench';
import '../src/index.js'; // installs the default (pure) provider
import { generateKey } from '../src/core/generate.js';
import { specs } from '../src/registry/specs.js';
import type { KeySpec } from '../src/model/spec.js';

/** node:crypto's equivalent of each spec's generation: the peer the ratio is taken against. */
function nodePeer(spec: KeySpec): () => void {
  if (spec.family === 'symmetric') return () => generateKeySync('aes', { length: spec.keyBytes * 8 }).export();
  if (spec.family === 'rsa') return () => generateKeyPairSync('rsa', { modulusLength: spec.bits, publicExponent: 65537 });
  if (spec.family === 'edwards') return () => generateKeyPairSync('ed25519');
  if (spec.family !== 'ec') return () => undefined; // OpenSSL 3.0 has no ML-DSA / ML-KEM: no peer to time
  const namedCurve = spec.opensslCurve;
  return () => generateKeyPairSync('ec', { namedCurve });
}

const rows: Record<string, string | number>[] = [];
for (const spec of specs) {
  const slow = spec.family === 'rsa';
  const bench = slow
    ? new Bench({ iterations: spec.bits === 4096 ? 8 : spec.bits === 3072 ? 15 : 40, time: 0, warmupIterations: 1, warmupTime: 0 })
    : new Bench({ time: 1000, warmupTime: 100 });
  bench.add(`keysmith ${spec.name}`, async () => {
    (await generateKey(spec)).destroy();
  });
  bench.add(`node ${spec.name}`, nodePeer(spec));
  await bench.run();
  const [ours, node] = bench.tasks.map((t) => {
    if (t.result.state !== 'completed') throw new Error(`${t.name}: ${t.result.state}`);
    return t.result.latency;
  });
  rows.push({
    spec: spec.name,
    'keysmith mean ms': +ours!.mean.toFixed(3),
    'node mean ms': +node!.mean.toFixed(3),
    'ratio keysmith/node': +(ours!.mean / node!.mean).toFixed(2),
    samples: ours!.samplesCount,
  });
}
console.table(rows);
