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
  let ok: boolean;
  try {
    ok = typeof p === 'object' && p !== null && PROVIDER_METHODS.every((m) => typeof (p as Record<string, unknown>)[m] === 'function');
  } catch (e) {
    return fail('INVALID_ARGUMENT', 'provider could not be read', e);
  }
  if (!ok) fail('INVALID_ARGUMENT', 'provider does not implement KeyMaterialProvider');
  return p as KeyMaterialProvider;
}

export function resolveRandom(r: unknown): RandomSource {
  return r === undefined ? systemRandom : checkedRandom(r as RandomSource);
}

/** More option names than any keysmith function takes, by far: a bound before walking a caller's object. */
const MAX_OPTION_KEYS = 64;

/**
 * A caller's options as a plain snapshot: each own enumerable member read once, inside a try, so a
 * throwing getter or a Proxy trap is INVALID_ARGUMENT instead of a raw error, later reads cannot see a
 * different value, and a polluted Object.prototype cannot supply an option.
 */
export function optionsObject<T extends object>(o: unknown, what: string): Partial<T> {
  if (o === undefined) return {};
  if (typeof o !== 'object' || o === null) fail('INVALID_ARGUMENT', `${what} options must be an object`);
  const out: Record<string, unknown> = {};
  try {
    if (Array.isArray(o)) fail('INVALID_ARGUMENT', `${what} options must be an object`);
    const keys = Object.keys(o);
    if (keys.length > MAX_OPTION_KEYS) fail('INVALID_ARGUMENT', `${what} options: ${keys.length} members is more than any function takes`);
    for (const k of keys) {
      if (k === '__proto__') continue;
      out[k] = (o as Record<string, unknown>)[k];
    }
  } catch (e) {
    if (e instanceof KeysmithError) throw e;
    fail('INVALID_ARGUMENT', `${what} options could not be read`, e);
  }
  return out as Partial<T>;
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
