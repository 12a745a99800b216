import { shake128, shake256 } from '@noble/hashes/sha3.js';
import { equalBytes } from '../bytes.js';
import { fail } from '../errors.js';

/**
 * Consistency of a FIPS 204 expanded private key (ρ, K, tr, s1, s2, t0) without its seed: recompute
 * t = NTT⁻¹(Â∘NTT(s1)) + s2 (FIPS 204 Algorithm 6 lines 5-6), split it with Power2Round (Algorithm 35), and
 * require t0 to be the stored one and tr to be H(pkEncode(ρ, t1)). noble's getPublicKey derives t1 but never
 * looks at t0 or tr, which is exactly what RFC 9881's bad examples 2 and 3 get wrong.
 */

const N = 256;
const Q = 8380417;
const D = 13;
const F = 8347681; // 256⁻¹ mod q (FIPS 204 Algorithm 42 line 21)

interface Shape {
  readonly name: string;
  readonly k: number;
  readonly l: number;
  readonly eta: 2 | 4;
  readonly publicKeyBytes: number;
}

const mod = (a: number): number => {
  const r = a % Q;
  return r < 0 ? r + Q : r;
};

/** ζ^BitRev8(k) mod q for k = 0..255 (FIPS 204 Appendix B, ζ = 1753). */
const ZETAS: Int32Array = (() => {
  const out = new Int32Array(N);
  const pow = (e: number): number => {
    let r = 1;
    let b = 1753;
    for (; e > 0; e >>= 1, b = Number((BigInt(b) * BigInt(b)) % BigInt(Q))) if (e & 1) r = Number((BigInt(r) * BigInt(b)) % BigInt(Q));
    return r;
  };
  for (let k = 0; k < N; k++) {
    let rev = 0;
    for (let i = 0; i < 8; i++) rev |= ((k >> i) & 1) << (7 - i);
    out[k] = pow(rev);
  }
  return out;
})();

// Products of two values below q are below 2^46, exact in a double.
function ntt(w: Int32Array): void {
  let m = 0;
  for (let len = 128; len >= 1; len >>= 1) {
    for (let start = 0; start < N; start += 2 * len) {
      const z = ZETAS[++m]!;
      for (let j = start; j < start + len; j++) {
        const t = mod(z * w[j + len]!);
        w[j + len] = mod(w[j]! - t);
        w[j] = mod(w[j]! + t);
      }
    }
  }
}

function invNtt(w: Int32Array): void {
  let m = N;
  for (let len = 1; len < N; len <<= 1) {
    for (let start = 0; start < N; start += 2 * len) {
      const z = Q - ZETAS[--m]!;
      for (let j = start; j < start + len; j++) {
        const t = w[j]!;
        w[j] = mod(t + w[j + len]!);
        w[j + len] = mod(z * mod(t - w[j + len]!));
      }
    }
  }
  for (let j = 0; j < N; j++) w[j] = mod(F * w[j]!);
}

/** RejNTTPoly(ρ ‖ s ‖ r) (FIPS 204 Algorithm 30, as ExpandA calls it in Algorithm 32). */
function rejNttPoly(rho: Uint8Array, s: number, r: number): Int32Array {
  const xof = shake128.create().update(rho).update(Uint8Array.of(s, r));
  const out = new Int32Array(N);
  let j = 0;
  while (j < N) {
    const block = xof.xof(168);
    for (let i = 0; j < N && i + 3 <= block.length; i += 3) {
      const t = block[i]! | (block[i + 1]! << 8) | ((block[i + 2]! & 0x7f) << 16);
      if (t < Q) out[j++] = t;
    }
  }
  return out;
}

/** The `count` b-bit little-endian fields of BitsToBytes order (FIPS 204 Algorithms 16-19). */
function unpack(bytes: Uint8Array, bits: number, count: number): number[] {
  const out: number[] = [];
  let acc = 0;
  let have = 0;
  let pos = 0;
  for (let i = 0; i < count; i++) {
    while (have < bits) {
      acc |= bytes[pos++]! << have;
      have += 8;
    }
    out.push(acc & ((1 << bits) - 1));
    acc >>>= bits;
    have -= bits;
  }
  return out;
}

function pack(values: ArrayLike<number>, bits: number): Uint8Array {
  const out = new Uint8Array((values.length * bits) / 8);
  let acc = 0;
  let have = 0;
  let pos = 0;
  for (let i = 0; i < values.length; i++) {
    acc |= values[i]! << have;
    have += bits;
    while (have >= 8) {
      out[pos++] = acc & 0xff;
      acc >>>= 8;
      have -= 8;
    }
  }
  return out;
}

export function mlDsaExpandedPublicKey(p: Shape, sk: Uint8Array): Uint8Array {
  const etaBits = p.eta === 2 ? 3 : 4;
  const polyEta = 32 * etaBits;
  const polyT0 = 32 * D;
  const rho = sk.subarray(0, 32);
  const tr = sk.subarray(64, 128);
  let off = 128;
  const readEta = (): Int32Array => {
    const v = unpack(sk.subarray(off, off + polyEta), etaBits, N);
    off += polyEta;
    const out = new Int32Array(N);
    for (let i = 0; i < N; i++) {
      // skDecode (Algorithm 25) leaves η − v outside [−η, η] for v > 2η: such a key is malformed.
      if (v[i]! > 2 * p.eta) fail('INVALID_KEY', `${p.name}: expanded key has an s1/s2 coefficient out of range`);
      out[i] = mod(p.eta - v[i]!);
    }
    return out;
  };
  const s1: Int32Array[] = [];
  for (let i = 0; i < p.l; i++) s1.push(readEta());
  const s2: Int32Array[] = [];
  for (let i = 0; i < p.k; i++) s2.push(readEta());
  const t0Stored = sk.subarray(off, off + p.k * polyT0);

  for (const s of s1) ntt(s);
  const t1Packed: Uint8Array[] = [];
  const t0: number[] = [];
  for (let r = 0; r < p.k; r++) {
    const acc = new Int32Array(N);
    for (let s = 0; s < p.l; s++) {
      const a = rejNttPoly(rho, s, r);
      const s1h = s1[s]!;
      for (let i = 0; i < N; i++) acc[i] = mod(acc[i]! + mod(a[i]! * s1h[i]!));
    }
    invNtt(acc);
    const t1 = new Int32Array(N);
    for (let i = 0; i < N; i++) {
      const t = mod(acc[i]! + s2[r]![i]!);
      // Power2Round: r0 = t mod± 2^d, r1 = (t − r0) / 2^d.
      let r0 = t & ((1 << D) - 1);
      if (r0 > 1 << (D - 1)) r0 -= 1 << D;
      t1[i] = (t - r0) >> D;
      t0.push((1 << (D - 1)) - r0);
    }
    t1Packed.push(pack(t1, 10));
  }
  if (!equalBytes(pack(t0, D), t0Stored)) fail('INVALID_KEY', `${p.name}: expanded key's t0 does not match its s1 and s2`);
  const pk = new Uint8Array(p.publicKeyBytes);
  pk.set(rho, 0);
  t1Packed.forEach((b, i) => pk.set(b, 32 + i * 320));
  if (!equalBytes(shake256(pk, { dkLen: 64 }), tr)) fail('INVALID_KEY', `${p.name}: expanded key's tr does not match its public key`);
  return pk;
}
