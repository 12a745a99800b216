/**
 * The long fuzzing campaign (issue 6): `npm run fuzz -- --runs 100000 [--seed N] [--max-ms 5000]`.
 * Same harness and properties as test/fuzz.test.ts, with many more inputs, split across the targets in
 * proportion to their in-suite weights. Prints inputs, time, outcome counts and the slowest input per target;
 * exits 1 on the first failure, with fast-check's seed and path to replay it.
 */
import fc from 'fast-check';
import { buildCorpus, DEFAULT_SEED, properties, slowest, type Target } from '../test/helpers/fuzz.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(process.argv[i + 1]);
  if (!Number.isFinite(v) || v < 0) throw new Error(`--${name} takes a number`);
  return v;
}

const runs = arg('runs', 10_000);
const seed = arg('seed', DEFAULT_SEED);
const maxMs = arg('max-ms', 5_000);
/** `--only TARGET --path P` replays one failing input (fast-check's path, printed on failure). */
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const path = process.argv.includes('--path') ? process.argv[process.argv.indexOf('--path') + 1] : undefined;
const WEIGHTS: Record<Target, number> = { importKey: 0.5, importDetected: 0.08, unwrapKey: 0.2, openEncryptedKeyMaterial: 0.07, fromCreateKey: 0.15 };

const t0 = performance.now();
const corpus = await buildCorpus();
process.stdout.write(`corpus: ${corpus.imports.length} encodings, ${corpus.unwraps.length} wrapped blobs, ${corpus.opens.length} import-flow blobs, ${corpus.windows.size} secret windows (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
const props = properties(corpus, maxMs);
let total = 0;
let failed = false;
for (const target of Object.keys(WEIGHTS) as Target[]) {
  if (only !== undefined && target !== only) continue;
  const n = Math.max(1, Math.round(runs * WEIGHTS[target]));
  const t = performance.now();
  Object.assign(slowest, { ms: 0, what: '' });
  const result = await fc.check(props[target], { seed, numRuns: n, endOnFailure: true, ...(path ? { path } : {}) });
  const s = (performance.now() - t) / 1000;
  total += result.numRuns;
  process.stdout.write(`${target.padEnd(26)} ${String(result.numRuns).padStart(7)} inputs  ${s.toFixed(1).padStart(7)} s  ${result.failed ? 'FAILED' : 'ok'}  slowest ${slowest.ms.toFixed(0)} ms (${slowest.what})\n`);
  if (result.failed) {
    failed = true;
    const err = result.errorInstance;
    process.stdout.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    const report = fc.defaultReportMessage(result) ?? '';
    // counterexamples can be megabytes (huge-length mutations): the seed and path replay them in full
    process.stdout.write(`${report.length > 4000 ? `${report.slice(0, 4000)}… (${report.length} characters)` : report}\n`);
  }
}
process.stdout.write(`total: ${total} inputs in ${((performance.now() - t0) / 1000).toFixed(1)} s, seed ${seed}\n`);
process.exit(failed ? 1 : 0);
