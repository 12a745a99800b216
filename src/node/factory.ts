import { Tinypool } from 'tinypool';
import { KeysmithError, type AnyKey, type ErrorCode, type KeySpec, type Usage } from '../index.js';
import { unpackKey } from './transfer.js';
import type { WorkerFailure, WorkerTask } from './worker.js';

// The worker is this file's built sibling: dist/node/worker.js. Tests run against dist/ for that reason.
const WORKER = new URL('./worker.js', import.meta.url);

/** Where batches and pools get keys: one at a time, cancellable, then torn down. */
export interface KeySource {
  make(signal: AbortSignal): Promise<AnyKey>;
  destroy(): Promise<void>;
}

/**
 * Worker threads that make keys of one spec and usage, and the main-thread half that imports each one.
 * Shared by generateKeys (one batch) and createKeyPool (long-lived refills).
 */
export class WorkerKeyFactory implements KeySource {
  readonly #pool: Tinypool;
  readonly #spec: KeySpec;
  readonly #task: WorkerTask;

  constructor(spec: KeySpec, usage: Usage, threads: number, options: { keepAlive: boolean }) {
    this.#spec = spec;
    this.#task = { spec: spec.name, usage };
    this.#pool = new Tinypool({
      filename: WORKER.href,
      // A batch keeps its threads for its whole run; a key pool lets idle threads go after a second.
      minThreads: options.keepAlive ? threads : 0,
      maxThreads: threads,
      idleTimeout: options.keepAlive ? 0 : 1000,
    });
  }

  /**
   * One key: generated (with its PCT) in a worker, transferred as bytes, imported here. Aborting `signal`
   * terminates the worker thread running it. Every failure is a KeysmithError.
   */
  async make(signal: AbortSignal): Promise<AnyKey> {
    let result: Uint8Array | WorkerFailure;
    try {
      result = (await this.#pool.run(this.#task, { signal })) as Uint8Array | WorkerFailure;
    } catch (e) {
      if (signal.aborted) throw new KeysmithError('ABORTED', 'key generation was cancelled', { cause: signal.reason });
      throw new KeysmithError('PROVIDER_ERROR', 'key-generation worker failed', { cause: e });
    }
    if (!(result instanceof Uint8Array)) throw new KeysmithError(result.code as ErrorCode, result.message);
    const key = await unpackKey(this.#spec, this.#task.usage, result);
    if (signal.aborted) {
      key.destroy();
      throw new KeysmithError('ABORTED', 'key generation was cancelled', { cause: signal.reason });
    }
    return key;
  }

  /** Terminates every worker thread; resolves once they have exited. */
  destroy(): Promise<void> {
    return this.#pool.destroy();
  }
}
