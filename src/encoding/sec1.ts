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
 * Reads an ECPrivateKey. When [0] parameters are present they must name the spec's curve; when absent, the
 * key is taken to be on the spec's curve (RFC 5915 §3 lets the context name it). An absent [1] publicKey
 * comes back as an empty `publicKey`, which validateComponents fills in with d·G; a [1] that is present but
 * empty is refused, as OpenSSL does.
 *
 * A privateKey shorter than the field is left-padded with zeros: RFC 5915 §3 asks writers for
 * ceiling(log2(n)/8) octets, but some (Botan 2.x) drop leading zero bytes, and OpenSSL, Go, Python
 * `cryptography` and Bouncy Castle read such keys. The scalar is validated as usual after padding; `raw`
 * import stays strict, and export always writes the full length.
 */
export function decodeEcPrivateKey(spec: EcSpec, der: Uint8Array, what = 'ECPrivateKey'): EcPrivateComponents {
  const k = parseDer(der, ECPrivateKey, what);
  if (k.version !== 1) fail('INVALID_FORMAT', `${what}: version must be 1`);
  if (k.parameters !== undefined) {
    checkCurveParameters(new Uint8Array(AsnConvert.serialize(k.parameters)), spec.curveOid, what);
  }
  if (k.publicKey !== undefined && k.publicKey.byteLength === 0) fail('INVALID_KEY', `${what}: publicKey [1] is present but empty`);
  return {
    kind: 'ec-private',
    d: fullLengthScalar(spec, new Uint8Array(k.privateKey.buffer), what),
    publicKey: k.publicKey === undefined ? new Uint8Array(0) : new Uint8Array(k.publicKey),
  };
}

function fullLengthScalar(spec: EcSpec, d: Uint8Array, what: string): Uint8Array {
  if (d.length === 0) fail('INVALID_KEY', `${what}: privateKey is empty`);
  if (d.length >= spec.fieldBytes) return d; // longer is refused by validation, with the raw format's message
  const out = new Uint8Array(spec.fieldBytes);
  out.set(d, spec.fieldBytes - d.length);
  d.fill(0);
  return out;
}
