// generateKey for every spec through the public API (pure provider, pairwise consistency test included)
// next to node:crypto making the same kind of key in the same run. Run: npm run bench
import { generateKeyPairSync, generateKeySync } from 'node:crypto';
import { Bench } from 'tinybench';
import '../src/index.js'; // installs the default (pure) provider
import { generateKey } from '../src/core/generate.js';
import { specs } from '../src/registry/specs.js';
import type { KeySpec } from '../src/model/spec.js';

/** node:crypto's equivalent of each spec's generation: the peer the ratio is taken against (none for ML-DSA / ML-KEM, which OpenSSL 3.0 lacks; bench/report.ts times those against @noble/post-quantum). */
function nodePeer(spec: KeySpec): (() => void) | undefined {
  if (spec.family === 'symmetric') {
    // node's 'aes' generator takes only 128/192/256 bits; an HMAC key of any length is a 'hmac' one
    const type = spec.algorithm === 'HMAC' ? 'hmac' : 'aes';
    return () => generateKeySync(type, { length: spec.keyBytes * 8 }).export();
  }
  if (spec.family === 'rsa') return () => generateKeyPairSync('rsa', { modulusLength: spec.bits, publicExponent: 65537 });
  if (spec.family === 'edwards') return () => generateKeyPairSync('ed25519');
  if (spec.family !== 'ec') return undefined;
  const namedCurve = spec.opensslCurve;
  return () => generateKeyPairSync('ec', { namedCurve });
}

const rows: Record<string, string | number>[] = [];
for (const spec of specs) {
  const peer = nodePeer(spec);
  if (!peer) continue;
  const slow = spec.family === 'rsa';
  const bench = slow
    ? new Bench({ iterations: spec.bits === 4096 ? 8 : spec.bits === 3072 ? 15 : 40, time: 0, warmupIterations: 1, warmupTime: 0 })
    : new Bench({ time: 1000, warmupTime: 100 });
  bench.add(`keysmith ${spec.name}`, async () => {
    (await generateKey(spec)).destroy();
  });
  bench.add(`node ${spec.name}`, peer);
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
