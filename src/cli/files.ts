import { closeSync, constants, fchmodSync, fsyncSync, lstatSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { fail } from '../errors.js';

/**
 * Writing key files the way `ssh-keygen` and `openssl genpkey` users expect: a new file is created
 * exclusively (O_EXCL, which never follows a symlink) with its final mode; an existing file is replaced only
 * with --force, through a temporary file in the same folder and rename(2), so the key never sits in a file
 * with the old file's permissions and a reader sees the old file or the whole new one. A symlink at the
 * target is refused even with --force.
 */

const SECRET_MODE = 0o600;
const PUBLIC_MODE = 0o644;

function errno(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string' ? (e as { code: string }).code : undefined;
}

/** Turns a file system error into INVALID_ARGUMENT that names the option, the path and the reason. */
export function ioFail(label: string, path: string, e: unknown, direction: 'read' | 'write'): never {
  const code = errno(e);
  const reasons: Record<string, string> = {
    ENOENT: direction === 'write' ? `${dirname(path)} does not exist` : `${path} does not exist`,
    EISDIR: `${path} is a directory`,
    ENOTDIR: `a component of ${path} is not a directory`,
    EEXIST: `${path} already exists; add --force to replace it`,
    ELOOP: `${path} is a symbolic link; keysmith does not write through links`,
    EACCES: `permission denied: ${path}`,
    EPERM: `operation not permitted: ${path}`,
    ENOSPC: `no space left on the device holding ${path}`,
    EROFS: `${path} is on a read-only file system`,
    ENAMETOOLONG: `the name ${path} is too long`,
  };
  const reason = (code !== undefined && Object.hasOwn(reasons, code) ? reasons[code] : undefined) ?? (e instanceof Error ? e.message : String(e));
  fail('INVALID_ARGUMENT', `${label}: ${reason}${code ? ` (${code})` : ''}`, e);
}

/**
 * Checks an output path before any work is done, so a long key generation does not end in "file exists".
 * The write itself checks again (exclusively), so this is for the message, not for safety.
 */
export function checkOutputPath(label: string, path: string, force: boolean): void {
  const err = (code: string) => Object.assign(new Error(code), { code });
  if (path.length === 0) fail('INVALID_ARGUMENT', `${label}: empty file name`);
  let dir;
  try {
    dir = statSync(dirname(path));
  } catch (e) {
    ioFail(label, path, e, 'write');
  }
  if (!dir.isDirectory()) ioFail(label, path, err('ENOTDIR'), 'write');
  let st;
  try {
    st = lstatSync(path);
  } catch (e) {
    if (errno(e) === 'ENOENT') return;
    ioFail(label, path, e, 'write');
  }
  if (st.isDirectory()) ioFail(label, path, err('EISDIR'), 'write');
  if (st.isSymbolicLink()) ioFail(label, path, err('ELOOP'), 'write');
  if (!force) ioFail(label, path, err('EEXIST'), 'write');
}

function writeAll(fd: number, data: Uint8Array, mode: number): void {
  fchmodSync(fd, mode); // the exact mode, whatever the umask
  for (let off = 0; off < data.length; ) off += writeSync(fd, data, off, data.length - off);
  fsyncSync(fd);
}

function writeKeyFile(label: string, path: string, data: Uint8Array, mode: number, force: boolean): void {
  checkOutputPath(label, path, force);
  const exclusive = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;
  if (!force) {
    let fd: number;
    try {
      fd = openSync(path, exclusive, mode);
    } catch (e) {
      ioFail(label, path, e, 'write');
    }
    try {
      writeAll(fd, data, mode);
    } catch (e) {
      closeSync(fd);
      unlinkSync(path);
      ioFail(label, path, e, 'write');
    }
    closeSync(fd);
    return;
  }
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  let fd: number;
  try {
    fd = openSync(tmp, exclusive, mode);
  } catch (e) {
    ioFail(label, path, e, 'write');
  }
  try {
    writeAll(fd, data, mode);
    closeSync(fd);
    fd = -1;
    if (lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink()) {
      throw Object.assign(new Error('ELOOP'), { code: 'ELOOP' });
    }
    renameSync(tmp, path); // replaces the directory entry: a link appearing now is replaced, never followed
  } catch (e) {
    if (fd >= 0) closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {
      // already gone
    }
    ioFail(label, path, e, 'write');
  }
}

/** A private or secret key: mode 0600. */
export function writeSecretFile(label: string, path: string, data: Uint8Array, force: boolean): void {
  writeKeyFile(label, path, data, SECRET_MODE, force);
}

/** A public key: mode 0644. */
export function writePublicFile(label: string, path: string, data: Uint8Array, force: boolean): void {
  writeKeyFile(label, path, data, PUBLIC_MODE, force);
}
