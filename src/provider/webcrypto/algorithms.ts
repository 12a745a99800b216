import type { KeySpec, Usage } from '../../model/spec.js';
import {
  encryptionAlgorithms, findEncryptionAlgorithm, findMacAlgorithm, findSigningAlgorithm, signingAlgorithms, type DigestName,
  type EncryptionAlgorithm, type MacAlgorithm, type SigningAlgorithm,
} from '../../model/algorithms.js';
import { getWrappingAlgorithm, WRAPPING_KEY_SPECS, type WrappingAlgorithmName } from '../../wrap/algorithms.js';
import { lacksFeatureFor } from './features.js';
import type { WebCryptoFeature } from './types.js';

/*
 * What WebCrypto (W3C Web Cryptography API) can do for keysmith, as data read off keysmith's own tables:
 * a scheme maps to a WebCrypto algorithm name, a hash to a WebCrypto hash. Anything without a mapping
 * (SM2, SM3, SM4, secp256k1, SHA-224, Ed25519ph, ML-DSA, ML-KEM, AES-KWP, RSAES-PKCS1-v1_5, AES-ECB) is not supported.
 */

/** keysmith scheme → WebCrypto algorithm name. */
const SCHEMES: Readonly<Record<string, string>> = Object.freeze({
  'RSASSA-PSS': 'RSA-PSS',
  'RSASSA-PKCS1-v1_5': 'RSASSA-PKCS1-v1_5',
  ECDSA: 'ECDSA',
  'RSAES-OAEP': 'RSA-OAEP',
  // W3C WebCrypto §25 (from Secure Curves): pure Ed25519, no context. Ed25519ph has no WebCrypto algorithm.
  Ed25519: 'Ed25519',
});
const HASHES: readonly DigestName[] = ['SHA-1', 'SHA-256', 'SHA-384', 'SHA-512'];
/** keysmith curve → WebCrypto namedCurve (WebCrypto has P-256, P-384, P-521; no secp256k1, no SM2). */
const CURVES: Readonly<Record<string, string>> = Object.freeze({ 'P-256': 'P-256', 'P-384': 'P-384', 'P-521': 'P-521' });
/** HMAC hashes WebCrypto has (W3C WebCrypto §29: the hash is a SHA of §30; no SHA-224, no SM3). */
const MAC_HASHES: readonly string[] = ['SHA-256', 'SHA-384', 'SHA-512'];

/** The wrapping algorithms WebCrypto does natively: AES-KW (RFC 3394) and RSA-OAEP. The others need KWP, ECB, PKCS#1 v1.5 or SM2. */
const NATIVE_WRAPPING: Readonly<Partial<Record<WrappingAlgorithmName, { readonly name: 'AES-KW' | 'RSA-OAEP'; readonly hash?: DigestName }>>> = Object.freeze({
  AES_KW: { name: 'AES-KW' },
  RSAES_OAEP_SHA_1: { name: 'RSA-OAEP', hash: 'SHA-1' },
  RSAES_OAEP_SHA_256: { name: 'RSA-OAEP', hash: 'SHA-256' },
});

export function nativeWrapping(name: WrappingAlgorithmName): { readonly name: 'AES-KW' | 'RSA-OAEP'; readonly hash?: DigestName } | undefined {
  return Object.hasOwn(NATIVE_WRAPPING, name) ? NATIVE_WRAPPING[name] : undefined;
}

/** The WebCrypto HMAC parameters of a MAC algorithm, or undefined where WebCrypto has no such HMAC. */
export function webMac(alg: MacAlgorithm | undefined): { readonly name: 'HMAC'; readonly hash: string } | undefined {
  return alg && MAC_HASHES.includes(alg.hash) ? { name: 'HMAC', hash: alg.hash } : undefined;
}

/**
 * Whether WebCrypto can hold keys of this spec at all: AES-128/192/256, HMAC with SHA-256/384/512, RSA with
 * e = 65537, P-256, P-384 and P-521, and Ed25519; less the optional features (./features.ts) the runtime lacks.
 */
export function specFits(spec: KeySpec, features: ReadonlySet<WebCryptoFeature>): boolean {
  if (typeof spec !== 'object' || spec === null || lacksFeatureFor(spec, features)) return false;
  switch (spec.family) {
    case 'symmetric':
      if (spec.algorithm === 'HMAC') return webMac(findMacAlgorithm(spec.mac)) !== undefined;
      return spec.algorithm === 'AES' && [16, 24, 32].includes(spec.keyBytes);
    case 'rsa':
      return spec.publicExponent === 65537n && spec.bits >= 2048 && spec.bits <= 16384 && spec.bits % 8 === 0;
    case 'ec':
      return Object.hasOwn(CURVES, spec.curve);
    case 'edwards':
      return spec.curve === 'Ed25519';
    default:
      return false;
  }
}

export function namedCurve(spec: KeySpec): string {
  return spec.family === 'ec' ? CURVES[spec.curve]! : '';
}

export function webSigning(alg: SigningAlgorithm | undefined): { readonly name: string; readonly hash: DigestName } | undefined {
  if (!alg || !Object.hasOwn(SCHEMES, alg.scheme) || !HASHES.includes(alg.hash)) return undefined;
  return { name: SCHEMES[alg.scheme]!, hash: alg.hash };
}

export function webEncryption(alg: EncryptionAlgorithm | undefined): { readonly name: string; readonly hash: DigestName } | undefined {
  if (!alg || !Object.hasOwn(SCHEMES, alg.scheme) || !HASHES.includes(alg.hash)) return undefined;
  return { name: SCHEMES[alg.scheme]!, hash: alg.hash };
}

export function signingFits(spec: KeySpec, name: unknown): boolean {
  const alg = findSigningAlgorithm(name);
  return alg !== undefined && alg.appliesTo(spec) && webSigning(alg) !== undefined;
}

export function macFits(spec: KeySpec, name: unknown): boolean {
  const alg = findMacAlgorithm(name);
  return alg !== undefined && alg.appliesTo(spec) && webMac(alg) !== undefined;
}

export function encryptionFits(spec: KeySpec, name: unknown): boolean {
  const alg = findEncryptionAlgorithm(name);
  return alg !== undefined && alg.appliesTo(spec) && webEncryption(alg) !== undefined;
}

/** Whether a key of `target` can be wrapped or unwrapped with `name` (under some wrapping key WebCrypto holds). */
export function wrappingFits(target: KeySpec, name: unknown, features: ReadonlySet<WebCryptoFeature>): boolean {
  if (typeof name !== 'string' || !specFits(target, features)) return false;
  const native = nativeWrapping(name as WrappingAlgorithmName);
  return native !== undefined && getWrappingAlgorithm(name).targets(target);
}

/** Whether `wrapping` can wrap `target` with `name`. */
export function canWrapWith(name: WrappingAlgorithmName, wrapping: KeySpec, target: KeySpec, features: ReadonlySet<WebCryptoFeature>): boolean {
  if (!wrappingFits(target, name, features) || !specFits(wrapping, features)) return false;
  return WRAPPING_KEY_SPECS[getWrappingAlgorithm(name).wrappingKey](wrapping);
}

/**
 * The WebCrypto keys one keysmith key needs: a CryptoKey is bound to one algorithm (and, for RSA, one hash)
 * when it is created, so a key holds one per algorithm it can be used with. `id` names the variant.
 */
export interface Variant {
  readonly id: string;
  readonly algorithm: RsaHashedImportParams | EcKeyImportParams | HmacImportParams | AlgorithmIdentifier;
  readonly privateUsages: KeyUsage[];
  readonly publicUsages: KeyUsage[];
}

export const variantId = (name: string, hash?: string): string => (hash ? `${name}/${hash}` : name);

export function variantsFor(spec: KeySpec, usage: Usage): readonly Variant[] {
  switch (spec.family) {
    case 'symmetric': {
      // HMAC: one CryptoKey bound to the spec's hash, with the key's length (the digest length, not the block size)
      const mac = spec.algorithm === 'HMAC' ? webMac(findMacAlgorithm(spec.mac)) : undefined;
      if (mac) return [{ id: 'HMAC', algorithm: { ...mac, length: spec.keyBytes * 8 }, privateUsages: ['sign', 'verify'], publicUsages: [] }];
      // AES-CBC computes the key check value (./kcv.ts); AES-KW makes the key a key-encryption key
      return [
        { id: 'AES-CBC', algorithm: { name: 'AES-CBC' }, privateUsages: ['encrypt'], publicUsages: [] },
        { id: 'AES-KW', algorithm: { name: 'AES-KW' }, privateUsages: ['wrapKey', 'unwrapKey'], publicUsages: [] },
      ];
    }
    case 'ec':
      // a KEY_AGREEMENT key is an ECDH CryptoKey (W3C WebCrypto §24: deriveBits; its public key has no usages)
      if (usage === 'KEY_AGREEMENT') return [{ id: 'ECDH', algorithm: { name: 'ECDH', namedCurve: namedCurve(spec) }, privateUsages: ['deriveBits'], publicUsages: [] }];
      return [{ id: 'ECDSA', algorithm: { name: 'ECDSA', namedCurve: namedCurve(spec) }, privateUsages: ['sign'], publicUsages: ['verify'] }];
    case 'edwards':
      return [{ id: 'Ed25519', algorithm: { name: 'Ed25519' }, privateUsages: ['sign'], publicUsages: ['verify'] }];
    case 'rsa': {
      const seen = new Set<string>();
      const out: Variant[] = [];
      const add = (w: { name: string; hash: string } | undefined, priv: KeyUsage[], pub: KeyUsage[]) => {
        if (!w || seen.has(variantId(w.name, w.hash))) return;
        seen.add(variantId(w.name, w.hash));
        out.push({ id: variantId(w.name, w.hash), algorithm: { name: w.name, hash: w.hash }, privateUsages: priv, publicUsages: pub });
      };
      if (usage === 'SIGN_VERIFY') {
        for (const a of signingAlgorithms()) if (a.appliesTo(spec)) add(webSigning(a), ['sign'], ['verify']);
      } else {
        for (const a of encryptionAlgorithms()) if (a.appliesTo(spec)) add(webEncryption(a), ['decrypt', 'unwrapKey'], ['encrypt', 'wrapKey']);
      }
      // the spec's default first: generation starts from it
      const first = usage === 'SIGN_VERIFY' ? webSigning(findSigningAlgorithm(spec.signature)) : webEncryption(findEncryptionAlgorithm(spec.encryption));
      const i = out.findIndex((v) => first && v.id === variantId(first.name, first.hash));
      if (i > 0) out.unshift(...out.splice(i, 1));
      return out;
    }
    default:
      return [];
  }
}
