import { KeysmithError, type AnyKey, type KeySpec, type Usage } from '../index.js';
import { WorkerKeyFactory, type KeySource } from './factory.js';
import { callbackOption, defaultThreads, integerIn, optionsObject, refuseThreadBound, signalOption, specAndUsage } from './options.js';

export interface BatchProgress {
  /** Keys delivered so far, this one included. */
  readonly done: number;
  readonly total: number;
}

export interface GenerateKeysOptions {
  /** Worker threads; defaults to `os.availableParallelism()`, never more than `count`. */
  readonly concurrency?: number;
  /** Defaults to the spec's default usage. */
  readonly usage?: Usage;
  /**
   * Receives each key the moment it lands, in landing order. A key passed here is the caller's from that
   * moment, even if the batch is later cancelled or fails. If it throws, the batch stops and
   * generateKeys rejects with what it threw.
   */
  readonly onProgress?: (key: AnyKey, progress: BatchProgress) => void;
  /** Aborting stops the workers (running generations are terminated) and rejects with `ABORTED`. */
  readonly signal?: AbortSignal;
}

/**
 * Generates `count` keys of one spec on worker threads, each with its pairwise consistency test, and
 * resolves with them in landing order. Every key is generated in a worker with the public API, leaves it
 * through exportKey (PKCS#8 DER, or raw for secret keys; the bytes are transferred, then zeroed) and is
 * imported here with importKey, which validates it and re-runs the PCT.
 *
 * Cancellation and failure: no key is delivered after the signal fires or a worker fails; every worker
 * thread is terminated before the promise settles. Keys already passed to `onProgress` stay the caller's;
 * keys made but never delivered (no `onProgress`) are destroyed. `random` and `provider` are UNSUPPORTED:
 * keys made on parallel threads cannot replay one seeded stream.
 */
export async function generateKeys(spec: string | KeySpec, count: number, options?: GenerateKeysOptions): Promise<AnyKey[]> {
  const o = optionsObject(options, 'generateKeys');
  const { spec: s, usage } = specAndUsage(spec, o.usage);
  const total = integerIn(count, 'count', 0);
  refuseThreadBound(o, 'generateKeys');
  const threads = Math.min(o.concurrency === undefined ? defaultThreads() : integerIn(o.concurrency, 'concurrency', 1, 1024), Math.max(total, 1));
  const onProgress = callbackOption<(key: AnyKey, progress: BatchProgress) => void>(o.onProgress, 'onProgress');
  const signal = signalOption(o.signal);

  if (signal?.aborted) throw new KeysmithError('ABORTED', 'generateKeys was cancelled before it started', { cause: signal.reason });
  if (total === 0) return [];
  return runBatch(new WorkerKeyFactory(s, usage, threads, { keepAlive: true }), total, threads, onProgress, signal);
}

/** @internal The batch loop over any key source; destroys the source before it settles. */
export async function runBatch(
  source: KeySource, total: number, threads: number,
  onProgress: ((key: AnyKey, progress: BatchProgress) => void) | undefined, signal: AbortSignal | undefined,
): Promise<AnyKey[]> {
  const stop = new AbortController();
  const keys: AnyKey[] = [];
  let failure: { error: unknown } | undefined;
  const halt = (error: unknown) => {
    failure ??= { error };
    stop.abort(signal?.reason);
  };
  const onAbort = () => halt(new KeysmithError('ABORTED', 'generateKeys was cancelled', { cause: signal!.reason }));
  signal?.addEventListener('abort', onAbort, { once: true });

  let started = 0;
  // Two lanes per thread: while the main thread imports one key, the worker is already making the next.
  const lane = async () => {
    while (started < total && failure === undefined) {
      started++;
      let key: AnyKey;
      try {
        key = await source.make(stop.signal);
      } catch (e) {
        halt(e);
        return;
      }
      if (failure !== undefined) {
        key.destroy();
        return;
      }
      keys.push(key);
      try {
        onProgress?.(key, { done: keys.length, total });
      } catch (e) {
        halt(e);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(total, threads * 2) }, lane));
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await source.destroy();
  }
  if (failure !== undefined) {
    if (!onProgress) for (const k of keys) k.destroy();
    throw failure.error;
  }
  return keys;
}
