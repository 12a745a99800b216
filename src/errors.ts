/** Stable error codes. Tests and callers branch on these, never on messages. */
export const ErrorCode = Object.freeze({
  UNKNOWN_SPEC: 'UNKNOWN_SPEC',
  INVALID_USAGE: 'INVALID_USAGE',
  INVALID_ARGUMENT: 'INVALID_ARGUMENT',
  INVALID_FORMAT: 'INVALID_FORMAT',
  INVALID_KEY: 'INVALID_KEY',
  UNSUPPORTED: 'UNSUPPORTED',
  RNG_FAILURE: 'RNG_FAILURE',
  PCT_FAILED: 'PCT_FAILED',
  UNWRAP_FAILED: 'UNWRAP_FAILED',
  /** A ciphertext did not decrypt: one code and message for every failure (no padding oracle). */
  DECRYPT_FAILED: 'DECRYPT_FAILED',
  /** Private or secret material of a key created non-extractable (or that its backend will not release). */
  NOT_EXTRACTABLE: 'NOT_EXTRACTABLE',
  KEY_DESTROYED: 'KEY_DESTROYED',
  /** A backend failed in a way it did not classify; the backend's error is the `cause`. */
  PROVIDER_ERROR: 'PROVIDER_ERROR',
  /** The caller cancelled the operation (an AbortSignal fired, or the key pool was closed). */
  ABORTED: 'ABORTED',
} as const);

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * The one error type keysmith throws. `code` is stable; `cause` carries the backend's error.
 * Messages never contain key material.
 */
export class KeysmithError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown } | undefined) {
    super(message, options);
    this.name = 'KeysmithError';
    this.code = code;
  }
}

/**
 * A caller's value for an error message: short strings quoted, anything else by its type. Never calls the
 * value's own toString (which may throw, or print something it should not).
 */
export function describeValue(v: unknown, max = 64): string {
  return typeof v === 'string' ? JSON.stringify(v.slice(0, max)) : v === null ? 'null' : `a ${typeof v}`;
}

export function fail(code: ErrorCode, message: string, cause?: unknown): never {
  throw new KeysmithError(code, message, cause === undefined ? undefined : { cause });
}

/**
 * Whether `e` is a KeysmithError, optionally with one `code`. With a code, `e.code` narrows to it:
 * `if (isKeysmithError(e, 'UNKNOWN_SPEC')) e.code // 'UNKNOWN_SPEC'`.
 */
export function isKeysmithError<C extends ErrorCode>(e: unknown, code: C): e is KeysmithError & { readonly code: C };
export function isKeysmithError(e: unknown, code?: ErrorCode): e is KeysmithError;
export function isKeysmithError(e: unknown, code?: ErrorCode): e is KeysmithError {
  return e instanceof KeysmithError && (code === undefined || e.code === code);
}

/**
 * Runs `fn`, turning anything that is not already a KeysmithError into one with `code`.
 * Used at the boundary to third-party code so that no raw TypeError escapes.
 */
export function rethrowAs<T>(code: ErrorCode, message: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof KeysmithError) throw e;
    throw new KeysmithError(code, message, { cause: e });
  }
}
