import { KeysmithError } from '../../src/errors.js';

/**
 * What a call ended with, as one string to assert on: the KeysmithError `code`, `'no error'` when nothing
 * was thrown, or `raw <name>: <message>` for anything else (which matches no error code, so an assertion
 * on a code fails on a raw error).
 */
function describeThrown(e: unknown): string {
  return e instanceof KeysmithError ? e.code : `raw ${(e as Error)?.name}: ${(e as Error)?.message}`;
}

/** The error code of a call or a promise (awaited), `'no error'` if it succeeds. */
export async function codeOf(fnOrPromise: (() => unknown) | Promise<unknown>): Promise<string> {
  try {
    await (typeof fnOrPromise === 'function' ? fnOrPromise() : fnOrPromise);
  } catch (e) {
    return describeThrown(e);
  }
  return 'no error';
}

/** The error code of a synchronous call, `'no error'` if it returns. */
export function codeOfSync(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return describeThrown(e);
  }
  return 'no error';
}
