import { KCV_BYTES } from '../../wrap/kcv.js';

/*
 * AES-CMAC (RFC 4493) of one zero block from AES-CBC, which WebCrypto has (it has no CMAC):
 * L = AES_K(0¹²⁸) is the first block of AES-CBC(K, IV = 0, 0¹²⁸); K1 = dbl(L) (RFC 4493 §2.3); a single
 * complete block M is tagged AES_K(M ⊕ K1) (§2.4 step 4), which for M = 0¹²⁸ is the first block of
 * AES-CBC(K, IV = 0, K1). WebCrypto's CBC appends a PKCS#7 block; only the first block is read.
 * The key never leaves the CryptoKey, so this works for non-extractable keys; L and K1 are wiped.
 */

const ZERO_IV = new Uint8Array(16);

async function encryptBlock(subtle: SubtleCrypto, key: CryptoKey, block: Uint8Array): Promise<Uint8Array> {
  const out = new Uint8Array(await subtle.encrypt({ name: 'AES-CBC', iv: ZERO_IV }, key, block as Uint8Array<ArrayBuffer>));
  const first = out.slice(0, 16);
  out.fill(0);
  return first;
}

/** RFC 4493 §2.3 dbl: shift left one bit; xor R_128 = 0x87 into the last byte when the top bit was set. */
function dbl(l: Uint8Array): Uint8Array {
  const k = new Uint8Array(16);
  for (let i = 0; i < 16; i++) k[i] = ((l[i]! << 1) | (i < 15 ? l[i + 1]! >>> 7 : 0)) & 0xff;
  if (l[0]! & 0x80) k[15]! ^= 0x87;
  return k;
}

/** The first 3 bytes of AES-CMAC(key, 0¹²⁸), `key` an AES-CBC CryptoKey with usage `encrypt`. */
export async function aesKcv(subtle: SubtleCrypto, key: CryptoKey): Promise<Uint8Array> {
  const l = await encryptBlock(subtle, key, new Uint8Array(16));
  const k1 = dbl(l);
  l.fill(0);
  try {
    const tag = await encryptBlock(subtle, key, k1);
    const out = tag.slice(0, KCV_BYTES);
    tag.fill(0);
    return out;
  } finally {
    k1.fill(0);
  }
}

/** An HMAC key's check value as keysmith defines it (src/wrap/kcv.ts `kcvBytesFor`): the first 3 bytes of HMAC(key, 0¹²⁸). */
export async function hmacKcv(subtle: SubtleCrypto, key: CryptoKey): Promise<Uint8Array> {
  const tag = new Uint8Array(await subtle.sign('HMAC', key, new Uint8Array(16)));
  const out = tag.slice(0, KCV_BYTES);
  tag.fill(0);
  return out;
}
