import smCrypto from 'sm-crypto';
import { hex } from '../bytes.js';

/** SM3 (GB/T 32905-2016) digest, 32 bytes. sm-crypto does the hashing. */
export function sm3(data: Uint8Array): Uint8Array {
  return hex(smCrypto.sm3(Array.from(data)));
}
