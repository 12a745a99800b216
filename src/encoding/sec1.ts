import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { ECParameters, ECPrivateKey } from '@peculiar/asn1-ecc';
import type { EcPrivateComponents } from '../model/components.js';
import type { EcSpec } from '../model/spec.js';
import { fail } from '../errors.js';
import { checkCurveParameters, parseDer, serialize, toArrayBuffer } from './der.js';

/**
 * ECPrivateKey, RFC 5915 §3 / SEC 1 §C.4. `withParameters` writes the [0] namedCurve, as `openssl ec` does
 * for the standalone (SEC 1) form; inside PKCS#8 OpenSSL omits it because the AlgorithmIdentifier names
 * the curve (RFC 5915 §3 allows either).
 */
export function encodeEcPrivateKey(spec: EcSpec, c: EcPrivateComponents, withParameters: boolean): Uint8Array {
  const key = new ECPrivateKey({
    version: 1,
    privateKey: new OctetString(toArrayBuffer(c.d)),
    publicKey: toArrayBuffer(c.publicKey),
  });
  if (withParameters) key.parameters = new ECParameters({ namedCurve: spec.curveOid });
  return serialize(key);
}

/**
 * Reads an ECPrivateKey. When [0] parameters are present they must name the spec's curve. An absent [1]
 * publicKey comes back as an empty `publicKey`, which validateComponents fills in with d·G.
 */
export function decodeEcPrivateKey(spec: EcSpec, der: Uint8Array, what = 'ECPrivateKey'): EcPrivateComponents {
  const k = parseDer(der, ECPrivateKey, what);
  if (k.version !== 1) fail('INVALID_FORMAT', `${what}: version must be 1`);
  if (k.parameters !== undefined) {
    checkCurveParameters(new Uint8Array(AsnConvert.serialize(k.parameters)), spec.curveOid, what);
  }
  return {
    kind: 'ec-private',
    d: new Uint8Array(k.privateKey.buffer),
    publicKey: k.publicKey === undefined ? new Uint8Array(0) : new Uint8Array(k.publicKey),
  };
}
