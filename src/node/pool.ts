import { KeysmithError, type AnyKey, type KeySpec, type Usage } from '../index.js';
import { WorkerKeyFactory, type KeySource } from './factory.js';
import { defaultThreads, integerIn, optionsObject, refuseThreadBound, specAndUsage } from './options.js';

export interface KeyPoolOptions {
  readonly spec: string | KeySpec;
  /** Keys kept on hand. */
  readonly size: number;
  /** Defaults to the spec's default usage. */
  readonly usage?: Usage;
  /** Worker threads for refills; defaults to one fewer than the cores (at least one), leaving one for you. */
  readonly concurrency?: number;
}

export interface KeyPool {
  readonly spec: KeySpec;
  readonly usage: Usage;
  readonly size: number;
  /** Keys on hand now. */
  readonly available: number;
  /**
   * The next key, yours alone: resolves at once while keys are on hand, else when the next one lands.
   * If a refill failed since the last take(), this take() rejects with that error and refilling resumes.
   */
  take(): Promise<AnyKey>;
  /** Resolves when the pool has first held `size` keys; rejects if a refill fails first, or on close(). */
  ready(): Promise<void>;
  /** Stops refills (terminating the worker threads), destroys every key on hand, rejects pending take()s with ABORTED. */
  close(): Promise<void>;
}

interface Waiter<T> {
  resolve(v: T): void;
  reject(e: unknown): void;
}

function closedError(): KeysmithError {
  return new KeysmithError('ABORTED', 'the key pool is closed');
}

/**
 * A pool of pre-generated keys, refilled in the background on worker threads (the main thread only imports
 * each key: validation and the pairwise consistency test). Made for an emulator's CreateKey handler.
 */
export function createKeyPool(options: KeyPoolOptions): KeyPool {
  const o = optionsObject(options, 'createKeyPool');
  if (options === undefined) throw new KeysmithError('INVALID_ARGUMENT', 'createKeyPool needs { spec, size }');
  const { spec, usage } = specAndUsage(o.spec, o.usage);
  const size = integerIn(o.size, 'size', 1, 100_000);
  refuseThreadBound(o, 'createKeyPool');
  const threads = o.concurrency === undefined ? Math.max(1, defaultThreads() - 1) : integerIn(o.concurrency, 'concurrency', 1, 1024);
  return new BackgroundKeyPool(spec, usage, size, threads, new WorkerKeyFactory(spec, usage, threads, { keepAlive: false }));
}

/** @internal Exported for tests, which drive it with a scripted key source. */
export class BackgroundKeyPool implements KeyPool {
  readonly spec: KeySpec;
  readonly usage: Usage;
  readonly size: number;
  readonly #threads: number;
  readonly #factory: KeySource;
  readonly #stop = new AbortController();
  readonly #keys: AnyKey[] = [];
  readonly #takers: Waiter<AnyKey>[] = [];
  readonly #readyWaiters: Waiter<void>[] = [];
  #inflight = 0;
  #filled = false;
  #error: { error: unknown } | undefined;
  #closing: Promise<void> | undefined;

  constructor(spec: KeySpec, usage: Usage, size: number, threads: number, source: KeySource) {
    this.spec = spec;
    this.usage = usage;
    this.size = size;
    this.#threads = threads;
    this.#factory = source;
    this.#refill();
  }

  get available(): number {
    return this.#keys.length;
  }

  take(): Promise<AnyKey> {
    if (this.#closing) return Promise.reject(closedError());
    if (this.#error) {
      const { error } = this.#error;
      this.#error = undefined;
      this.#refill();
      return Promise.reject(error);
    }
    const key = this.#keys.shift();
    this.#refill();
    if (key) return Promise.resolve(key);
    return new Promise((resolve, reject) => {
      this.#takers.push({ resolve, reject });
      this.#refill();
    });
  }

  ready(): Promise<void> {
    if (this.#closing) return Promise.reject(closedError());
    if (this.#filled) return Promise.resolve();
    if (this.#error) return Promise.reject(this.#error.error);
    return new Promise((resolve, reject) => this.#readyWaiters.push({ resolve, reject }));
  }

  close(): Promise<void> {
    this.#closing ??= (async () => {
      this.#stop.abort(closedError());
      for (const w of this.#takers.splice(0)) w.reject(closedError());
      for (const w of this.#readyWaiters.splice(0)) w.reject(closedError());
      for (const k of this.#keys.splice(0)) k.destroy();
      await this.#factory.destroy();
    })();
    return this.#closing;
  }

  /** Starts generations until stock plus those in flight covers `size` and every waiting take(). */
  #refill(): void {
    while (
      !this.#closing && !this.#error && this.#inflight < this.#threads * 2 &&
      this.#keys.length + this.#inflight < this.size + this.#takers.length
    ) {
      this.#inflight++;
      this.#factory.make(this.#stop.signal).then((k) => this.#landed(k), (e) => this.#failed(e));
    }
  }

  #landed(key: AnyKey): void {
    this.#inflight--;
    if (this.#closing) {
      key.destroy();
      return;
    }
    const taker = this.#takers.shift();
    if (taker) taker.resolve(key);
    else this.#keys.push(key);
    if (!this.#filled && this.#keys.length >= this.size) {
      this.#filled = true;
      for (const w of this.#readyWaiters.splice(0)) w.resolve();
    }
    this.#refill();
  }

  #failed(error: unknown): void {
    this.#inflight--;
    if (this.#closing) return;
    // Waiting take()s are the "next take()": they get the error; otherwise it waits for the next call.
    const takers = this.#takers.splice(0);
    if (takers.length > 0) for (const w of takers) w.reject(error);
    else this.#error ??= { error };
    for (const w of this.#readyWaiters.splice(0)) w.reject(error);
    this.#refill();
  }
}
