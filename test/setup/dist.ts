// keysmith/node and the root entry as built in dist/ (build-dist.ts builds it), typed from src/. Worker
// threads load dist/node/worker.js, and keys they hand back are dist Key objects, so these tests use the
// dist root entry (exportKey, spkiFingerprint) alongside it.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const dist = resolve(__dirname, '../../dist');

export const node = (await import(pathToFileURL(resolve(dist, 'node/index.js')).href)) as typeof import('../../src/node/index.js');
export const root = (await import(pathToFileURL(resolve(dist, 'index.js')).href)) as typeof import('../../src/index.js');

/** OS threads of this process (Linux), or undefined where /proc is absent. */
export function threadCount(): number | undefined {
  if (!existsSync('/proc/self/status')) return undefined;
  return Number(/^Threads:\s+(\d+)/m.exec(readFileSync('/proc/self/status', 'utf8'))![1]);
}

/** Polls until this process has no more threads than `baseline` (a terminated worker's thread exits asynchronously). */
export async function threadsBackTo(baseline: number, ms = 5000): Promise<number> {
  const end = Date.now() + ms;
  let n = threadCount()!;
  while (n > baseline && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 50));
    n = threadCount()!;
  }
  return n;
}
