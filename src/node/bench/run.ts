import { Bench } from 'tinybench';
import { generateKey, getSpec, isKeysmithError, specs, type KeyMaterialProvider, type KeySpec, type Usage } from '../../index.js';
import { describeMachine, finishMachine, type Machine } from './machine.js';
import { peersFor, type Peer } from './peers.js';
import { nodeCryptoProvider } from '../../provider/node/provider.js';

/** One keysmith backend. The integrator extends PROVIDERS as providers land (node, WebCrypto). */
export interface BenchProvider {
  readonly name: string;
  /** undefined: generateKey's default (the pure provider). */
  readonly provider: KeyMaterialProvider | undefined;
}

export const PROVIDERS: readonly BenchProvider[] = [
  { name: 'pure', provider: undefined },
  { name: 'node', provider: nodeCryptoProvider() },
];

export interface BenchRow {
  readonly spec: string;
  /** `keysmith <provider>` or a peer's name. */
  readonly backend: string;
  readonly keysmith: boolean;
  readonly work: string;
  readonly samples: number;
  readonly meanMs: number;
  readonly medianMs: number;
  readonly p95Ms: number;
  readonly perSecond: number;
  /** meanMs ÷ the reference's meanMs in the same run (OpenSSL; getRandomValues for secret keys). */
  readonly ratio: number;
  readonly reference: string;
}

export interface BenchOptions {
  /** Spec names (any of their names); defaults to every spec in the registry. */
  readonly specs?: readonly string[];
  /** A few samples per task: a smoke run, not figures to quote. */
  readonly quick?: boolean;
  readonly providers?: readonly BenchProvider[];
  /** Called after each spec, e.g. to print progress. */
  readonly onSpec?: (spec: string, rows: readonly BenchRow[]) => void;
}

export interface BenchResult {
  readonly machine: Machine;
  readonly quick: boolean;
  readonly startedAt: string;
  readonly rows: BenchRow[];
  /** Providers that refused a spec (UNSUPPORTED), left out of the rows. */
  readonly skipped: Array<{ spec: string; backend: string; reason: string }>;
}

/**
 * RSA time per key is geometric in the number of prime candidates, so it needs many samples for a stable
 * mean; pure-JS RSA peers are 10–50× slower and get fewer. Everything else runs on a time budget.
 */
function plan(spec: KeySpec, quick: boolean, slowPeer: boolean): ConstructorParameters<typeof Bench>[0] {
  if (spec.family === 'rsa') {
    const [full, slow] = spec.bits <= 2048 ? [40, 5] : spec.bits <= 3072 ? [16, 2] : [8, 1];
    const n = quick ? (slowPeer ? 1 : 3) : slowPeer ? slow : full;
    return { iterations: n, time: 0, warmupIterations: quick || slowPeer ? 0 : 1, warmupTime: 0, retainSamples: true };
  }
  return quick
    ? { iterations: 5, time: 150, warmupIterations: 2, warmupTime: 20, retainSamples: true }
    : { iterations: 20, time: 1500, warmupIterations: 5, warmupTime: 150, retainSamples: true };
}

function percentile(sorted: ArrayLike<number>, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

async function measure(spec: KeySpec, name: string, fn: () => unknown, options: ConstructorParameters<typeof Bench>[0]) {
  const bench = new Bench({ ...options, throws: true });
  bench.add(name, fn);
  await bench.run();
  const r = bench.tasks[0]!.result;
  if (r.state !== 'completed') throw new Error(`${spec.name} ${name}: ${r.state}`);
  const l = r.latency;
  return { samples: l.samplesCount, meanMs: l.mean, medianMs: l.p50, p95Ms: percentile(l.samples!, 0.95) };
}

/** What the pairwise consistency test of a new key pair does, by its usage (src/core/pct.ts); the bench uses the default usage. */
const PCT_WORK: Readonly<Record<Usage, string>> = {
  SIGN_VERIFY: 'sign + verify',
  ENCRYPT_DECRYPT: 'encrypt + decrypt',
  KEY_AGREEMENT: 'recompute Q from d',
  ENCAPSULATE_DECAPSULATE: 'encapsulate + decapsulate',
  GENERATE_VERIFY_MAC: 'none',
};

/** Runs keysmith (every provider) and the peers for each spec; rows carry ratios to the reference peer. */
export async function runBench(options: BenchOptions = {}): Promise<BenchResult> {
  const quick = options.quick ?? false;
  const chosen = options.specs ? options.specs.map((s) => getSpec(s)) : [...specs];
  const providers = options.providers ?? PROVIDERS;
  const machine = describeMachine();
  const result: BenchResult = { machine, quick, startedAt: new Date().toISOString(), rows: [], skipped: [] };

  for (const spec of chosen) {
    const measured: Array<{ backend: string; keysmith: boolean; work: string; m: Awaited<ReturnType<typeof measure>> }> = [];
    const peers: Peer[] = await peersFor(spec);
    const work = spec.family === 'symmetric' ? 'generateKey' : `generateKey (with PCT: ${PCT_WORK[spec.defaultUsage]})`;
    for (const p of providers) {
      const backend = `keysmith ${p.name}`;
      try {
        (await generateKey(spec, { provider: p.provider })).destroy();
      } catch (e) {
        if (!isKeysmithError(e, 'UNSUPPORTED')) throw e;
        result.skipped.push({ spec: spec.name, backend, reason: e.message });
        continue;
      }
      const m = await measure(spec, backend, async () => (await generateKey(spec, { provider: p.provider })).destroy(), plan(spec, quick, false));
      measured.push({ backend, keysmith: true, work, m });
    }
    for (const peer of peers) {
      const slow = spec.family === 'rsa' && !peer.reference;
      measured.push({ backend: peer.name, keysmith: false, work: peer.work, m: await measure(spec, peer.name, peer.run, plan(spec, quick, slow)) });
    }
    const ref = peers.find((p) => p.reference)!;
    const refMean = measured.find((x) => x.backend === ref.name)!.m.meanMs;
    const rows = measured.map(({ backend, keysmith, work: w, m }) => ({
      spec: spec.name, backend, keysmith, work: w, ...m, perSecond: 1000 / m.meanMs, ratio: m.meanMs / refMean, reference: ref.name,
    }));
    result.rows.push(...rows);
    options.onSpec?.(spec.name, rows);
  }
  finishMachine(machine);
  return result;
}
