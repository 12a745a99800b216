import { ecdsa } from '@noble/curves/abstract/weierstrass.js';
import { sha256, sha384 } from '@noble/hashes/sha2.js';
import type { CHash } from '@noble/hashes/utils.js';
import type { AsymmetricSpec, EcSpec, EncryptionScheme, SignatureScheme } from '../../model/spec.js';
import type { PrivateComponents, PublicComponents, RsaPrivateComponents, RsaPublicComponents, EcPrivateComponents, EcPublicComponents } from '../../model/components.js';
import { pointGroup } from '../../ec/curves.js';
import { signPkcs1v15, verifyPkcs1v15 } from '../../rsa/pkcs1-signature.js';
import { oaepDecrypt, oaepEncrypt } from '../../rsa/oaep.js';
import { sm2Sign, sm2Verify } from '../../sm/sm2-sign.js';
import { sm2Decrypt, sm2Encrypt } from '../../sm/sm2-encrypt.js';
import type { RandomSource } from '../../random.js';

interface Signer {
  sign(spec: AsymmetricSpec, key: PrivateComponents, message: Uint8Array, random: RandomSource): Uint8Array;
  verify(spec: AsymmetricSpec, key: PublicComponents, message: Uint8Array, signature: Uint8Array): boolean;
}

interface Encryptor {
  encrypt(spec: AsymmetricSpec, key: PublicComponents, plaintext: Uint8Array, random: RandomSource): Uint8Array;
  decrypt(spec: AsymmetricSpec, key: PrivateComponents, ciphertext: Uint8Array): Uint8Array;
}

// The core hands each scheme the components of the spec's own family; these only narrow the type.
const rsaPriv = (k: PrivateComponents) => k as RsaPrivateComponents;
const rsaPub = (k: PublicComponents) => k as RsaPublicComponents;
const ecPriv = (k: PrivateComponents) => k as EcPrivateComponents;
const ecPub = (k: PublicComponents) => k as EcPublicComponents;

function ecdsaSigner(hash: CHash): Signer {
  const cache = new Map<string, ReturnType<typeof ecdsa>>();
  const forSpec = (spec: AsymmetricSpec) => {
    const s = spec as EcSpec;
    let impl = cache.get(s.curve);
    if (!impl) cache.set(s.curve, (impl = ecdsa(pointGroup(s), hash)));
    return impl;
  };
  return {
    // RFC 6979 nonces hedged with fresh entropy (noble's extraEntropy); DER as OpenSSL writes it.
    sign: (spec, key, message, random) => forSpec(spec).sign(message, ecPriv(key).d, { format: 'der', extraEntropy: random(32) }),
    verify: (spec, key, message, signature) => {
      try {
        return forSpec(spec).verify(signature, message, ecPub(key).publicKey, { format: 'der', lowS: false });
      } catch {
        return false;
      }
    },
  };
}

/** The pure provider's implementation of each scheme the registry names. */
export const signers: Readonly<Record<SignatureScheme, Signer>> = Object.freeze({
  RSASSA_PKCS1_V1_5_SHA_256: {
    sign: (_spec, key, message) => signPkcs1v15(rsaPriv(key), message, 'SHA-256'),
    verify: (_spec, key, message, signature) => verifyPkcs1v15(rsaPub(key), message, signature, 'SHA-256'),
  },
  ECDSA_SHA_256: ecdsaSigner(sha256),
  ECDSA_SHA_384: ecdsaSigner(sha384),
  SM2_SM3: {
    sign: (_spec, key, message, random) => sm2Sign(ecPriv(key).d, ecPriv(key).publicKey, message, random),
    verify: (_spec, key, message, signature) => sm2Verify(ecPub(key).publicKey, message, signature),
  },
});

export const encryptors: Readonly<Record<EncryptionScheme, Encryptor>> = Object.freeze({
  RSAES_OAEP_SHA_256: {
    encrypt: (_spec, key, plaintext, random) => oaepEncrypt(rsaPub(key), plaintext, { hash: 'SHA-256', random }),
    decrypt: (_spec, key, ciphertext) => oaepDecrypt(rsaPriv(key), ciphertext, { hash: 'SHA-256' }),
  },
  SM2PKE_SM3: {
    encrypt: (_spec, key, plaintext, random) => sm2Encrypt(ecPub(key).publicKey, plaintext, random),
    decrypt: (_spec, key, ciphertext) => sm2Decrypt(ecPriv(key).d, ciphertext),
  },
});
