import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import type { CHash } from '@noble/hashes/utils.js';
import type { AsymmetricSpec, EcSpec, MlDsaSpec } from '../../model/spec.js';
import type { EncryptionAlgorithmName, MessageType, SigningAlgorithmName } from '../../model/algorithms.js';
import type {
  EcPrivateComponents, EcPublicComponents, OkpPrivateComponents, PqPrivateComponents, PrivateComponents, PublicComponents,
  RsaPrivateComponents, RsaPublicComponents,
} from '../../model/components.js';
import { ed25519phSignDigest, ed25519phVerifyDigest, ed25519Sign, ed25519Verify } from '../../ed25519/ed25519.js';
import { mlDsaSign, mlDsaSignMu, mlDsaVerify, mlDsaVerifyMu } from '../../pq/ml-dsa.js';
import { ecdsaSign, ecdsaVerify } from '../../ec/ecdsa.js';
import { rsaHash } from '../../rsa/hashes.js';
import { signPkcs1v15Digest, verifyPkcs1v15Digest, type Pkcs1SignatureHash } from '../../rsa/pkcs1-signature.js';
import { signPssDigest, verifyPssDigest, type PssHash } from '../../rsa/pss.js';
import { oaepDecrypt, oaepEncrypt } from '../../rsa/oaep.js';
import { sm2Digest, sm2SignDigest, sm2VerifyDigest } from '../../sm/sm2-sign.js';
import { sm2Decrypt, sm2Encrypt } from '../../sm/sm2-encrypt.js';
import { decodeSm2Ciphertext, encodeSm2Ciphertext } from '../../wrap/sm2-layout.js';
import type { RandomSource } from '../../random.js';

interface Signer {
  sign(spec: AsymmetricSpec, key: PrivateComponents, data: Uint8Array, type: MessageType, random: RandomSource): Uint8Array;
  /** Malformed signatures are `false`; a digest of the wrong length is INVALID_ARGUMENT (the core checks it first). */
  verify(spec: AsymmetricSpec, key: PublicComponents, data: Uint8Array, type: MessageType, signature: Uint8Array): boolean;
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
const okpPriv = (k: PrivateComponents) => k as OkpPrivateComponents;
const pqPriv = (k: PrivateComponents) => k as PqPrivateComponents;
const publicBytes = (k: PublicComponents) => (k as { publicKey: Uint8Array }).publicKey;
const level = (spec: AsymmetricSpec) => (spec as MlDsaSpec).level;

/** The digest an RSA signature covers: the caller's (DIGEST) or the hash of the message (RAW). */
function rsaDigest(hash: Pkcs1SignatureHash, data: Uint8Array, type: MessageType): Uint8Array {
  return type === 'DIGEST' ? data : rsaHash(hash).digest(data);
}

function pkcs1(hash: Pkcs1SignatureHash): Signer {
  return {
    sign: (_spec, key, data, type) => signPkcs1v15Digest(rsaPriv(key), rsaDigest(hash, data, type), hash),
    verify: (_spec, key, data, type, signature) => verifyPkcs1v15Digest(rsaPub(key), rsaDigest(hash, data, type), signature, hash),
  };
}

function pss(hash: PssHash): Signer {
  return {
    sign: (_spec, key, data, type, random) => signPssDigest(rsaPriv(key), rsaDigest(hash, data, type), hash, random),
    verify: (_spec, key, data, type, signature) => verifyPssDigest(rsaPub(key), rsaDigest(hash, data, type), signature, hash),
  };
}

function ecdsaSigner(hash: CHash): Signer {
  const curve = (spec: AsymmetricSpec) => (spec as EcSpec).curve;
  return {
    // RFC 6979 nonces hedged with fresh entropy; DER as OpenSSL writes it (src/ec/ecdsa.ts, same bytes as noble).
    // A DIGEST message is the hash itself.
    sign: (spec, key, data, type, random) => ecdsaSign(curve(spec), hash, data, ecPriv(key).d, random(32), type === 'DIGEST'),
    verify: (spec, key, data, type, signature) => ecdsaVerify(curve(spec), hash, data, ecPub(key).publicKey, signature, type === 'DIGEST'),
  };
}

/** The pure provider's implementation of each signing algorithm in src/model/algorithms.ts. */
export const signers: Readonly<Record<SigningAlgorithmName, Signer>> = Object.freeze({
  RSASSA_PSS_SHA_256: pss('SHA-256'),
  RSASSA_PSS_SHA_384: pss('SHA-384'),
  RSASSA_PSS_SHA_512: pss('SHA-512'),
  RSASSA_PKCS1_V1_5_SHA_256: pkcs1('SHA-256'),
  RSASSA_PKCS1_V1_5_SHA_384: pkcs1('SHA-384'),
  RSASSA_PKCS1_V1_5_SHA_512: pkcs1('SHA-512'),
  ECDSA_SHA_256: ecdsaSigner(sha256),
  ECDSA_SHA_384: ecdsaSigner(sha384),
  ECDSA_SHA_512: ecdsaSigner(sha512),
  SM2DSA: {
    // ZA with the GM/T 0009 default ID; DIGEST is e = SM3(ZA ‖ M) already computed
    sign: (_spec, key, data, type, random) =>
      sm2SignDigest(ecPriv(key).d, type === 'DIGEST' ? data : sm2Digest(ecPriv(key).publicKey, data), random),
    verify: (_spec, key, data, type, signature) => {
      let e: Uint8Array;
      try {
        e = type === 'DIGEST' ? data : sm2Digest(ecPub(key).publicKey, data);
      } catch {
        return false;
      }
      return sm2VerifyDigest(ecPub(key).publicKey, e, signature);
    },
  },
  // RFC 8032 §5.1 PureEdDSA, deterministic; the core allows only RAW (as AWS)
  ED25519_SHA_512: {
    sign: (_spec, key, data) => ed25519Sign(okpPriv(key).seed, data),
    verify: (_spec, key, data, _type, signature) => ed25519Verify(publicBytes(key), data, signature),
  },
  // Ed25519ph from the caller's SHA-512 digest; the core allows only DIGEST (as AWS)
  ED25519_PH_SHA_512: {
    sign: (_spec, key, data) => ed25519phSignDigest(okpPriv(key).seed, data),
    verify: (_spec, key, data, _type, signature) => ed25519phVerifyDigest(publicBytes(key), data, signature),
  },
  // FIPS 204 pure ML-DSA, empty context, hedged (rnd from `random`); EXTERNAL_MU signs a caller's μ (Algorithm 7)
  ML_DSA_SHAKE_256: {
    sign: (spec, key, data, type, random) =>
      type === 'EXTERNAL_MU' ? mlDsaSignMu(level(spec), pqPriv(key).expandedKey, data, { random }) : mlDsaSign(level(spec), pqPriv(key).expandedKey, data, { random }),
    verify: (spec, key, data, type, signature) =>
      type === 'EXTERNAL_MU' ? mlDsaVerifyMu(level(spec), publicBytes(key), data, signature) : mlDsaVerify(level(spec), publicBytes(key), data, signature),
  },
});

function oaep(hash: 'SHA-1' | 'SHA-256'): Encryptor {
  return {
    encrypt: (_spec, key, plaintext, random) => oaepEncrypt(rsaPub(key), plaintext, { hash, random }),
    decrypt: (_spec, key, ciphertext) => oaepDecrypt(rsaPriv(key), ciphertext, { hash }),
  };
}

/** The pure provider's implementation of each encryption algorithm; SM2PKE ciphertexts cross the seam as GM/T 0009 DER. */
export const encryptors: Readonly<Record<EncryptionAlgorithmName, Encryptor>> = Object.freeze({
  RSAES_OAEP_SHA_1: oaep('SHA-1'),
  RSAES_OAEP_SHA_256: oaep('SHA-256'),
  SM2PKE: {
    encrypt: (_spec, key, plaintext, random) => encodeSm2Ciphertext(sm2Encrypt(ecPub(key).publicKey, plaintext, random), 'C1C3C2_ASN1'),
    decrypt: (_spec, key, ciphertext) => sm2Decrypt(ecPriv(key).d, decodeSm2Ciphertext(ciphertext, 'C1C3C2_ASN1')),
  },
});
