import { fail, KeysmithError, type ErrorCode } from '../errors.js';
import type { KeyMaterialProvider } from '../provider/types.js';
import { pureProvider } from '../provider/pure/provider.js';
import { checkedRandom, systemRandom, type RandomSource } from '../random.js';

const PROVIDER_METHODS = [
  'generateSecret', 'generateKeyPair', 'exportComponents', 'importComponents',
  'sign', 'verify', 'encrypt', 'decrypt', 'destroy',
] as const;

export function resolveProvider(p: unknown): KeyMaterialProvider {
  if (p === undefined) return pureProvider;
  const ok = typeof p === 'object' && p !== null && PROVIDER_METHODS.every((m) => typeof (p as Record<string, unknown>)[m] === 'function');
  if (!ok) fail('INVALID_ARGUMENT', 'provider does not implement KeyMaterialProvider');
  return p as KeyMaterialProvider;
}

export function resolveRandom(r: unknown): RandomSource {
  return r === undefined ? systemRandom : checkedRandom(r as RandomSource);
}

export function optionsObject<T extends object>(o: unknown, what: string): Partial<T> {
  if (o === undefined) return {};
  if (typeof o !== 'object' || o === null || Array.isArray(o)) fail('INVALID_ARGUMENT', `${what} options must be an object`);
  return o as Partial<T>;
}

/** Runs a provider call; an error the provider did not classify becomes `code` with the original as cause. */
export async function callProvider<T>(provider: KeyMaterialProvider, what: string, fn: () => Promise<T>, code: ErrorCode = 'PROVIDER_ERROR'): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof KeysmithError) throw e;
    throw new KeysmithError(code, `${provider.name} provider: ${what} failed`, { cause: e });
  }
}
