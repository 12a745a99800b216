import { availableParallelism } from 'node:os';
import { KeysmithError, type KeySpec, type Usage } from '../index.js';
import { resolveSpecAndUsage } from '../registry/lookup.js';

function bad(message: string): never {
  throw new KeysmithError('INVALID_ARGUMENT', message);
}

export function optionsObject(o: unknown, what: string): Record<string, unknown> {
  if (o === undefined) return {};
  if (typeof o !== 'object' || o === null || Array.isArray(o)) bad(`${what} options must be an object`);
  return o as Record<string, unknown>;
}

/** Keys made on several threads cannot replay one random stream, and a provider object cannot cross threads. */
export function refuseThreadBound(o: Record<string, unknown>, what: string): void {
  if (o.random !== undefined) {
    throw new KeysmithError('UNSUPPORTED', `${what} does not take a random source: keys made on parallel workers cannot be reproducible; use generateKey with seededRandom`);
  }
  if (o.provider !== undefined) {
    throw new KeysmithError('UNSUPPORTED', `${what} runs the pure provider on worker threads and does not take a provider`);
  }
}

export function integerIn(v: unknown, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min || v > max) {
    bad(`${name} must be an integer from ${min} to ${max}`);
  }
  return v;
}

export function defaultThreads(): number {
  return availableParallelism();
}

/**
 * The spec and usage, checked before any thread starts (importKey would check them again, too late), by the
 * registry's one resolver: a cloud name that implies a usage (Tencent's `ASYMMETRIC_DECRYPT_*`) keeps it.
 */
export function specAndUsage(spec: unknown, usage: unknown): { spec: KeySpec; usage: Usage } {
  return resolveSpecAndUsage(spec as string, usage);
}

export function signalOption(v: unknown): AbortSignal | undefined {
  if (v === undefined) return undefined;
  if (!(v instanceof AbortSignal)) bad('signal must be an AbortSignal');
  return v;
}

export function callbackOption<F extends (...args: never[]) => unknown>(v: unknown, name: string): F | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'function') bad(`${name} must be a function`);
  return v as F;
}
