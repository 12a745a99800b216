import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The first path that exists, or undefined. */
export function firstExisting(paths: readonly string[]): string | undefined {
  return paths.find((p) => existsSync(p));
}

export function hasCommand(cmd: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Whether pkcs11js's native addon is installed and built. */
export function pkcs11jsBuilt(): boolean {
  try {
    execFileSync(process.execPath, ['-e', "require('pkcs11js')"], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Under CI=true a missing PKCS #11 module fails the run; elsewhere the suite skips with a loud notice. */
export function requireOrSkip(what: string, available: boolean, hint: string): boolean {
  if (available) return true;
  if (process.env.CI === 'true') throw new Error(`CI=true but ${what} is missing: the PKCS #11 suite cannot be skipped in CI (${hint})`);
  console.warn(`\n*** NOTICE: ${what} not found; its PKCS #11 tests are SKIPPED (${hint}) ***\n`);
  return false;
}

/** A temporary directory removed when the test process exits. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export { writeFileSync };
