import { RSAPrivateKey, RSAPublicKey } from '@peculiar/asn1-rsa';
import type { RsaPrivateComponents, RsaPublicComponents } from '../model/components.js';
import { fail } from '../errors.js';
import { asnToUint, parseDer, serialize, uintToAsn } from './der.js';

/** RSAPrivateKey, RFC 8017 App. A.1.2, two-prime (version 0). */
export function encodeRsaPrivateKey(c: RsaPrivateComponents): Uint8Array {
  return serialize(
    new RSAPrivateKey({
      version: 0,
      modulus: uintToAsn(c.n),
      publicExponent: uintToAsn(c.e),
      privateExponent: uintToAsn(c.d),
      prime1: uintToAsn(c.p),
      prime2: uintToAsn(c.q),
      exponent1: uintToAsn(c.dp),
      exponent2: uintToAsn(c.dq),
      coefficient: uintToAsn(c.qi),
    }),
  );
}

export function decodeRsaPrivateKey(der: Uint8Array): RsaPrivateComponents {
  const k = parseDer(der, RSAPrivateKey, 'RSAPrivateKey');
  // version 1 means multi-prime (otherPrimeInfos present), which keysmith does not support (RFC 8017 App. A.1.2).
  if (k.version !== 0 || k.otherPrimeInfos !== undefined) fail('UNSUPPORTED', 'RSAPrivateKey: only two-prime keys (version 0) are supported');
  return {
    kind: 'rsa-private',
    n: asnToUint(k.modulus, 'RSAPrivateKey.modulus'),
    e: asnToUint(k.publicExponent, 'RSAPrivateKey.publicExponent'),
    d: asnToUint(k.privateExponent, 'RSAPrivateKey.privateExponent'),
    p: asnToUint(k.prime1, 'RSAPrivateKey.prime1'),
    q: asnToUint(k.prime2, 'RSAPrivateKey.prime2'),
    dp: asnToUint(k.exponent1, 'RSAPrivateKey.exponent1'),
    dq: asnToUint(k.exponent2, 'RSAPrivateKey.exponent2'),
    qi: asnToUint(k.coefficient, 'RSAPrivateKey.coefficient'),
  };
}

/** RSAPublicKey, RFC 8017 App. A.1.1. */
export function encodeRsaPublicKey(c: { n: bigint; e: bigint }): Uint8Array {
  return serialize(new RSAPublicKey({ modulus: uintToAsn(c.n), publicExponent: uintToAsn(c.e) }));
}

export function decodeRsaPublicKey(der: Uint8Array): RsaPublicComponents {
  const k = parseDer(der, RSAPublicKey, 'RSAPublicKey');
  return {
    kind: 'rsa-public',
    n: asnToUint(k.modulus, 'RSAPublicKey.modulus'),
    e: asnToUint(k.publicExponent, 'RSAPublicKey.publicExponent'),
  };
}
