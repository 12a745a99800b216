import { Worker } from 'node:worker_threads';
import type { CliIO } from './io.js';

/*
 * Key generation runs on the main thread and blocks its event loop (RSA_4096 takes seconds), so a timer there
 * would never fire. The indicator runs in a worker thread that writes straight to the terminal's descriptor
 * and sleeps with Atomics.wait; the main thread stops it through shared memory, also without the event loop.
 * state[0]: stop requested; state[1]: worker finished (line cleared); state[2]: worker started.
 */
const WORKER = `
const { workerData } = require('node:worker_threads');
const { writeSync } = require('node:fs');
const { fd, label, delayMs, state: sab } = workerData;
const state = new Int32Array(sab);
Atomics.store(state, 2, 1);
const frames = '|/-\\\\';
const start = Date.now();
let shown = false;
try {
  if (Atomics.wait(state, 0, 0, delayMs) === 'timed-out') {
    for (let i = 0; Atomics.load(state, 0) === 0; i++) {
      writeSync(fd, '\\r' + frames[i % frames.length] + ' ' + label + ' ' + ((Date.now() - start) / 1000).toFixed(1) + 's');
      shown = true;
      Atomics.wait(state, 0, 0, 100);
    }
  }
  if (shown) writeSync(fd, '\\r\\x1b[K');
} finally {
  Atomics.store(state, 1, 1);
  Atomics.notify(state, 1);
}
`;

/**
 * Runs `work`, showing "label 1.2s" with a spinner on stderr when stderr is a terminal and the work takes
 * longer than the delay. Nothing is written when stderr is not a terminal.
 */
export async function withProgress<T>(io: CliIO, label: string, work: () => Promise<T>): Promise<T> {
  if (!io.stderr.isTTY || io.stderr.fd === undefined) return work();
  const sab = new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT);
  const state = new Int32Array(sab);
  const worker = new Worker(WORKER, { eval: true, workerData: { fd: io.stderr.fd, label, delayMs: io.progressDelayMs ?? 300, state: sab } });
  worker.unref();
  try {
    return await work();
  } finally {
    Atomics.store(state, 0, 1);
    Atomics.notify(state, 0);
    // a worker that had not started yet sees the stop flag first and writes nothing; one that has is waited for
    if (Atomics.load(state, 2) === 1) Atomics.wait(state, 1, 0, 2000);
    void worker.terminate();
  }
}
