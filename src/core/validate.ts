import type {
  EcPrivateComponents,
  EcPublicComponents,
  KeyComponents,
  RsaPrivateComponents,
  RsaPublicComponents,
  SecretComponents,
} from '../model/components.js';
import type { OkpPrivateComponents, OkpPublicComponents, PqPrivateComponents, PqPublicComponents } from '../model/components.js';
import type { EcSpec, EdwardsSpec, KeySpec, PqSpec, RsaSpec } from '../model/spec.js';
import { equalBytes } from '../bytes.js';
import { fail, rethrowAs } from '../errors.js';
import { ed25519CheckPublicKey, ed25519PublicKey } from '../ed25519/ed25519.js';
import { pqScheme } from '../encoding/okp-pq-formats.js';
import { getSpec } from '../registry/lookup.js';
import { decodePoint, encodePoint, publicFromPrivate, scalarFromBytes } from '../ec/curves.js';
import { lcm } from '../rsa/math.js';
import { isProbablePrime, mrRoundsFor } from '../rsa/primes.js';
import { systemRandom } from '../random.js';

const E_MAX = 1n << 256n;

/** True when n has exactly `bits` bits, by comparison (no string conversion of a caller's huge number). */
function hasBits(n: bigint, bits: number): boolean {
  return n >= 1n << BigInt(bits - 1) && n < 1n << BigInt(bits);
}

const KINDS: ReadonlySet<unknown> = new Set(['secret', 'rsa-public', 'rsa-private', 'ec-public', 'ec-private', 'okp-public', 'okp-private', 'pq-public', 'pq-private']);
const describeKind = (kind: unknown): string => (KINDS.has(kind) ? String(kind) : 'an unknown kind');

function bad(spec: KeySpec, what: string): never {
  return fail('INVALID_KEY', `${spec.name}: ${what}`);
}

function bytesField(spec: KeySpec, v: unknown, name: string): Uint8Array {
  if (!(v instanceof Uint8Array)) bad(spec, `${name} must be bytes`);
  return v;
}

function intField(spec: KeySpec, v: unknown, name: string): bigint {
  if (typeof v !== 'bigint' || v < 0n) bad(spec, `${name} must be a non-negative bigint`);
  return v;
}

/**
 * The checks run on every import, after decodeComponents. Returns normalised copies (compressed EC points
 * become uncompressed, a missing EC public point is derived) and never mutates or aliases its input, so
 * the caller may wipe the decoded components afterwards. Any failure is INVALID_KEY.
 */
export function validateComponents(keySpec: KeySpec, components: KeyComponents): KeyComponents {
  const spec = getSpec(keySpec);
  if (typeof components !== 'object' || components === null) bad(spec, 'components must be an object');
  const c = components as KeyComponents;
  switch (spec.family) {
    case 'symmetric':
      if (c.kind !== 'secret') bad(spec, `expected secret components, got ${describeKind(c.kind)}`);
      return validateSecret(spec, c);
    case 'rsa':
      if (c.kind === 'rsa-public') return validateRsaPublic(spec, c);
      if (c.kind === 'rsa-private') return validateRsaPrivate(spec, c);
      return bad(spec, `expected RSA components, got ${describeKind(c.kind)}`);
    case 'ec':
      if (c.kind === 'ec-public') return validateEcPublic(spec, c);
      if (c.kind === 'ec-private') return validateEcPrivate(spec, c);
      return bad(spec, `expected EC components, got ${describeKind(c.kind)}`);
    case 'edwards':
      if (c.kind === 'okp-public') return validateOkpPublic(spec, c);
      if (c.kind === 'okp-private') return validateOkpPrivate(spec, c);
      return bad(spec, `expected Ed25519 components, got ${describeKind(c.kind)}`);
    case 'ml-dsa':
    case 'ml-kem':
      if (c.kind === 'pq-public') return validatePqPublic(spec, c);
      if (c.kind === 'pq-private') return validatePqPrivate(spec, c);
      return bad(spec, `expected ${spec.family.toUpperCase()} components, got ${describeKind(c.kind)}`);
  }
}

// --- issue 9 part B: Ed25519, ML-DSA, ML-KEM -----------------------------------------------------------

/** RFC 8032 §5.1.3: a canonical encoding of a point on the curve. */
function validateOkpPublic(spec: EdwardsSpec, c: OkpPublicComponents): OkpPublicComponents {
  const publicKey = bytesField(spec, c.publicKey, 'publicKey');
  rethrowAs('INVALID_KEY', `${spec.name}: invalid public key`, () => ed25519CheckPublicKey(publicKey));
  return { kind: 'okp-public', publicKey: publicKey.slice() };
}

/** The seed determines the key (RFC 8032 §5.1.5); a public key given with it must be the derived one. */
function validateOkpPrivate(spec: EdwardsSpec, c: OkpPrivateComponents): OkpPrivateComponents {
  const seed = bytesField(spec, c.seed, 'seed');
  if (seed.length !== spec.seedBytes) bad(spec, `the private key must be ${spec.seedBytes} bytes`);
  const derived = ed25519PublicKey(seed);
  const given = c.publicKey === undefined ? new Uint8Array(0) : bytesField(spec, c.publicKey, 'publicKey');
  if (given.length > 0 && !equalBytes(given, derived)) bad(spec, 'public key does not match the private key');
  return { kind: 'okp-private', seed: seed.slice(), publicKey: derived };
}

function validatePqPublic(spec: PqSpec, c: PqPublicComponents): PqPublicComponents {
  const publicKey = bytesField(spec, c.publicKey, 'publicKey');
  rethrowAs('INVALID_KEY', `${spec.name}: invalid public key`, () => pqScheme(spec).checkPublicKey(publicKey));
  return { kind: 'pq-public', publicKey: publicKey.slice() };
}

/**
 * With a seed: KeyGen_internal (FIPS 204 Algorithm 6 / FIPS 203 Algorithm 16) gives the expanded and public keys;
 * any given with it must be exactly those (RFC 9881 §6 / the LAMPS ML-KEM draft: a `both` whose halves disagree
 * is refused). Without a seed: the expanded key must be self-consistent (ML-DSA tr and t0; ML-KEM hash check and
 * PCT, src/pq) and match a given public key.
 */
function validatePqPrivate(spec: PqSpec, c: PqPrivateComponents): PqPrivateComponents {
  const s = pqScheme(spec);
  const given = (v: unknown, name: string) => (v === undefined ? new Uint8Array(0) : bytesField(spec, v, name));
  const expanded = given(c.expandedKey, 'expandedKey');
  const publicKey = given(c.publicKey, 'publicKey');
  if (c.seed !== undefined) {
    const seed = bytesField(spec, c.seed, 'seed');
    if (seed.length !== spec.seedBytes) bad(spec, `the seed must be ${spec.seedBytes} bytes`);
    const derived = rethrowAs('INVALID_KEY', `${spec.name}: key generation from the seed failed`, () => s.fromSeed(seed));
    if (expanded.length > 0 && !equalBytes(expanded, derived.expandedKey)) bad(spec, 'the seed and the expanded key disagree');
    if (publicKey.length > 0 && !equalBytes(publicKey, derived.publicKey)) bad(spec, 'public key does not match the private key');
    return { kind: 'pq-private', seed: seed.slice(), expandedKey: derived.expandedKey, publicKey: derived.publicKey };
  }
  if (expanded.length !== spec.expandedKeyBytes) bad(spec, `the expanded key must be ${spec.expandedKeyBytes} bytes`);
  const derivedPublic = rethrowAs('INVALID_KEY', `${spec.name}: inconsistent expanded key`, () => s.fromExpanded(expanded));
  if (publicKey.length > 0 && !equalBytes(publicKey, derivedPublic)) bad(spec, 'public key does not match the expanded key');
  return { kind: 'pq-private', expandedKey: expanded.slice(), publicKey: derivedPublic };
}

function validateSecret(spec: KeySpec & { keyBytes: number }, c: SecretComponents): SecretComponents {
  const key = bytesField(spec, c.key, 'key');
  if (key.length !== spec.keyBytes) bad(spec, `secret key must be ${spec.keyBytes} bytes`);
  return { kind: 'secret', key: key.slice() };
}

/** SEC 1 §3.2.2.1 public key validation: decodes (compressed accepted), on the curve, not infinity. */
function validateEcPublic(spec: EcSpec, c: EcPublicComponents): EcPublicComponents {
  const point = decodePoint(spec, bytesField(spec, c.publicKey, 'publicKey'));
  return { kind: 'ec-public', publicKey: encodePoint(point) };
}

/** Scalar in range (SM2: [1, n−2]); a public point, when given, must be d·G (SEC 1 §3.2.1). */
function validateEcPrivate(spec: EcSpec, c: EcPrivateComponents): EcPrivateComponents {
  const d = bytesField(spec, c.d, 'd');
  scalarFromBytes(spec, d);
  const derived = publicFromPrivate(spec, d);
  const given = c.publicKey === undefined ? new Uint8Array(0) : bytesField(spec, c.publicKey, 'publicKey');
  if (given.length > 0 && !equalBytes(encodePoint(decodePoint(spec, given)), derived)) {
    bad(spec, 'public key does not match the private scalar');
  }
  return { kind: 'ec-private', d: d.slice(), publicKey: derived };
}

/** RFC 8017 §3.1 / FIPS 186-5 §A.1.1: odd n of exactly spec.bits, odd e with 3 ≤ e < 2^256, e < n. */
function checkRsaPublic(spec: RsaSpec, n: bigint, e: bigint): void {
  if (!hasBits(n, spec.bits)) bad(spec, `modulus must be ${spec.bits} bits`);
  if ((n & 1n) === 0n) bad(spec, 'modulus must be odd');
  if (e < 3n || e >= E_MAX || (e & 1n) === 0n) bad(spec, 'public exponent must be odd and in [3, 2^256)');
  if (e >= n) bad(spec, 'public exponent must be smaller than the modulus');
}

function validateRsaPublic(spec: RsaSpec, c: RsaPublicComponents): RsaPublicComponents {
  const n = intField(spec, c.n, 'n');
  const e = intField(spec, c.e, 'e');
  checkRsaPublic(spec, n, e);
  return { kind: 'rsa-public', n, e };
}

/**
 * RFC 8017 §3.2 consistency of the CRT representation: n = p·q with p, q of bits/2 bits each,
 * d·e ≡ 1 (mod λ(n)) where λ(n) = lcm(p−1, q−1), dp = d mod (p−1), dq = d mod (q−1), qi·q ≡ 1 (mod p).
 * Last, p and q are tested for primality (Miller–Rabin, FIPS 186-5 B.3.1, with the rounds of Table B.1 for
 * their size, as `openssl rsa -check` does): a composite p that satisfies every equation above, such as a
 * Carmichael number, still makes a key whose CRT arithmetic works and whose PCT passes.
 */
function validateRsaPrivate(spec: RsaSpec, c: RsaPrivateComponents): RsaPrivateComponents {
  const [n, e, d, p, q, dp, dq, qi] = (['n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi'] as const).map((k) => intField(spec, c[k], k)) as [
    bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint,
  ];
  checkRsaPublic(spec, n, e);
  const half = spec.bits / 2;
  if (!hasBits(p, half) || !hasBits(q, half)) bad(spec, `primes must be ${half} bits each`);
  if (p === q) bad(spec, 'primes must differ');
  if (p * q !== n) bad(spec, 'modulus is not p·q');
  if (d <= 0n || d >= n) bad(spec, 'private exponent out of range');
  const p1 = p - 1n;
  const q1 = q - 1n;
  const lambda = lcm(p1, q1);
  if ((d * e) % lambda !== 1n) bad(spec, 'private exponent does not invert the public exponent');
  if (dp !== d % p1) bad(spec, 'dp is not d mod (p−1)');
  if (dq !== d % q1) bad(spec, 'dq is not d mod (q−1)');
  if (qi <= 0n || qi >= p || (qi * q) % p !== 1n) bad(spec, 'qi is not q^−1 mod p');
  const rounds = mrRoundsFor(half);
  if (!isProbablePrime(p, { rounds, random: systemRandom }) || !isProbablePrime(q, { rounds, random: systemRandom })) {
    bad(spec, 'p or q is not prime');
  }
  return { kind: 'rsa-private', n, e, d, p, q, dp, dq, qi };
}
