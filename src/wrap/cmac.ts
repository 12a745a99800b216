import { fail } from '../errors.js';
import type { BlockCipher } from './block-cipher.js';

const RB_128 = 0x87; // NIST SP 800-38B §5.3, R_128

function dbl(block: Uint8Array): Uint8Array {
  const out = new Uint8Array(block.length);
  let carry = 0;
  for (let i = block.length - 1; i >= 0; i--) {
    const b = block[i]!;
    out[i] = ((b << 1) | carry) & 0xff;
    carry = b >>> 7;
  }
  if (carry) out[out.length - 1]! ^= RB_128;
  return out;
}

/** CMAC (NIST SP 800-38B §6.2) over any 128-bit block cipher; AES-CMAC is RFC 4493. Returns the full 16-byte tag. */
export function cmac(cipher: BlockCipher, message: Uint8Array): Uint8Array {
  if (!(message instanceof Uint8Array)) fail('INVALID_ARGUMENT', 'message must be a Uint8Array');
  const bs = cipher.blockSize;
  // §6.1 subkey generation
  const l = cipher.encryptBlocks(new Uint8Array(bs));
  const k1 = dbl(l);
  const k2 = dbl(k1);
  const n = Math.max(1, Math.ceil(message.length / bs));
  const complete = message.length > 0 && message.length % bs === 0;
  const last = new Uint8Array(bs);
  last.set(message.subarray((n - 1) * bs));
  if (complete) {
    for (let i = 0; i < bs; i++) last[i]! ^= k1[i]!;
  } else {
    last[message.length - (n - 1) * bs] = 0x80;
    for (let i = 0; i < bs; i++) last[i]! ^= k2[i]!;
  }
  let c: Uint8Array = new Uint8Array(bs);
  const x = new Uint8Array(bs);
  for (let j = 0; j < n; j++) {
    const m = j === n - 1 ? last : message.subarray(j * bs, (j + 1) * bs);
    for (let i = 0; i < bs; i++) x[i] = c[i]! ^ m[i]!;
    c = cipher.encryptBlocks(x);
  }
  l.fill(0);
  k1.fill(0);
  k2.fill(0);
  last.fill(0);
  x.fill(0);
  return c;
}
