// Does making and destroying keys leave the heap flat? Generates and destroys EC_P256 and RSA_2048 keys in a
// loop (public API, main thread) and prints heap figures after forced GC at checkpoints.
//   node --expose-gc --import tsx bench/memory.ts [--quick] [--only EC_P256|RSA_2048]
// (npm run bench:memory). Full: 20,000 EC_P256 keys and 200 RSA_2048 keys, after a warm-up.
import { parseArgs } from 'node:util';
import { getHeapSpaceStatistics } from 'node:v8';
import { generateKey } from '../src/index.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc (npm run bench:memory)');

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, only: { type: 'string' } } });
const quick = values.quick!;
const plans = [
  { spec: 'EC_P256', keys: quick ? 2000 : 20_000, warmup: quick ? 100 : 500, checkpoints: 4 },
  { spec: 'RSA_2048', keys: quick ? 20 : 200, warmup: quick ? 2 : 10, checkpoints: 4 },
].filter((p) => values.only === undefined || p.spec === values.only);

const MB = 2 ** 20;
function settledHeap(): { heapUsed: number; code: number; external: number; arrayBuffers: number; rss: number } {
  // Several passes: a destroyed key's handle and its WeakMap entry are freed over more than one cycle.
  for (let i = 0; i < 6; i++) gc!();
  const m = process.memoryUsage();
  // Code space is V8's compiled code and its metadata: it grows while the JIT optimises, not per key.
  const code = getHeapSpaceStatistics().filter((s) => s.space_name.startsWith('code')).reduce((a, s) => a + s.space_used_size, 0);
  return { heapUsed: m.heapUsed / MB, code: code / MB, external: m.external / MB, arrayBuffers: m.arrayBuffers / MB, rss: m.rss / MB };
}

const report: Array<Record<string, string | number>> = [];
for (const { spec, keys, warmup, checkpoints } of plans) {
  // Warm-up: JIT, noble's lazily built precomputation tables, the small-prime tables.
  for (let i = 0; i < warmup; i++) (await generateKey(spec)).destroy();
  const base = settledHeap();
  report.push({ spec, keys: 0, 'heapUsed MB': +base.heapUsed.toFixed(2), 'Δ heap MB': 0, 'Δ code space MB': 0, 'external MB': +base.external.toFixed(2), 'rss MB': +base.rss.toFixed(1) });
  const t0 = performance.now();
  for (let c = 1; c <= checkpoints; c++) {
    for (let i = 0; i < keys / checkpoints; i++) (await generateKey(spec)).destroy();
    const m = settledHeap();
    report.push({
      spec, keys: (keys / checkpoints) * c, 'heapUsed MB': +m.heapUsed.toFixed(2), 'Δ heap MB': +(m.heapUsed - base.heapUsed).toFixed(2),
      'Δ code space MB': +(m.code - base.code).toFixed(2),
      'external MB': +m.external.toFixed(2), 'rss MB': +m.rss.toFixed(1),
    });
    console.error(`${spec}: ${(keys / checkpoints) * c} keys, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }
}
console.table(report);
