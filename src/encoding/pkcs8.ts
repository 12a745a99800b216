import { PrivateKeyInfo, PrivateKey } from '@peculiar/asn1-pkcs8';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import type { PrivateComponents } from '../model/components.js';
import type { EcSpec, RsaSpec } from '../model/spec.js';

/** The specs whose PKCS#8 / SPKI this file writes (Ed25519 and ML-DSA/ML-KEM: src/encoding/okp-pq-formats.ts). */
type ClassicSpec = RsaSpec | EcSpec;
import { equalBytes } from '../bytes.js';
import { fail } from '../errors.js';
import { derNull, OID_EC_PUBLIC_KEY, OID_RSA_ENCRYPTION, checkCurveParameters, describeOid, namedCurveDer, parseDer, serialize, toArrayBuffer } from './der.js';
import { decodeRsaPrivateKey, encodeRsaPrivateKey } from './pkcs1.js';
import { decodeEcPrivateKey, encodeEcPrivateKey } from './sec1.js';

/** The AlgorithmIdentifier OpenSSL 3 writes for a spec (RFC 8017 App. A.1, RFC 5480 §2.1.1). */
export function algorithmFor(spec: ClassicSpec): AlgorithmIdentifier {
  return spec.family === 'rsa'
    ? new AlgorithmIdentifier({ algorithm: OID_RSA_ENCRYPTION, parameters: toArrayBuffer(derNull()) })
    : new AlgorithmIdentifier({ algorithm: OID_EC_PUBLIC_KEY, parameters: toArrayBuffer(namedCurveDer(spec.curveOid)) });
}

/** Requires the AlgorithmIdentifier to be the one for `spec`: wrong algorithm → INVALID_FORMAT, wrong curve → INVALID_KEY. */
export function checkAlgorithm(spec: ClassicSpec, alg: AlgorithmIdentifier, what: string): void {
  if (spec.family === 'rsa') {
    if (alg.algorithm !== OID_RSA_ENCRYPTION) fail('INVALID_FORMAT', `${what}: algorithm ${describeOid(alg.algorithm)} is not rsaEncryption`);
    // The parser hands a NULL back as `null`; parseDer already required it to be DER (05 00).
    const params = alg.parameters;
    if (params !== null && (params === undefined || !equalBytes(new Uint8Array(params), derNull()))) {
      fail('INVALID_FORMAT', `${what}: rsaEncryption parameters must be NULL`);
    }
    return;
  }
  if (alg.algorithm !== OID_EC_PUBLIC_KEY) fail('INVALID_FORMAT', `${what}: algorithm ${describeOid(alg.algorithm)} is not id-ecPublicKey`);
  checkCurveParameters(alg.parameters ?? undefined, spec.curveOid, what);
}

/** PrivateKeyInfo (RFC 5208 §5), laid out byte for byte as `openssl genpkey` writes it. */
export function encodePkcs8(spec: ClassicSpec, c: PrivateComponents): Uint8Array {
  let inner: Uint8Array;
  if (spec.family === 'rsa' && c.kind === 'rsa-private') inner = encodeRsaPrivateKey(c);
  else if (spec.family === 'ec' && c.kind === 'ec-private') inner = encodeEcPrivateKey(spec, c, false);
  else fail('INVALID_ARGUMENT', `${spec.name}: components of kind ${c.kind} do not belong to this spec`);
  return serialize(new PrivateKeyInfo({ version: 0, privateKeyAlgorithm: algorithmFor(spec), privateKey: new PrivateKey(toArrayBuffer(inner)) }));
}

export function decodePkcs8(spec: ClassicSpec, der: Uint8Array): PrivateComponents {
  const info = parseDer(der, PrivateKeyInfo, 'PKCS#8');
  if (info.version !== 0) fail('INVALID_FORMAT', 'PKCS#8: version must be 0');
  checkAlgorithm(spec, info.privateKeyAlgorithm, 'PKCS#8');
  const inner = new Uint8Array(info.privateKey.buffer);
  return spec.family === 'rsa' ? decodeRsaPrivateKey(inner) : decodeEcPrivateKey(spec, inner, 'PKCS#8 ECPrivateKey');
}
