import { bigIntToBytes, bytesToBigInt } from '../bytes.js';

/**
 * ECDSA signatures cross keysmith's seam as DER `Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }`
 * (X9.62); CKM_ECDSA reads and writes `r ‖ s`, each the order's length (PKCS #11 Current Mechanisms §2.3.1).
 */
function derInteger(n: bigint): Uint8Array {
  let b = n === 0n ? new Uint8Array(1) : bigIntToBytes(n);
  if (b[0]! & 0x80) b = Uint8Array.of(0, ...b);
  return Uint8Array.of(0x02, ...derLength(b.length), ...b);
}

function derLength(n: number): number[] {
  return n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
}

export function rawToDer(raw: Uint8Array): Uint8Array {
  const half = raw.length / 2;
  const body = [...derInteger(bytesToBigInt(raw.subarray(0, half))), ...derInteger(bytesToBigInt(raw.subarray(half)))];
  return Uint8Array.of(0x30, ...derLength(body.length), ...body);
}

/** `r ‖ s` from strict DER, or undefined for anything malformed or out of range (a verify then says false). */
export function derToRaw(der: Uint8Array, orderBytes: number): Uint8Array | undefined {
  let i = 0;
  const len = (): number | undefined => {
    const first = der[i++];
    if (first === undefined) return undefined;
    if (first < 0x80) return first;
    if (first === 0x81) { const n = der[i++]; return n !== undefined && n >= 0x80 ? n : undefined; }
    return undefined;
  };
  if (der[i++] !== 0x30) return undefined;
  const total = len();
  if (total === undefined || i + total !== der.length) return undefined;
  const out = new Uint8Array(orderBytes * 2);
  for (let k = 0; k < 2; k++) {
    if (der[i++] !== 0x02) return undefined;
    const n = len();
    if (n === undefined || n === 0 || i + n > der.length) return undefined;
    const v = der.subarray(i, i + n);
    i += n;
    if (v[0]! & 0x80) return undefined; // negative
    if (v.length > 1 && v[0] === 0 && !(v[1]! & 0x80)) return undefined; // non-minimal
    const x = bytesToBigInt(v);
    if (x === 0n || x >= 1n << BigInt(orderBytes * 8)) return undefined;
    out.set(bigIntToBytes(x, orderBytes), k * orderBytes);
  }
  return i === der.length ? out : undefined;
}

/** CKA_EC_POINT is DER `ECPoint ::= OCTET STRING` around the SEC 1 point (PKCS #11 v2.40 §2.3.3); some tokens give it bare. */
export function ecPointFromAttribute(value: Uint8Array, fieldBytes: number): Uint8Array {
  const bare = 2 * fieldBytes + 1;
  if (value.length === bare && value[0] === 0x04) return Uint8Array.from(value);
  if (value[0] === 0x04) {
    const hdr = value[1]! < 0x80 ? 2 : value[1] === 0x81 ? 3 : 0;
    const n = hdr === 2 ? value[1]! : hdr === 3 ? value[2]! : -1;
    if (hdr && n === value.length - hdr) return Uint8Array.from(value.subarray(hdr));
  }
  throw new Error('CKA_EC_POINT is neither a SEC 1 point nor an OCTET STRING holding one');
}

/** The DER OCTET STRING CKA_EC_POINT takes. */
export function ecPointAttribute(point: Uint8Array): Uint8Array {
  return Uint8Array.of(0x04, ...derLength(point.length), ...point);
}

/**
 * An Ed25519 public key from CKA_EC_POINT: PKCS #11 v3.0 makes it the DER OCTET STRING around the
 * 32-byte encoded point A (RFC 8032 §5.1.2), as SoftHSM 2.6 stores it; a bare 32-byte value is taken too.
 */
export function edPointFromAttribute(value: Uint8Array, publicKeyBytes: number): Uint8Array {
  if (value.length === publicKeyBytes) return Uint8Array.from(value);
  if (value.length === publicKeyBytes + 2 && value[0] === 0x04 && value[1] === publicKeyBytes) return Uint8Array.from(value.subarray(2));
  throw new Error('CKA_EC_POINT is neither an Ed25519 public key nor an OCTET STRING holding one');
}
