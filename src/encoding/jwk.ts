import type { EcPrivateComponents, EcPublicComponents, KeyComponents, RsaPrivateComponents, RsaPublicComponents, SecretComponents } from '../model/components.js';
import type { KeySpec, EcSpec } from '../model/spec.js';
import { bigIntToBytes, bytesToBigInt, concatBytes, fromBase64Url, toBase64Url } from '../bytes.js';
import { fail, KeysmithError } from '../errors.js';
import { jwkMemberCap, MAX_KEY_OPS, textCap } from './limits.js';

import type { Jwk } from '../model/jwk.js';

export type { Jwk };

/** RFC 7518 §2 Base64urlUInt: unsigned big-endian, minimal octets, zero as "AA". */
function uintToB64(n: bigint): string {
  return toBase64Url(bigIntToBytes(n));
}

function b64ToUint(jwk: JwkMembers, name: string, spec: KeySpec): bigint {
  const b = member(jwk, name, spec);
  if (b.length === 0 || (b.length > 1 && b[0] === 0)) fail('INVALID_FORMAT', `JWK: "${name}" is not a minimal Base64urlUInt (RFC 7518 §2)`);
  return bytesToBigInt(b);
}

/**
 * Decodes a base64url member, its length bounded before any work by the registry's largest component (not
 * the spec's: an RSA_4096 key given as RSA_2048 parses, and validation calls it the wrong size, INVALID_KEY).
 */
function member(jwk: JwkMembers, name: string, _spec: KeySpec): Uint8Array {
  const v = jwk[name];
  if (typeof v !== 'string') fail('INVALID_FORMAT', `JWK: member "${name}" missing or not a string`);
  const cap = jwkMemberCap();
  if (v.length > cap) fail('INVALID_FORMAT', `JWK: "${name}" is ${v.length} characters, more than any key in the registry has (at most ${cap})`);
  try {
    return fromBase64Url(v);
  } catch {
    return fail('INVALID_FORMAT', `JWK: "${name}" is not base64url`);
  }
}

/**
 * SM2 has no JWK curve name in the IANA "JSON Web Key Elliptic Curve" registry (RFC 7518 §7.6, RFC 8812 §3),
 * so the spec carries no `jwk` entry and keysmith refuses JWK for it both ways rather than invent a name.
 */
function jwkParams(spec: KeySpec): { kty: string; crv?: string } {
  if (!spec.jwk) fail('UNSUPPORTED', `${spec.name}: no registered JWK representation`);
  return spec.jwk;
}

function ecCoordinates(spec: EcSpec, point: Uint8Array): { x: string; y: string } {
  const n = spec.fieldBytes;
  // Only the uncompressed form carries both coordinates; RFC 7518 §6.2.1.2/3 want each exactly fieldBytes long.
  if (point.length !== 1 + 2 * n || point[0] !== 0x04) fail('INVALID_ARGUMENT', `${spec.name}: public key must be an uncompressed point`);
  return { x: toBase64Url(point.subarray(1, 1 + n)), y: toBase64Url(point.subarray(1 + n)) };
}

export function encodeJwk(spec: KeySpec, c: KeyComponents): Jwk {
  const { kty, crv } = jwkParams(spec);
  switch (c.kind) {
    case 'secret':
      return { kty, k: toBase64Url(c.key) };
    case 'rsa-public':
      return { kty, n: uintToB64(c.n), e: uintToB64(c.e) };
    case 'rsa-private':
      return {
        kty,
        n: uintToB64(c.n),
        e: uintToB64(c.e),
        d: uintToB64(c.d),
        p: uintToB64(c.p),
        q: uintToB64(c.q),
        dp: uintToB64(c.dp),
        dq: uintToB64(c.dq),
        qi: uintToB64(c.qi),
      };
    case 'ec-public':
      return { kty, crv, ...ecCoordinates(spec as EcSpec, c.publicKey) };
    case 'ec-private': {
      const ec = spec as EcSpec;
      if (c.d.length !== ec.fieldBytes) fail('INVALID_ARGUMENT', `${spec.name}: private scalar must be ${ec.fieldBytes} bytes`);
      return { kty, crv, ...ecCoordinates(ec, c.publicKey), d: toBase64Url(c.d) };
    }
    default:
      // OKP and AKP keys are written by src/encoding/okp-pq-formats.ts
      return fail('UNSUPPORTED', `${spec.name}: components of kind ${c.kind} are not written here`);
  }
}

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'] as const;
/** Every member keysmith reads; nothing else of a JWK is looked at. */
const READ_MEMBERS = ['kty', 'crv', 'n', 'e', 'x', 'y', ...PRIVATE_MEMBERS, 'use', 'alg', 'kid', 'ext', 'key_ops'] as const;

/** The members keysmith reads, as plain own values: never inherited ones, never read twice. */
type JwkMembers = Readonly<Record<string, unknown>>;

/**
 * Copies the members keysmith reads, once each, reading only the object's own properties (`Object.hasOwn`):
 * a polluted `Object.prototype.k` is not a member. A getter that throws or a Proxy trap is INVALID_FORMAT.
 */
function snapshot(jwk: object, members: readonly string[] = READ_MEMBERS): JwkMembers {
  const out: Record<string, unknown> = Object.create(null);
  try {
    for (const m of members) if (Object.hasOwn(jwk, m)) out[m] = (jwk as Record<string, unknown>)[m];
  } catch {
    fail('INVALID_FORMAT', 'JWK: a member could not be read');
  }
  return out;
}

/** JSON text parsed, then a plain object (not an array, not null, not a revoked Proxy), or INVALID_FORMAT. */
function jwkObject(data: unknown): object {
  if (typeof data === 'string') data = parseJson(data);
  if (typeof data !== 'object' || data === null) fail('INVALID_FORMAT', 'JWK must be a JSON object');
  let isArray: boolean;
  try {
    isArray = Array.isArray(data);
  } catch {
    return fail('INVALID_FORMAT', 'JWK must be a JSON object'); // a revoked Proxy
  }
  if (isArray) fail('INVALID_FORMAT', 'JWK must be a JSON object');
  return data;
}

/**
 * Reads a JWK for `spec`. `wantPrivate` selects the format: 'jwk' (secret or private key) or 'jwk-public'.
 * kty must match the spec (INVALID_FORMAT); crv must be present and equal the spec's (another curve's name,
 * including the draft secp256k1 name "P-256K" that RFC 8812 §3.1 replaced, is INVALID_KEY). `use`,
 * `key_ops`, `alg`, `kid`, `ext` are type-checked and otherwise ignored: the key's usage is fixed by the
 * import call, not by the JWK. An RSA private JWK must carry all CRT members (RFC 7518 §6.3.2 makes them
 * optional, but keysmith keeps CRT values and does not recompute them); `oth` (multi-prime) is UNSUPPORTED.
 */
export function decodeJwk(spec: KeySpec, data: unknown, wantPrivate: boolean): KeyComponents {
  const { kty, crv } = jwkParams(spec);
  const jwk = snapshot(jwkObject(data));
  checkOptionalMembers(jwk);
  if (jwk.kty !== kty) fail('INVALID_FORMAT', `JWK: kty must be ${JSON.stringify(kty)} for ${spec.name}, got ${describeJwkName(jwk.kty, KTYS)}`);
  if (crv !== undefined) {
    if (typeof jwk.crv !== 'string') fail('INVALID_FORMAT', 'JWK: crv missing');
    // only registered curve names are quoted: a crv holding anything else (a d pasted there) is never echoed
    if (jwk.crv !== crv) fail('INVALID_KEY', `JWK: crv ${describeJwkName(jwk.crv, CRVS)} is not ${crv}`);
  }
  if (spec.family === 'symmetric') {
    if (!wantPrivate) fail('UNSUPPORTED', `${spec.name}: a secret key has no public JWK`);
    const secret: SecretComponents = { kind: 'secret', key: member(jwk, 'k', spec) };
    return secret;
  }
  const hasPrivate = PRIVATE_MEMBERS.some((m) => jwk[m] !== undefined);
  if (!wantPrivate && hasPrivate) fail('INVALID_FORMAT', 'JWK: a public key must not carry private members');
  if (wantPrivate && jwk.d === undefined) fail('INVALID_FORMAT', 'JWK: private key member "d" missing');
  if (spec.family === 'rsa') {
    if (jwk.oth !== undefined) fail('UNSUPPORTED', 'JWK: multi-prime RSA ("oth") is not supported');
    const n = b64ToUint(jwk, 'n', spec);
    const e = b64ToUint(jwk, 'e', spec);
    if (!wantPrivate) return { kind: 'rsa-public', n, e } satisfies RsaPublicComponents;
    const priv: RsaPrivateComponents = {
      kind: 'rsa-private',
      n,
      e,
      d: b64ToUint(jwk, 'd', spec),
      p: b64ToUint(jwk, 'p', spec),
      q: b64ToUint(jwk, 'q', spec),
      dp: b64ToUint(jwk, 'dp', spec),
      dq: b64ToUint(jwk, 'dq', spec),
      qi: b64ToUint(jwk, 'qi', spec),
    };
    return priv;
  }
  if (spec.family !== 'ec') return fail('UNSUPPORTED', `${spec.name}: not read here (src/encoding/okp-pq-formats.ts)`);
  const x = member(jwk, 'x', spec);
  const y = member(jwk, 'y', spec);
  if (x.length !== spec.fieldBytes || y.length !== spec.fieldBytes) {
    fail('INVALID_FORMAT', `JWK: x and y must be ${spec.fieldBytes} bytes (RFC 7518 §6.2.1.2)`);
  }
  const publicKey = concatBytes(Uint8Array.of(0x04), x, y);
  if (!wantPrivate) return { kind: 'ec-public', publicKey } satisfies EcPublicComponents;
  const d = member(jwk, 'd', spec);
  if (d.length !== spec.fieldBytes) fail('INVALID_FORMAT', `JWK: d must be ${spec.fieldBytes} bytes (RFC 7518 §6.2.2.1)`);
  return { kind: 'ec-private', d, publicKey } satisfies EcPrivateComponents;
}

/**
 * A JWK (object or JSON text) as the plain own members named in `members` (plus the optional RFC 7517 members,
 * type-checked): the same hygiene as decodeJwk (no inherited members, no getter read twice, text and member
 * lengths capped by the registry's largest key), for the OKP and AKP readers.
 */
export function jwkMembers(data: unknown, members: readonly string[]): Record<string, unknown> {
  const jwk = snapshot(jwkObject(data), [...new Set([...members, 'use', 'alg', 'kid', 'ext', 'key_ops'])]);
  checkOptionalMembers(jwk);
  const cap = jwkMemberCap();
  for (const m of members) {
    const v = jwk[m];
    if (typeof v === 'string' && v.length > cap) fail('INVALID_FORMAT', `JWK: "${m}" is ${v.length} characters, more than any key in the registry has (at most ${cap})`);
  }
  return { ...jwk };
}

/** A required base64url member of a jwkMembers record (OKP `x`, AKP `pub`), as bytes. */
export function publicMember(jwk: Record<string, unknown>, name: string): Uint8Array {
  const v = jwk[name];
  if (typeof v !== 'string') fail('INVALID_FORMAT', `JWK: member "${name}" missing or not a string`);
  return fromBase64Url(v);
}

/**
 * The private member of a jwkMembers record (OKP `d`, AKP `priv`), as bytes: required when the format is the
 * private one, refused on a public key (INVALID_FORMAT), undefined on a public key without it.
 */
export function privateMember(jwk: Record<string, unknown>, name: string, wantPrivate: boolean): Uint8Array | undefined {
  const v = jwk[name];
  if (v === undefined) {
    if (wantPrivate) fail('INVALID_FORMAT', `JWK: a private key needs "${name}"`);
    return undefined;
  }
  if (!wantPrivate) fail('INVALID_FORMAT', `JWK: a public key must not carry "${name}"`);
  if (typeof v !== 'string') fail('INVALID_FORMAT', `JWK: member "${name}" is not a string`);
  return fromBase64Url(v);
}

/** RFC 7518 §6.1 key types and the curve names of RFC 7518 §6.2.1.1 and RFC 8812 §3.1, the only ones a message quotes. */
const KTYS: ReadonlySet<string> = new Set(['EC', 'RSA', 'oct', 'OKP', 'AKP']);
const CRVS: ReadonlySet<string> = new Set(['P-256', 'P-384', 'P-521', 'secp256k1', 'P-256K', 'Ed25519', 'Ed448', 'X25519', 'X448']);

function describeJwkName(v: unknown, known: ReadonlySet<string>): string {
  if (typeof v === 'string') return known.has(v) ? JSON.stringify(v) : `a string of ${v.length} characters`;
  return v === undefined ? 'none' : v === null ? 'null' : Array.isArray(v) ? 'an array' : `a ${typeof v}`;
}

function parseJson(s: string): unknown {
  const cap = textCap();
  if (s.length > cap) fail('INVALID_FORMAT', `JWK text of ${s.length} characters is larger than any key (at most ${cap})`);
  try {
    return JSON.parse(s);
  } catch {
    // JSON.parse's message quotes the text around the error, which may be key material: no cause attached
    return fail('INVALID_FORMAT', 'JWK is not valid JSON');
  }
}

function checkOptionalMembers(jwk: JwkMembers): void {
  for (const m of ['use', 'alg', 'kid'] as const) {
    if (jwk[m] !== undefined && typeof jwk[m] !== 'string') fail('INVALID_FORMAT', `JWK: "${m}" must be a string`);
  }
  if (jwk.ext !== undefined && typeof jwk.ext !== 'boolean') fail('INVALID_FORMAT', 'JWK: "ext" must be a boolean');
  const ops = jwk.key_ops;
  if (ops === undefined) return;
  try {
    if (!Array.isArray(ops)) fail('INVALID_FORMAT', 'JWK: "key_ops" must be an array of strings');
    // bounded before walking: a sparse array's length can be 2^32 − 1 (RFC 7517 §4.3 defines eight values)
    const n = ops.length;
    if (n > MAX_KEY_OPS) fail('INVALID_FORMAT', `JWK: "key_ops" has ${n} entries (at most ${MAX_KEY_OPS})`);
    for (let i = 0; i < n; i++) {
      if (typeof ops[i] !== 'string') fail('INVALID_FORMAT', 'JWK: "key_ops" must be an array of strings');
    }
  } catch (e) {
    if (e instanceof KeysmithError) throw e;
    fail('INVALID_FORMAT', 'JWK: "key_ops" could not be read');
  }
}
