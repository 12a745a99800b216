import type { EcPrivateComponents, EcPublicComponents, KeyComponents, RsaPrivateComponents, RsaPublicComponents, SecretComponents } from '../model/components.js';
import type { KeySpec, EcSpec } from '../model/spec.js';
import { bigIntToBytes, bytesToBigInt, concatBytes, fromBase64Url, toBase64Url } from '../bytes.js';
import { fail } from '../errors.js';

/** A JSON Web Key as keysmith writes it (RFC 7517 §4, RFC 7518 §6). */
export interface Jwk {
  kty: string;
  [member: string]: unknown;
}

/** RFC 7518 §2 Base64urlUInt: unsigned big-endian, minimal octets, zero as "AA". */
function uintToB64(n: bigint): string {
  return toBase64Url(bigIntToBytes(n));
}

function b64ToUint(jwk: Jwk, name: string): bigint {
  const b = member(jwk, name);
  if (b.length === 0 || (b.length > 1 && b[0] === 0)) fail('INVALID_FORMAT', `JWK: "${name}" is not a minimal Base64urlUInt (RFC 7518 §2)`);
  return bytesToBigInt(b);
}

function member(jwk: Jwk, name: string): Uint8Array {
  const v = jwk[name];
  if (typeof v !== 'string') fail('INVALID_FORMAT', `JWK: member "${name}" missing or not a string`);
  return fromBase64Url(v);
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
  }
}

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'] as const;

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
  if (typeof data === 'string') data = parseJson(data);
  if (typeof data !== 'object' || data === null || Array.isArray(data)) fail('INVALID_FORMAT', 'JWK must be a JSON object');
  const jwk = data as Jwk;
  checkOptionalMembers(jwk);
  if (jwk.kty !== kty) fail('INVALID_FORMAT', `JWK: kty must be ${JSON.stringify(kty)} for ${spec.name}`);
  if (crv !== undefined) {
    if (typeof jwk.crv !== 'string') fail('INVALID_FORMAT', 'JWK: crv missing');
    if (jwk.crv !== crv) fail('INVALID_KEY', `JWK: crv ${JSON.stringify(jwk.crv.slice(0, 32))} is not ${crv}`);
  }
  if (spec.family === 'symmetric') {
    if (!wantPrivate) fail('UNSUPPORTED', `${spec.name}: a secret key has no public JWK`);
    const secret: SecretComponents = { kind: 'secret', key: member(jwk, 'k') };
    return secret;
  }
  const hasPrivate = PRIVATE_MEMBERS.some((m) => jwk[m] !== undefined);
  if (!wantPrivate && hasPrivate) fail('INVALID_FORMAT', 'JWK: a public key must not carry private members');
  if (wantPrivate && jwk.d === undefined) fail('INVALID_FORMAT', 'JWK: private key member "d" missing');
  if (spec.family === 'rsa') {
    if (jwk.oth !== undefined) fail('UNSUPPORTED', 'JWK: multi-prime RSA ("oth") is not supported');
    const n = b64ToUint(jwk, 'n');
    const e = b64ToUint(jwk, 'e');
    if (!wantPrivate) return { kind: 'rsa-public', n, e } satisfies RsaPublicComponents;
    const priv: RsaPrivateComponents = {
      kind: 'rsa-private',
      n,
      e,
      d: b64ToUint(jwk, 'd'),
      p: b64ToUint(jwk, 'p'),
      q: b64ToUint(jwk, 'q'),
      dp: b64ToUint(jwk, 'dp'),
      dq: b64ToUint(jwk, 'dq'),
      qi: b64ToUint(jwk, 'qi'),
    };
    return priv;
  }
  const x = member(jwk, 'x');
  const y = member(jwk, 'y');
  if (x.length !== spec.fieldBytes || y.length !== spec.fieldBytes) {
    fail('INVALID_FORMAT', `JWK: x and y must be ${spec.fieldBytes} bytes (RFC 7518 §6.2.1.2)`);
  }
  const publicKey = concatBytes(Uint8Array.of(0x04), x, y);
  if (!wantPrivate) return { kind: 'ec-public', publicKey } satisfies EcPublicComponents;
  const d = member(jwk, 'd');
  if (d.length !== spec.fieldBytes) fail('INVALID_FORMAT', `JWK: d must be ${spec.fieldBytes} bytes (RFC 7518 §6.2.2.1)`);
  return { kind: 'ec-private', d, publicKey } satisfies EcPrivateComponents;
}

function parseJson(s: string): unknown {
  if (s.length > 1 << 20) fail('INVALID_FORMAT', 'JWK too large');
  try {
    return JSON.parse(s);
  } catch (e) {
    return fail('INVALID_FORMAT', 'JWK is not valid JSON', e);
  }
}

function checkOptionalMembers(jwk: Jwk): void {
  for (const m of ['use', 'alg', 'kid'] as const) {
    if (jwk[m] !== undefined && typeof jwk[m] !== 'string') fail('INVALID_FORMAT', `JWK: "${m}" must be a string`);
  }
  if (jwk.ext !== undefined && typeof jwk.ext !== 'boolean') fail('INVALID_FORMAT', 'JWK: "ext" must be a boolean');
  const ops = jwk.key_ops;
  if (ops !== undefined && (!Array.isArray(ops) || !ops.every((o) => typeof o === 'string'))) {
    fail('INVALID_FORMAT', 'JWK: "key_ops" must be an array of strings');
  }
}
