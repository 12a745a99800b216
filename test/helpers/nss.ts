import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { firstExisting, hasCommand, pkcs11jsBuilt, requireOrSkip, tempDir, writeFileSync } from './pkcs11-env.js';

export const NSS_SOFTOKEN = firstExisting(['/usr/lib/x86_64-linux-gnu/libsoftokn3.so', '/usr/lib/aarch64-linux-gnu/libsoftokn3.so', '/usr/lib64/libsoftokn3.so', '/usr/lib/x86_64-linux-gnu/nss/libsoftokn3.so']);

export const nssAvailable = requireOrSkip(
  "NSS softoken (libsoftokn3.so from libnss3, certutil from libnss3-tools) with pkcs11js built",
  NSS_SOFTOKEN !== undefined && hasCommand('certutil') && pkcs11jsBuilt(),
  'apt-get install libnss3-tools; npm ci builds pkcs11js',
);

export interface NssDatabase {
  readonly library: string;
  readonly libraryParameters: string;
  readonly tokenLabel: string;
  readonly pin: string;
}

let db: NssDatabase | undefined;

/**
 * This process's own NSS key database (certutil -N with a password) in a temporary directory. The
 * softoken takes its database through C_Initialize's NSS-style library parameters (pReserved), which
 * pkcs11js passes as `libraryParameters`; the key store is the "NSS Certificate DB" token.
 */
export function nssDatabase(): NssDatabase {
  if (db) return db;
  const dir = tempDir('keysmith-nss-');
  const pin = 'keysmith-nss-pw';
  writeFileSync(join(dir, 'pw'), `${pin}\n`);
  execFileSync('certutil', ['-N', '-d', `sql:${dir}`, '-f', join(dir, 'pw')], { stdio: 'ignore' });
  db = {
    library: NSS_SOFTOKEN!,
    libraryParameters: `configdir='sql:${dir}' certPrefix='' keyPrefix='' secmod='secmod.db' flags=`,
    tokenLabel: 'NSS Certificate DB',
    pin,
  };
  return db;
}
