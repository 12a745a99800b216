import { createHash, timingSafeEqual } from 'node:crypto';
import { fail, KeysmithError } from '../errors.js';
import { CKF, CKR, CKU_USER } from './constants.js';
import { ckr, closeLibrary, openLibrary } from './library.js';
import { Pkcs11Provider } from './provider.js';

export { Pkcs11Provider, Pkcs11Handle } from './provider.js';

export interface Pkcs11ProviderOptions {
  /** Path of the token's PKCS #11 module, e.g. /usr/lib/softhsm/libsofthsm2.so. */
  readonly library: string;
  /** The token's label (CKA_LABEL of the token, as `softhsm2-util --show-slots` prints it). Preferred over `slot`. */
  readonly tokenLabel?: string;
  /** The slot ID. SoftHSM renumbers slots when a token is initialised: prefer `tokenLabel`. */
  readonly slot?: number;
  /** The user PIN. Kept only for C_Login; never put in a message. */
  readonly pin: string;
  /** C_Initialize's NSS-style library parameters (NSS softoken: `configdir='sql:/path' ...`). */
  readonly libraryParameters?: string;
  /** The provider's name in messages (default `pkcs11`). */
  readonly name?: string;
}

function slotId(h: Buffer): bigint {
  return h.length >= 8 ? h.readBigUInt64LE(0) : BigInt(h.readUInt32LE(0));
}

/**
 * Opens a PKCS #11 token as a keysmith provider: loads the module, finds the token (by label, or slot
 * ID), opens one read/write session, logs the user in, reads the token's mechanism list and probes what
 * the list cannot say. Every failure is a KeysmithError with the cause attached: INVALID_ARGUMENT for a
 * missing library, an unknown token or a wrong PIN; PROVIDER_ERROR for anything else the module refuses.
 */
export async function pkcs11Provider(options: Pkcs11ProviderOptions): Promise<Pkcs11Provider> {
  if (typeof options !== 'object' || options === null) fail('INVALID_ARGUMENT', 'pkcs11Provider takes an options object');
  const { library, tokenLabel, slot, pin, libraryParameters } = options;
  if ((tokenLabel === undefined) === (slot === undefined)) fail('INVALID_ARGUMENT', 'pkcs11Provider: give exactly one of `tokenLabel` and `slot`');
  if (typeof pin !== 'string') fail('INVALID_ARGUMENT', 'pkcs11Provider: `pin` must be a string');
  const { key, shared } = openLibrary(library, libraryParameters);
  const p = shared.module;
  let session: Buffer | undefined;
  let loginKey: string | undefined;
  let loggedIn = false;
  try {
    const slots = p.C_GetSlotList(true);
    const found = slots.find((s) => (tokenLabel !== undefined ? p.C_GetTokenInfo(s).label.trim() === tokenLabel.trim() : slotId(s) === BigInt(slot!)));
    if (!found) {
      const labels = slots.map((s) => JSON.stringify(p.C_GetTokenInfo(s).label.trim())).join(', ');
      fail('INVALID_ARGUMENT', `pkcs11Provider: no token ${tokenLabel !== undefined ? `labelled ${JSON.stringify(tokenLabel)}` : `in slot ${slot}`} in ${library} (tokens: ${labels || 'none'})`);
    }
    session = p.C_OpenSession(found, CKF.SERIAL_SESSION | CKF.RW_SESSION);
    loginKey = slotId(found).toString();
    const label = JSON.stringify(p.C_GetTokenInfo(found).label.trim());
    const pinDigest = createHash('sha256').update(`keysmith pkcs11 pin\u0000${pin}`).digest();
    const login = shared.logins.get(loginKey);
    if (login) {
      // the application is already logged in to this token (§5.6: login state is per application, so
      // C_Login would say CKR_USER_ALREADY_LOGGED_IN to any PIN): the PIN must be the one the token accepted
      if (!timingSafeEqual(login.pin, pinDigest)) fail('INVALID_ARGUMENT', `pkcs11Provider: the PIN was refused by token ${label}`);
      login.count++;
      loggedIn = true;
    } else {
      try {
        p.C_Login(session, CKU_USER, pin);
      } catch (e) {
        const r = ckr(e);
        if (r === CKR.PIN_INCORRECT || r === CKR.PIN_LEN_RANGE) fail('INVALID_ARGUMENT', `pkcs11Provider: the PIN was refused by token ${label}`, e);
        if (r !== CKR.USER_ALREADY_LOGGED_IN) throw e;
      }
      shared.logins.set(loginKey, { count: 1, pin: pinDigest });
      loggedIn = true;
    }
    const mechanisms = new Set(p.C_GetMechanismList(found));
    const s = session;
    const lk = loginKey;
    return new Pkcs11Provider(options.name ?? 'pkcs11', { module: p, session: s, slot: found, mechanisms }, () => {
      try {
        const entry = shared.logins.get(lk);
        if (entry && --entry.count === 0) {
          shared.logins.delete(lk);
          try { p.C_Logout(s); } catch { /* a closed session logs out anyway */ }
        }
        p.C_CloseSession(s);
      } finally {
        closeLibrary(key);
      }
    });
  } catch (e) {
    const entry = loggedIn && loginKey !== undefined ? shared.logins.get(loginKey) : undefined;
    if (entry && --entry.count === 0) {
      shared.logins.delete(loginKey!);
      try { p.C_Logout(session!); } catch { /* closing the session logs out */ }
    }
    if (session) {
      try { p.C_CloseSession(session); } catch { /* report the first error */ }
    }
    closeLibrary(key);
    if (e instanceof KeysmithError) throw e;
    fail('PROVIDER_ERROR', `pkcs11Provider: opening the token in ${library} failed`, e);
  }
}
