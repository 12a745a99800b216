import type { AsymmetricSpec, KeySpec, Usage } from '../model/spec.js';
import type { KeyAttributes } from '../model/attributes.js';
import { namedCurveDer } from '../encoding/der.js';
import { bigIntToBytes } from '../bytes.js';
import { CKA, CKK, CKO } from './constants.js';

/** One PKCS #11 attribute as pkcs11js takes it. */
export interface Attribute {
  readonly type: number;
  readonly value?: number | boolean | string | Buffer;
}

/**
 * Every attribute template keysmith gives a token, in one place (PKCS #11 v2.40 §4.7–4.9).
 *
 * keysmith `attributes` → token attributes:
 * - `persistent` → CKA_TOKEN (false: a session object, gone when the session closes).
 * - `extractable` (plaintext export through exportKey) → CKA_SENSITIVE = !extractable. CKA_EXTRACTABLE is
 *   always true: every secret and private key may leave the token *wrapped* (C_WrapKey), which is what a
 *   cloud import needs, but a sensitive key never leaves in plaintext (§4.9: a sensitive key's CKA_VALUE
 *   and private components cannot be read).
 * - `label` → CKA_LABEL, `id` → CKA_ID.
 * Private and secret objects are CKA_PRIVATE (only a logged-in user sees them); public objects are not.
 * Usage → operation flags: SIGN_VERIFY gives CKA_SIGN / CKA_VERIFY; ENCRYPT_DECRYPT gives CKA_DECRYPT and
 * CKA_UNWRAP to the private half, CKA_ENCRYPT and CKA_WRAP to the public half; KEY_AGREEMENT gives CKA_DERIVE
 * (a common key attribute, §4.7) to both halves. An AES key gets encrypt/decrypt/wrap/unwrap and
 * CKA_SIGN/CKA_VERIFY (CMAC, for its key check value); an HMAC key is a CKK_GENERIC_SECRET (the key type the
 * CKM_SHA*_HMAC mechanisms take on every token; SoftHSM also takes CKK_SHA256_HMAC etc.) with CKA_SIGN/CKA_VERIFY only.
 */
function naming(attributes: KeyAttributes): Attribute[] {
  const out: Attribute[] = [{ type: CKA.TOKEN, value: attributes.persistent }];
  if (attributes.label !== undefined) out.push({ type: CKA.LABEL, value: attributes.label });
  if (attributes.id !== undefined) out.push({ type: CKA.ID, value: Buffer.from(attributes.id) });
  return out;
}

function protection(attributes: KeyAttributes): Attribute[] {
  return [
    { type: CKA.PRIVATE, value: true },
    { type: CKA.SENSITIVE, value: !attributes.extractable },
    { type: CKA.EXTRACTABLE, value: true },
  ];
}

function keyType(spec: KeySpec): number {
  switch (spec.family) {
    case 'symmetric':
      return spec.algorithm === 'HMAC' ? CKK.GENERIC_SECRET : CKK.AES;
    case 'rsa':
      return CKK.RSA;
    case 'edwards':
      return CKK.EC_EDWARDS;
    default:
      return CKK.EC;
  }
}

/**
 * CKA_EC_PARAMS: the curve's DER OID. For Ed25519 PKCS #11 v3.0 ("EC Edwards" key objects) allows the OID 1.3.101.112 (RFC 8410)
 * or the PrintableString "edwards25519"; SoftHSM 2.6 reads both (OSSL::byteString2oid): keysmith gives the OID.
 */
export function ecParams(spec: AsymmetricSpec): Buffer | undefined {
  if (spec.family === 'ec') return Buffer.from(namedCurveDer(spec.curveOid));
  if (spec.family === 'edwards') return Buffer.from(namedCurveDer(spec.oid));
  return undefined;
}

function usageFlags(usage: Usage, half: 'private' | 'public'): Attribute[] {
  switch (usage) {
    case 'SIGN_VERIFY':
      return [{ type: half === 'private' ? CKA.SIGN : CKA.VERIFY, value: true }];
    case 'KEY_AGREEMENT':
      return [{ type: CKA.DERIVE, value: true }];
    default:
      return half === 'private' ? [{ type: CKA.DECRYPT, value: true }, { type: CKA.UNWRAP, value: true }] : [{ type: CKA.ENCRYPT, value: true }, { type: CKA.WRAP, value: true }];
  }
}

/** A secret key (generated with CKA_VALUE_LEN, imported with CKA_VALUE, or unwrapped). */
export function secretTemplate(spec: KeySpec & { family: 'symmetric' }, attributes: KeyAttributes, how: 'generate' | 'unwrap' | { value: Uint8Array }): Attribute[] {
  const t: Attribute[] = [
    { type: CKA.CLASS, value: CKO.SECRET_KEY },
    { type: CKA.KEY_TYPE, value: keyType(spec) },
    ...naming(attributes),
    ...protection(attributes),
    ...(spec.algorithm === 'HMAC' ? [] : [
      { type: CKA.ENCRYPT, value: true },
      { type: CKA.DECRYPT, value: true },
      { type: CKA.WRAP, value: true },
      { type: CKA.UNWRAP, value: true },
    ]),
    { type: CKA.SIGN, value: true },
    { type: CKA.VERIFY, value: true },
  ];
  if (how === 'generate') t.push({ type: CKA.VALUE_LEN, value: spec.keyBytes });
  else if (how !== 'unwrap') t.push({ type: CKA.VALUE, value: Buffer.from(how.value) });
  return t;
}

/** An ephemeral AES-256 session key for RSA AES KEY WRAP: never persistent, sensitive, wrappable. */
export function ephemeralAesTemplate(generate: boolean): Attribute[] {
  const t: Attribute[] = [
    { type: CKA.CLASS, value: CKO.SECRET_KEY },
    { type: CKA.KEY_TYPE, value: CKK.AES },
    { type: CKA.TOKEN, value: false },
    { type: CKA.PRIVATE, value: true },
    { type: CKA.SENSITIVE, value: true },
    { type: CKA.EXTRACTABLE, value: true },
    { type: CKA.WRAP, value: true },
    { type: CKA.UNWRAP, value: true },
  ];
  if (generate) t.push({ type: CKA.VALUE_LEN, value: 32 });
  return t;
}

/** The private half; `values` are the components for an import (CKA_VALUE for EC and Ed25519, the CRT set for RSA). */
export function privateTemplate(spec: AsymmetricSpec, usage: Usage, attributes: KeyAttributes, values: Attribute[] = []): Attribute[] {
  const ops = usageFlags(usage, 'private');
  const t: Attribute[] = [
    { type: CKA.CLASS, value: CKO.PRIVATE_KEY },
    { type: CKA.KEY_TYPE, value: keyType(spec) },
    ...naming(attributes),
    ...protection(attributes),
    ...ops,
    ...values,
  ];
  const params = ecParams(spec);
  if (params && values.length > 0) t.push({ type: CKA.EC_PARAMS, value: params });
  return t;
}

/**
 * The public half. For generation: RSA modulus bits and e (65537), or the EC / Edwards curve as its DER OID in
 * CKA_EC_PARAMS (how SM2, secp256k1 and P-521 are asked for: there is no CKM for a curve). For an import,
 * `values` carry CKA_MODULUS/CKA_PUBLIC_EXPONENT or CKA_EC_POINT.
 */
export function publicTemplate(spec: AsymmetricSpec, usage: Usage, attributes: KeyAttributes, values?: Attribute[]): Attribute[] {
  const ops = usageFlags(usage, 'public');
  const t: Attribute[] = [
    { type: CKA.CLASS, value: CKO.PUBLIC_KEY },
    { type: CKA.KEY_TYPE, value: keyType(spec) },
    ...naming(attributes),
    { type: CKA.PRIVATE, value: false },
    ...ops,
  ];
  const params = ecParams(spec);
  if (params) t.push({ type: CKA.EC_PARAMS, value: params });
  if (values) t.push(...values);
  else if (spec.family === 'rsa') {
    t.push({ type: CKA.MODULUS_BITS, value: spec.bits }, { type: CKA.PUBLIC_EXPONENT, value: Buffer.from(bigIntToBytes(spec.publicExponent)) });
  }
  return t;
}

/**
 * The secret C_DeriveKey makes from CKM_ECDH1_DERIVE with CKD_NULL: a CKK_GENERIC_SECRET session object of the
 * field's length, readable (not sensitive, extractable) so that CKA_VALUE can be read once and the object
 * destroyed. The private key it comes from stays sensitive.
 */
export function derivedSecretTemplate(bytes: number): Attribute[] {
  return [
    { type: CKA.CLASS, value: CKO.SECRET_KEY },
    { type: CKA.KEY_TYPE, value: CKK.GENERIC_SECRET },
    { type: CKA.TOKEN, value: false },
    { type: CKA.PRIVATE, value: true },
    { type: CKA.SENSITIVE, value: false },
    { type: CKA.EXTRACTABLE, value: true },
    { type: CKA.VALUE_LEN, value: bytes },
  ];
}
