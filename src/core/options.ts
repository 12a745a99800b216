import { fail, KeysmithError, type ErrorCode } from '../errors.js';
import type { KeySpec, Usage } from '../model/spec.js';
import { operationApplies, type Operation } from '../model/operations.js';
import type { AlgorithmName, KeyMaterialProvider } from '../provider/types.js';
import { checkedRandom, systemRandom, type RandomSource } from '../random.js';
import { defaultProvider } from './defaults.js';

const PROVIDER_METHODS = [
  'supports', 'generateSecret', 'generateKeyPair', 'exportPublic', 'exportPrivate', 'importComponents',
  'sign', 'verify', 'encrypt', 'decrypt', 'release',
] as const;
const OPTIONAL_METHODS = ['canWrap', 'wrap', 'unwrap', 'keyCheckValue', 'deleteKey', 'close'] as const;

/** The provider a call uses: the caller's (checked to implement KeyMaterialProvider) or the installed default. */
export function resolveProvider(p: unknown): KeyMaterialProvider {
  if (p === undefined) return defaultProvider();
  const o = p as Record<string, unknown>;
  let ok: boolean;
  try {
    ok =
      typeof p === 'object' && p !== null &&
      typeof o.name === 'string' && typeof o.honoursRandom === 'boolean' && typeof o.extractableByDefault === 'boolean' &&
      PROVIDER_METHODS.every((m) => typeof o[m] === 'function') &&
      OPTIONAL_METHODS.every((m) => o[m] === undefined || typeof o[m] === 'function');
  } catch (e) {
    return fail('INVALID_ARGUMENT', 'provider could not be read', e);
  }
  if (!ok) fail('INVALID_ARGUMENT', 'provider does not implement KeyMaterialProvider');
  return p as KeyMaterialProvider;
}

export function resolveRandom(r: unknown): RandomSource {
  return r === undefined ? systemRandom : checkedRandom(r as RandomSource);
}

/**
 * The random source for a call on `provider`: the caller's (health-checked) or the system CSPRNG. A caller's
 * source given to a provider that does not honour it is UNSUPPORTED, never a silently unseeded key.
 */
export function randomFor(provider: KeyMaterialProvider, r: unknown): RandomSource {
  const random = resolveRandom(r);
  if (r !== undefined && !provider.honoursRandom) {
    fail('UNSUPPORTED', `${provider.name} provider does not honour an injected random source (random / seededRandom): its keys come from its own generator`);
  }
  return random;
}

/**
 * Fails fast, before the provider is called: UNSUPPORTED when keysmith does not define `operation` for the
 * spec and usage, or when the provider says it cannot do it (naming the provider and the missing capability).
 */
export function requireSupport(provider: KeyMaterialProvider, spec: KeySpec, usage: Usage, operation: Operation, algorithm?: AlgorithmName): void {
  const what = `${operation}${algorithm ? ` with ${algorithm}` : ''}`;
  if (!operationApplies(spec, usage, operation)) fail('UNSUPPORTED', `${what} does not apply to ${spec.name} ${usage} keys`);
  let ok: boolean;
  try {
    ok = provider.supports(spec, usage, operation, algorithm) === true;
  } catch (e) {
    throw new KeysmithError('PROVIDER_ERROR', `${provider.name} provider: supports() failed`, { cause: e });
  }
  if (!ok) fail('UNSUPPORTED', `${provider.name} provider does not support ${what} for ${spec.name} ${usage} keys`);
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
