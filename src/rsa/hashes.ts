import { sha224, sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { fail } from '../errors.js';

export type RsaHashName = 'SHA-1' | 'SHA-224' | 'SHA-256' | 'SHA-384' | 'SHA-512';

export interface RsaHash {
  readonly name: RsaHashName;
  readonly outputLen: number;
  digest(data: Uint8Array): Uint8Array;
}

const table: Record<RsaHashName, RsaHash> = {
  'SHA-1': { name: 'SHA-1', outputLen: 20, digest: (d) => sha1(d) },
  'SHA-224': { name: 'SHA-224', outputLen: 28, digest: (d) => sha224(d) },
  'SHA-256': { name: 'SHA-256', outputLen: 32, digest: (d) => sha256(d) },
  'SHA-384': { name: 'SHA-384', outputLen: 48, digest: (d) => sha384(d) },
  'SHA-512': { name: 'SHA-512', outputLen: 64, digest: (d) => sha512(d) },
};

/** The hash named `name`, from the given allow-list; INVALID_ARGUMENT for anything else. */
export function rsaHash(name: unknown, allowed: readonly RsaHashName[] = Object.keys(table) as RsaHashName[]): RsaHash {
  if (typeof name !== 'string' || !(allowed as readonly string[]).includes(name)) {
    fail('INVALID_ARGUMENT', `unsupported hash; expected one of ${allowed.join(', ')}`);
  }
  return table[name as RsaHashName];
}

/** RFC 8017 Appendix B.2.1 MGF1. */
export function mgf1(hash: RsaHash, seed: Uint8Array, maskLen: number): Uint8Array {
  const out = new Uint8Array(maskLen);
  const buf = new Uint8Array(seed.length + 4);
  buf.set(seed);
  for (let counter = 0, off = 0; off < maskLen; counter++, off += hash.outputLen) {
    buf[seed.length] = counter >>> 24;
    buf[seed.length + 1] = (counter >>> 16) & 0xff;
    buf[seed.length + 2] = (counter >>> 8) & 0xff;
    buf[seed.length + 3] = counter & 0xff;
    const block = hash.digest(buf);
    out.set(block.subarray(0, Math.min(hash.outputLen, maskLen - off)), off);
  }
  buf.fill(0);
  return out;
}

export function requireBytes(x: unknown, what: string): Uint8Array {
  if (!(x instanceof Uint8Array)) fail('INVALID_ARGUMENT', `${what} must be a Uint8Array`);
  return x;
}

/** A digest the caller computed: bytes of exactly the hash's output length (INVALID_ARGUMENT otherwise). */
export function requireDigest(hash: RsaHash, digest: unknown): Uint8Array {
  requireBytes(digest, 'digest');
  if ((digest as Uint8Array).length !== hash.outputLen) fail('INVALID_ARGUMENT', `a ${hash.name} digest is ${hash.outputLen} bytes`);
  return digest as Uint8Array;
}
