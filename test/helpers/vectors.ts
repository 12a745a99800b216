import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
/** Third-party vectors live beside the work tree, never inside it (DEVELOPERS.md). */
export const SHARED_VECTORS = resolve(here, '../../../shared/vectors');
/** keysmith's own transcribed standard examples and golden outputs. */
export const OWN_VECTORS = resolve(here, '../../vectors');

export const sharedAvailable = existsSync(SHARED_VECTORS);

if (!sharedAvailable) {
  if (process.env.CI === 'true') {
    throw new Error(`CI=true but ${SHARED_VECTORS} is missing: third-party vector suites cannot be skipped in CI`);
  }
  console.warn(`\n*** NOTICE: ${SHARED_VECTORS} not found; third-party vector tests are SKIPPED ***\n`);
}

/** Reads a file under ../shared/vectors. Only call inside a suite guarded by `sharedAvailable`. */
export function sharedPath(rel: string): string {
  return join(SHARED_VECTORS, rel);
}

export function readShared(rel: string): Buffer {
  return readFileSync(sharedPath(rel));
}

export function readSharedJson<T = any>(rel: string): T {
  return JSON.parse(readShared(rel).toString('utf8')) as T;
}

export function readOwnJson<T = any>(rel: string): T {
  return JSON.parse(readFileSync(join(OWN_VECTORS, rel), 'utf8')) as T;
}

/** Asserts a vector's result category is one we know; an unknown category fails the test. */
export function knownResult(result: string, known: readonly string[] = ['valid', 'invalid', 'acceptable']): string {
  if (!known.includes(result)) throw new Error(`unknown result category ${JSON.stringify(result)}`);
  return result;
}
