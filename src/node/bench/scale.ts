// Scale figures: batch throughput by worker count, the main thread's share of each batched key (import with
// validation and PCT), and how long a pool's take() takes while the pool has keys.
import { generateKey, getSpec, exportKey, importKey, type AnyKey } from '../../index.js';
import { generateKeys } from '../batch.js';
import { createKeyPool } from '../pool.js';
import { transferFormat } from '../transfer.js';

export interface ThroughputRow {
  readonly spec: string;
  readonly concurrency: number;
  readonly keys: number;
  readonly seconds: number;
  readonly perSecond: number;
  /**
   * CPU time the whole process (main thread and workers) got, per wall second. On a shared machine the
   * scheduler may cap a process's share (Linux autogroup: one share per session), and then more workers
   * cannot raise throughput; this column shows when that happened.
   */
  readonly coresUsed: number;
}

export interface ScaleResult {
  readonly throughput: ThroughputRow[];
  /** keys/s with `concurrency` workers ÷ keys/s with one, per spec. */
  readonly speedup: Array<{ spec: string; concurrency: number; speedup: number }>;
  /** Main-thread cost per batched key: importKey of the transferred bytes (validation + PCT). */
  readonly importMs: Array<{ spec: string; medianMs: number }>;
  readonly take: Array<{ spec: string; size: number; takes: number; medianMs: number; p95Ms: number; maxMs: number }>;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)]!; };

async function timedBatch(spec: string, count: number, concurrency: number): Promise<{ wall: number; cpu: number }> {
  const t = performance.now();
  const c = process.cpuUsage();
  const keys = await generateKeys(spec, count, { concurrency });
  const wall = (performance.now() - t) / 1000;
  const used = process.cpuUsage(c);
  for (const k of keys) k.destroy();
  return { wall, cpu: (used.user + used.system) / 1e6 };
}

export async function runScale(options: { quick?: boolean; concurrency?: number } = {}): Promise<ScaleResult> {
  const quick = options.quick ?? false;
  const top = options.concurrency ?? 2;
  const result: ScaleResult = { throughput: [], speedup: [], importMs: [], take: [] };

  // RSA time per key is geometric, so each setting gets several rounds, alternated (1, n, 1, n, …) so that a
  // change in machine load hits both settings alike. Worker start-up is inside the timing, as a caller sees it.
  const plan = [{ spec: 'RSA_2048', count: quick ? 4 : 16, rounds: quick ? 1 : 3 }, { spec: 'EC_P256', count: quick ? 40 : 400, rounds: quick ? 1 : 2 }];
  for (const { spec, count, rounds } of plan) {
    const secs = new Map<number, number>([[1, 0], [top, 0]]);
    const cpu = new Map<number, number>([[1, 0], [top, 0]]);
    for (let r = 0; r < rounds; r++) {
      for (const c of [1, top]) {
        const t = await timedBatch(spec, count, c);
        secs.set(c, secs.get(c)! + t.wall);
        cpu.set(c, cpu.get(c)! + t.cpu);
      }
    }
    for (const c of [1, top]) {
      const keys = count * rounds;
      result.throughput.push({ spec, concurrency: c, keys, seconds: secs.get(c)!, perSecond: keys / secs.get(c)!, coresUsed: cpu.get(c)! / secs.get(c)! });
    }
    result.speedup.push({ spec, concurrency: top, speedup: secs.get(1)! / secs.get(top)! });

    const s = getSpec(spec);
    const key = await generateKey(s);
    const bytes = (await exportKey(key, transferFormat(s))) as Uint8Array;
    const times: number[] = [];
    for (let i = 0; i < (quick ? 3 : 15); i++) {
      const t = performance.now();
      (await importKey(s, bytes, transferFormat(s))).destroy();
      times.push(performance.now() - t);
    }
    bytes.fill(0);
    key.destroy();
    result.importMs.push({ spec, medianMs: median(times) });
  }

  for (const { spec, size } of [{ spec: 'EC_P256', size: quick ? 8 : 64 }, { spec: 'RSA_2048', size: quick ? 2 : 8 }]) {
    const pool = createKeyPool({ spec, size });
    try {
      await pool.ready();
      const times: number[] = [];
      const taken: AnyKey[] = [];
      // Takes only while the pool has keys: that is the promise being measured.
      while (pool.available > 0) {
        const t = performance.now();
        taken.push(await pool.take());
        times.push(performance.now() - t);
      }
      for (const k of taken) k.destroy();
      result.take.push({ spec, size, takes: times.length, medianMs: median(times), p95Ms: p95(times), maxMs: Math.max(...times) });
    } finally {
      await pool.close();
    }
  }
  return result;
}
