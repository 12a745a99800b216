import { constants, privateDecrypt, privateEncrypt, publicDecrypt, publicEncrypt, sign, verify, type KeyObject } from 'node:crypto';
import type { EncryptionAlgorithmName, MessageType, SigningAlgorithmName } from '../../model/algorithms.js';
import { concatBytes, equalBytes } from '../../bytes.js';
import { fail } from '../../errors.js';

/**
 * The node provider's signing and encryption algorithms, on node:crypto (OpenSSL 3.0). Absent names are
 * UNSUPPORTED: SM2DSA and SM2PKE (node 20 cannot set the SM2 distinguishing ID — it signs with an empty ID
 * on SM2 keys and plain ECDSA-with-SM3 on generated ones — and has no SM2 encryption; see the README);
 * ED25519_PH_SHA_512 (OpenSSL 3.0 signs PureEdDSA only — the Ed25519ph instance parameter came in OpenSSL 3.2 —
 * and node 20 has no instance option; it silently ignores a `context`); ML_DSA_SHAKE_256 (no ML-DSA in 3.0).
 */

interface NodeSigner {
  sign(key: KeyObject, data: Uint8Array, type: MessageType): Uint8Array;
  verify(key: KeyObject, data: Uint8Array, type: MessageType, signature: Uint8Array): boolean;
}

interface NodeEncryptor {
  encrypt(key: KeyObject, plaintext: Uint8Array): Uint8Array;
  decrypt(key: KeyObject, ciphertext: Uint8Array): Uint8Array;
}

type Hash = 'sha256' | 'sha384' | 'sha512';
const HASH_BYTES: Readonly<Record<Hash, number>> = { sha256: 32, sha384: 48, sha512: 64 };

// DER of DigestInfo up to the digest octets, RFC 8017 §9.2 note 1.
const DIGEST_INFO_PREFIX: Readonly<Record<Hash, Uint8Array>> = {
  sha256: Uint8Array.from([0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20]),
  sha384: Uint8Array.from([0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02, 0x05, 0x00, 0x04, 0x30]),
  sha512: Uint8Array.from([0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03, 0x05, 0x00, 0x04, 0x40]),
};

const bytes = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

/** node:crypto's sign and verify always hash the message; only RSASSA-PKCS1-v1_5 has a native way to sign a digest. */
function noDigest(alg: SigningAlgorithmName): never {
  return fail('UNSUPPORTED', `node provider cannot ${alg} a pre-computed digest (node:crypto always hashes the message): use messageType RAW, or another provider`);
}

/** Verification that reports any failure, malformed input included, as false. */
function quietly(fn: () => boolean): boolean {
  try {
    return fn();
  } catch {
    return false;
  }
}

const modulusBytes = (key: KeyObject): number => (key.asymmetricKeyDetails?.modulusLength ?? 0) / 8;

function pkcs1(hash: Hash): NodeSigner {
  const padding = constants.RSA_PKCS1_PADDING;
  return {
    // DIGEST: EMSA-PKCS1-v1_5 (RFC 8017 §9.2) is block type 1 over DigestInfo ‖ H, which OpenSSL's RSA_PKCS1_PADDING sign writes
    sign: (key, data, type) => bytes(type === 'DIGEST' ? privateEncrypt({ key, padding }, concatBytes(DIGEST_INFO_PREFIX[hash], data)) : sign(hash, data, { key, padding })),
    verify: (key, data, type, signature) =>
      quietly(() => {
        if (type === 'RAW') return verify(hash, data, { key, padding }, signature);
        if (signature.length !== modulusBytes(key) || data.length !== HASH_BYTES[hash]) return false;
        return equalBytes(bytes(publicDecrypt({ key, padding }, signature)), concatBytes(DIGEST_INFO_PREFIX[hash], data));
      }),
  };
}

function pss(hash: Hash, name: SigningAlgorithmName): NodeSigner {
  // RFC 8017 §8.1 with MGF1 of the same hash and a salt as long as the hash (as AWS KMS)
  const options = { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: HASH_BYTES[hash] };
  return {
    sign: (key, data, type) => (type === 'DIGEST' ? noDigest(name) : bytes(sign(hash, data, { key, ...options }))),
    verify: (key, data, type, signature) => (type === 'DIGEST' ? noDigest(name) : quietly(() => verify(hash, data, { key, ...options }, signature))),
  };
}

function ecdsa(hash: Hash, name: SigningAlgorithmName): NodeSigner {
  // dsaEncoding 'der' is node's default: the X9.62 Ecdsa-Sig-Value the seam carries
  return {
    sign: (key, data, type) => (type === 'DIGEST' ? noDigest(name) : bytes(sign(hash, data, { key, dsaEncoding: 'der' }))),
    verify: (key, data, type, signature) => (type === 'DIGEST' ? noDigest(name) : quietly(() => verify(hash, data, { key, dsaEncoding: 'der' }, signature))),
  };
}

/** PureEdDSA Ed25519 (RFC 8032 §5.1.6): node signs the whole message (algorithm `null`); RAW is the only message type. */
const ed25519: NodeSigner = {
  sign: (key, data, type) => (type === 'RAW' ? bytes(sign(null, data, key)) : noDigest('ED25519_SHA_512')),
  verify: (key, data, type, signature) => (type === 'RAW' ? quietly(() => verify(null, data, key, signature)) : noDigest('ED25519_SHA_512')),
};

export const NODE_SIGNERS: Readonly<Partial<Record<SigningAlgorithmName, NodeSigner>>> = Object.freeze({
  RSASSA_PSS_SHA_256: pss('sha256', 'RSASSA_PSS_SHA_256'),
  RSASSA_PSS_SHA_384: pss('sha384', 'RSASSA_PSS_SHA_384'),
  RSASSA_PSS_SHA_512: pss('sha512', 'RSASSA_PSS_SHA_512'),
  RSASSA_PKCS1_V1_5_SHA_256: pkcs1('sha256'),
  RSASSA_PKCS1_V1_5_SHA_384: pkcs1('sha384'),
  RSASSA_PKCS1_V1_5_SHA_512: pkcs1('sha512'),
  ECDSA_SHA_256: ecdsa('sha256', 'ECDSA_SHA_256'),
  ECDSA_SHA_384: ecdsa('sha384', 'ECDSA_SHA_384'),
  ECDSA_SHA_512: ecdsa('sha512', 'ECDSA_SHA_512'),
  ED25519_SHA_512: ed25519,
});

/** RSAES-OAEP (RFC 8017 §7.1): MGF1 with the same hash and an empty label, which is what node's `oaepHash` sets. */
export function oaepEncrypt(key: KeyObject, hash: 'sha1' | 'sha256', plaintext: Uint8Array): Uint8Array {
  return bytes(publicEncrypt({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: hash }, plaintext));
}

export function oaepDecrypt(key: KeyObject, hash: 'sha1' | 'sha256', ciphertext: Uint8Array): Uint8Array {
  return bytes(privateDecrypt({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: hash }, ciphertext));
}

const oaep = (hash: 'sha1' | 'sha256'): NodeEncryptor => ({
  encrypt: (key, plaintext) => oaepEncrypt(key, hash, plaintext),
  decrypt: (key, ciphertext) => oaepDecrypt(key, hash, ciphertext),
});

export const NODE_ENCRYPTORS: Readonly<Partial<Record<EncryptionAlgorithmName, NodeEncryptor>>> = Object.freeze({
  RSAES_OAEP_SHA_1: oaep('sha1'),
  RSAES_OAEP_SHA_256: oaep('sha256'),
});
