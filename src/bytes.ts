import { bytesToHex, hexToBytes, concatBytes, equalBytes } from '@noble/curves/utils.js';
import { fail } from './errors.js';

export { bytesToHex, concatBytes, equalBytes };

export function hex(s: string): Uint8Array {
  const clean = s.replace(/\s+/g, '');
  if (clean.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(clean)) fail('INVALID_ARGUMENT', 'not a hex string');
  return hexToBytes(clean);
}

/** Big-endian unsigned integer from bytes. */
export function bytesToBigInt(b: Uint8Array): bigint {
  return b.length === 0 ? 0n : BigInt('0x' + bytesToHex(b));
}

/** Big-endian unsigned integer to exactly `length` bytes (minimal length when omitted). */
export function bigIntToBytes(n: bigint, length?: number): Uint8Array {
  if (n < 0n) fail('INVALID_ARGUMENT', 'negative integer');
  let h = n.toString(16);
  if (h.length % 2) h = '0' + h;
  if (n === 0n) h = length === undefined ? '00' : '';
  const raw = hexToBytes(h);
  if (length === undefined) return raw;
  if (raw.length > length) fail('INVALID_ARGUMENT', `integer does not fit in ${length} bytes`);
  const out = new Uint8Array(length);
  out.set(raw, length - raw.length);
  return out;
}

export function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

/** Overwrites a buffer we own. Best effort: JS gives no guarantee that no copy survives elsewhere. */
export function zeroize(...buffers: (Uint8Array | undefined)[]): void {
  for (const b of buffers) b?.fill(0);
}

const B64 = /^[A-Za-z0-9+/]*={0,2}$/;
const B64URL = /^[A-Za-z0-9_-]*$/;

export function toBase64(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 0x8000) s += String.fromCharCode(...b.subarray(i, i + 0x8000));
  return btoa(s);
}

export function fromBase64(s: string): Uint8Array {
  const clean = s.replace(/\s+/g, '');
  if (clean.length % 4 !== 0 || !B64.test(clean)) fail('INVALID_FORMAT', 'not valid base64');
  const bin = atob(clean);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function toBase64Url(b: Uint8Array): string {
  return toBase64(b).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(s: string): Uint8Array {
  if (typeof s !== 'string' || !B64URL.test(s) || s.length % 4 === 1) fail('INVALID_FORMAT', 'not valid base64url');
  const pad = s.length % 4 === 0 ? '' : '='.repeat(4 - (s.length % 4));
  return fromBase64(s.replace(/-/g, '+').replace(/_/g, '/') + pad);
}

export function utf8(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}
