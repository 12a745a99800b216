import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { firstExisting, hasCommand, pkcs11jsBuilt, requireOrSkip, tempDir, writeFileSync } from './pkcs11-env.js';

export const SOFTHSM_LIBRARY = firstExisting(['/usr/lib/softhsm/libsofthsm2.so', '/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so', '/usr/local/lib/softhsm/libsofthsm2.so']);

export const softhsmAvailable = requireOrSkip(
  'SoftHSM2 (softhsm2-util, libsofthsm2.so) with pkcs11js built',
  SOFTHSM_LIBRARY !== undefined && hasCommand('softhsm2-util') && pkcs11jsBuilt(),
  'apt-get install softhsm2; npm ci builds pkcs11js',
);

export interface TestToken {
  readonly library: string;
  readonly tokenLabel: string;
  readonly pin: string;
  readonly dir: string;
}

let token: TestToken | undefined;

/**
 * This process's own SoftHSM token: a token directory and SOFTHSM2_CONF in a temporary directory (removed
 * when the process exits), initialised with softhsm2-util. SoftHSM reads SOFTHSM2_CONF at C_Initialize, so
 * a process has one configuration: every provider of the process opens this token.
 */
export function softhsmToken(): TestToken {
  if (token) return token;
  const dir = tempDir('keysmith-softhsm-');
  const conf = join(dir, 'softhsm2.conf');
  execFileSync('mkdir', [join(dir, 'tokens')]);
  writeFileSync(conf, `directories.tokendir = ${join(dir, 'tokens')}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n`);
  process.env.SOFTHSM2_CONF = conf;
  const t = { library: SOFTHSM_LIBRARY!, tokenLabel: 'keysmith-test', pin: '24680', dir };
  execFileSync('softhsm2-util', ['--init-token', '--free', '--label', t.tokenLabel, '--so-pin', '13579', '--pin', t.pin], { env: process.env, stdio: 'ignore' });
  token = t;
  return t;
}
