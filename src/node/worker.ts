// Runs in a worker thread (tinypool loads this file's default export). It uses only the public API.
import { Tinypool } from 'tinypool';
import { generateKey, getSpec, isKeysmithError, type Usage } from '../index.js';
import { packKey } from './transfer.js';

export interface WorkerTask {
  readonly spec: string;
  readonly usage: Usage;
}

/** A failure crosses the thread boundary as plain data: structured clone would drop KeysmithError's code. */
export interface WorkerFailure {
  readonly code: string;
  readonly message: string;
}

/** Makes one key and hands it back as transferred bytes, or a failure record. */
export default async function makeKey(task: WorkerTask): Promise<Uint8Array | WorkerFailure> {
  try {
    const spec = getSpec(task.spec);
    const key = await generateKey(spec, { usage: task.usage });
    return Tinypool.move(await packKey(spec, key)) as Uint8Array;
  } catch (e) {
    if (isKeysmithError(e)) return { code: e.code, message: e.message };
    return { code: 'PROVIDER_ERROR', message: `worker: ${e instanceof Error ? e.name : 'non-error'} thrown` };
  }
}
