import { SubjectPublicKeyInfo } from '@peculiar/asn1-x509';
import type { PublicComponents } from '../model/components.js';
import type { EcSpec, RsaSpec } from '../model/spec.js';

/** The specs whose PKCS#8 / SPKI this file writes (Ed25519 and ML-DSA/ML-KEM: src/encoding/okp-pq-formats.ts). */
type ClassicSpec = RsaSpec | EcSpec;
import { fail } from '../errors.js';
import { parseDer, serialize, toArrayBuffer } from './der.js';
import { algorithmFor, checkAlgorithm } from './pkcs8.js';
import { decodeRsaPublicKey, encodeRsaPublicKey } from './pkcs1.js';

/** SubjectPublicKeyInfo (RFC 5280 §4.1.2.7): RSAPublicKey for RSA (RFC 3279 §2.3.1), the SEC 1 point for EC (RFC 5480 §2.2). */
export function encodeSpki(spec: ClassicSpec, c: PublicComponents): Uint8Array {
  let key: Uint8Array;
  if (spec.family === 'rsa' && c.kind === 'rsa-public') key = encodeRsaPublicKey(c);
  else if (spec.family === 'ec' && c.kind === 'ec-public') key = c.publicKey;
  else fail('INVALID_ARGUMENT', `${spec.name}: components of kind ${c.kind} do not belong to this spec`);
  return serialize(new SubjectPublicKeyInfo({ algorithm: algorithmFor(spec), subjectPublicKey: toArrayBuffer(key) }));
}

/** Structure only: an EC point (compressed or not) comes back as given; validateComponents checks and normalises it. */
export function decodeSpki(spec: ClassicSpec, der: Uint8Array): PublicComponents {
  const info = parseDer(der, SubjectPublicKeyInfo, 'SPKI');
  checkAlgorithm(spec, info.algorithm, 'SPKI');
  const key = new Uint8Array(info.subjectPublicKey);
  return spec.family === 'rsa' ? decodeRsaPublicKey(key) : { kind: 'ec-public', publicKey: key };
}
