import { AsnProp, AsnPropTypes } from '@peculiar/asn1-schema';
import { Attributes, PrivateKey } from '@peculiar/asn1-pkcs8';
import { AlgorithmIdentifier, SubjectPublicKeyInfo } from '@peculiar/asn1-x509';
import { fail } from '../errors.js';
import { describeOid, parseDer, serialize, toArrayBuffer } from './der.js';

/**
 * OneAsymmetricKey (RFC 5958 §2): PrivateKeyInfo (version 0, v1) plus, in version 1 (v2), the optional
 * `[1] IMPLICIT BIT STRING` publicKey. Used by the algorithms whose AlgorithmIdentifier is a bare OID with
 * ABSENT parameters: Ed25519 (RFC 8410 §3), ML-DSA (RFC 9881 §6) and ML-KEM (the LAMPS ML-KEM draft).
 */
export class OneAsymmetricKey {
  version = 0;
  privateKeyAlgorithm = new AlgorithmIdentifier();
  privateKey = new PrivateKey();
  attributes?: Attributes;
  publicKey?: ArrayBuffer;
}
// Schema registered by calling the decorators directly, so it does not depend on the compiler's decorator mode.
AsnProp({ type: AsnPropTypes.Integer })(OneAsymmetricKey.prototype, 'version');
AsnProp({ type: AlgorithmIdentifier })(OneAsymmetricKey.prototype, 'privateKeyAlgorithm');
AsnProp({ type: PrivateKey })(OneAsymmetricKey.prototype, 'privateKey');
AsnProp({ type: Attributes, implicit: true, context: 0, optional: true })(OneAsymmetricKey.prototype, 'attributes');
AsnProp({ type: AsnPropTypes.BitString, implicit: true, context: 1, optional: true })(OneAsymmetricKey.prototype, 'publicKey');

export interface DecodedOneAsymmetricKey {
  /** The privateKey OCTET STRING's contents (the algorithm's own private-key structure). */
  readonly privateKey: Uint8Array;
  /** The v2 `[1] publicKey`, when present. */
  readonly publicKey?: Uint8Array;
}

/** A bare-OID AlgorithmIdentifier: parameters ABSENT (not NULL). */
export function bareAlgorithm(oid: string): AlgorithmIdentifier {
  return new AlgorithmIdentifier({ algorithm: oid });
}

function checkBareAlgorithm(alg: AlgorithmIdentifier, oid: string, what: string): void {
  if (alg.algorithm !== oid) fail('INVALID_FORMAT', `${what}: algorithm ${describeOid(alg.algorithm)} is not ${oid}`);
  if (alg.parameters !== undefined) fail('INVALID_FORMAT', `${what}: the algorithm's parameters must be absent`);
}

/** Version 0 without a public key, as OpenSSL and the LAMPS examples write it; v2 with `publicKey` on request. */
export function encodeOneAsymmetricKey(oid: string, privateKey: Uint8Array, publicKey?: Uint8Array): Uint8Array {
  const key = new OneAsymmetricKey();
  key.version = publicKey === undefined ? 0 : 1;
  key.privateKeyAlgorithm = bareAlgorithm(oid);
  key.privateKey = new PrivateKey(toArrayBuffer(privateKey));
  if (publicKey !== undefined) key.publicKey = toArrayBuffer(publicKey);
  return serialize(key);
}

export function decodeOneAsymmetricKey(der: Uint8Array, oid: string, what: string): DecodedOneAsymmetricKey {
  const info = parseDer(der, OneAsymmetricKey, what);
  if (info.version !== 0 && info.version !== 1) fail('INVALID_FORMAT', `${what}: version must be 0 or 1`);
  if (info.version === 0 && info.publicKey !== undefined) fail('INVALID_FORMAT', `${what}: a version 0 key cannot carry a public key (RFC 5958 §2)`);
  checkBareAlgorithm(info.privateKeyAlgorithm, oid, what);
  const privateKey = new Uint8Array(info.privateKey.buffer);
  return info.publicKey === undefined ? { privateKey } : { privateKey, publicKey: new Uint8Array(info.publicKey) };
}

/** SubjectPublicKeyInfo (RFC 5280 §4.1.2.7) with a bare-OID algorithm and the raw public key as the BIT STRING. */
export function encodeBareSpki(oid: string, publicKey: Uint8Array): Uint8Array {
  return serialize(new SubjectPublicKeyInfo({ algorithm: bareAlgorithm(oid), subjectPublicKey: toArrayBuffer(publicKey) }));
}

export function decodeBareSpki(der: Uint8Array, oid: string, what: string): Uint8Array {
  const info = parseDer(der, SubjectPublicKeyInfo, what);
  checkBareAlgorithm(info.algorithm, oid, what);
  return new Uint8Array(info.subjectPublicKey);
}
