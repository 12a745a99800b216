import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { fail } from '../errors.js';
import { CKR } from './constants.js';

/** The part of pkcs11js keysmith uses (pkcs11js 2.1.7 index.d.ts). */
export type Pkcs11Module = typeof import('pkcs11js');
export type PKCS11 = InstanceType<Pkcs11Module['PKCS11']>;

let loaded: Pkcs11Module | undefined;

/** pkcs11js, loaded on first use: the native addon is an optional dependency, built by node-gyp on install. */
export function pkcs11js(): Pkcs11Module {
  if (loaded) return loaded;
  try {
    loaded = createRequire(import.meta.url)('pkcs11js') as Pkcs11Module;
  } catch (e) {
    fail('PROVIDER_ERROR', 'keysmith/pkcs11 needs the optional dependency pkcs11js (a native addon built with node-gyp); it is not installed or did not build', e);
  }
  return loaded;
}

/** The PKCS #11 return value of a pkcs11js error, if it is one. */
export function ckr(e: unknown): number | undefined {
  return typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'number' && (e as Error).name === 'Pkcs11Error' ? (e as { code: number }).code : undefined;
}

/**
 * One loaded, initialised module per library path and parameters, shared by the providers that use it:
 * C_Initialize once (a second call is CKR_CRYPTOKI_ALREADY_INITIALIZED), C_Finalize when the last closes.
 * Logins are per application and token (§5.6: C_Logout logs out every session), so they are counted too.
 */
interface Shared {
  readonly module: PKCS11;
  users: number;
  /** Per slot: how many providers are logged in, and a digest of the PIN the token accepted. */
  readonly logins: Map<string, { count: number; pin: Buffer }>;
}
const libraries = new Map<string, Shared>();

export function openLibrary(library: string, libraryParameters: string | undefined): { key: string; shared: Shared } {
  if (typeof library !== 'string' || library.length === 0) fail('INVALID_ARGUMENT', 'pkcs11Provider: `library` must be the path of a PKCS #11 module (.so)');
  const key = `${library}\u0000${libraryParameters ?? ''}`;
  const existing = libraries.get(key);
  if (existing) {
    existing.users++;
    return { key, shared: existing };
  }
  if (!existsSync(library)) fail('INVALID_ARGUMENT', `pkcs11Provider: no PKCS #11 library at ${library}`);
  const { PKCS11 } = pkcs11js();
  const module = new PKCS11();
  try {
    module.load(library);
  } catch (e) {
    fail('PROVIDER_ERROR', `pkcs11Provider: ${library} could not be loaded as a PKCS #11 module`, e);
  }
  try {
    module.C_Initialize(libraryParameters !== undefined ? { libraryParameters } : undefined);
  } catch (e) {
    if (ckr(e) !== CKR.CRYPTOKI_ALREADY_INITIALIZED) {
      try { module.close(); } catch { /* the first error is the one to report */ }
      fail('PROVIDER_ERROR', `pkcs11Provider: C_Initialize of ${library} failed`, e);
    }
  }
  const shared: Shared = { module, users: 1, logins: new Map() };
  libraries.set(key, shared);
  return { key, shared };
}

export function closeLibrary(key: string): void {
  const shared = libraries.get(key);
  if (!shared || --shared.users > 0) return;
  libraries.delete(key);
  try {
    shared.module.C_Finalize();
  } finally {
    shared.module.close();
  }
}
