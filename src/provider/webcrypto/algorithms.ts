import type { KeySpec, Usage } from '../../model/spec.js';
import {
  encryptionAlgorithms, findEncryptionAlgorithm, findSigningAlgorithm, signingAlgorithms, type DigestName,
  type EncryptionAlgorithm, type SigningAlgorithm,
} from '../../model/algorithms.js';
import { getWrappingAlgorithm, WRAPPING_KEY_SPECS, type WrappingAlgorithmName } from '../../wrap/algorithms.js';

/*
 * What WebCrypto (W3C Web Cryptography API) can do for keysmith, as data read off keysmith's own tables:
 * a scheme maps to a WebCrypto algorithm name, a hash to a WebCrypto hash. Anything without a mapping
 * (SM2, SM3, SM4, secp256k1, AES-KWP, RSAES-PKCS1-v1_5, AES-ECB) is not supported.
 */

/** keysmith scheme → WebCrypto algorithm name. */
const SCHEMES: Readonly<Record<string, string>> = Object.freeze({
  'RSASSA-PSS': 'RSA-PSS',
  'RSASSA-PKCS1-v1_5': 'RSASSA-PKCS1-v1_5',
  ECDSA: 'ECDSA',
  'RSAES-OAEP': 'RSA-OAEP',
});
const HASHES: readonly DigestName[] = ['SHA-1', 'SHA-256', 'SHA-384', 'SHA-512'];
/** keysmith curve → WebCrypto namedCurve (WebCrypto has P-256, P-384, P-521; no secp256k1, no SM2). */
const CURVES: Readonly<Record<string, string>> = Object.freeze({ 'P-256': 'P-256', 'P-384': 'P-384' });

/** The wrapping algorithms WebCrypto does natively: AES-KW (RFC 3394) and RSA-OAEP. The others need KWP, ECB, PKCS#1 v1.5 or SM2. */
const NATIVE_WRAPPING: Readonly<Partial<Record<WrappingAlgorithmName, { readonly name: 'AES-KW' | 'RSA-OAEP'; readonly hash?: DigestName }>>> = Object.freeze({
  AES_KW: { name: 'AES-KW' },
  RSAES_OAEP_SHA_1: { name: 'RSA-OAEP', hash: 'SHA-1' },
  RSAES_OAEP_SHA_256: { name: 'RSA-OAEP', hash: 'SHA-256' },
});

export function nativeWrapping(name: WrappingAlgorithmName): { readonly name: 'AES-KW' | 'RSA-OAEP'; readonly hash?: DigestName } | undefined {
  return Object.hasOwn(NATIVE_WRAPPING, name) ? NATIVE_WRAPPING[name] : undefined;
}

/** Whether WebCrypto can hold keys of this spec at all: AES-128/192/256, RSA with e = 65537, P-256 and P-384. */
export function specFits(spec: KeySpec): boolean {
  if (typeof spec !== 'object' || spec === null) return false;
  switch (spec.family) {
    case 'symmetric':
      return spec.algorithm === 'AES' && [16, 24, 32].includes(spec.keyBytes);
    case 'rsa':
      return spec.publicExponent === 65537n && spec.bits >= 2048 && spec.bits <= 16384 && spec.bits % 8 === 0;
    case 'ec':
      return Object.hasOwn(CURVES, spec.curve);
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

export function encryptionFits(spec: KeySpec, name: unknown): boolean {
  const alg = findEncryptionAlgorithm(name);
  return alg !== undefined && alg.appliesTo(spec) && webEncryption(alg) !== undefined;
}

/** Whether a key of `target` can be wrapped or unwrapped with `name` (under some wrapping key WebCrypto holds). */
export function wrappingFits(target: KeySpec, name: unknown): boolean {
  if (typeof name !== 'string' || !specFits(target)) return false;
  const native = nativeWrapping(name as WrappingAlgorithmName);
  return native !== undefined && getWrappingAlgorithm(name).targets(target);
}

/** Whether `wrapping` can wrap `target` with `name`. */
export function canWrapWith(name: WrappingAlgorithmName, wrapping: KeySpec, target: KeySpec): boolean {
  if (!wrappingFits(target, name) || !specFits(wrapping)) return false;
  return WRAPPING_KEY_SPECS[getWrappingAlgorithm(name).wrappingKey](wrapping);
}

/**
 * The WebCrypto keys one keysmith key needs: a CryptoKey is bound to one algorithm (and, for RSA, one hash)
 * when it is created, so a key holds one per algorithm it can be used with. `id` names the variant.
 */
export interface Variant {
  readonly id: string;
  readonly algorithm: RsaHashedImportParams | EcKeyImportParams | AlgorithmIdentifier;
  readonly privateUsages: KeyUsage[];
  readonly publicUsages: KeyUsage[];
}

export const variantId = (name: string, hash?: string): string => (hash ? `${name}/${hash}` : name);

export function variantsFor(spec: KeySpec, usage: Usage): readonly Variant[] {
  switch (spec.family) {
    case 'symmetric':
      // AES-CBC computes the key check value (./kcv.ts); AES-KW makes the key a key-encryption key
      return [
        { id: 'AES-CBC', algorithm: { name: 'AES-CBC' }, privateUsages: ['encrypt'], publicUsages: [] },
        { id: 'AES-KW', algorithm: { name: 'AES-KW' }, privateUsages: ['wrapKey', 'unwrapKey'], publicUsages: [] },
      ];
    case 'ec':
      return [{ id: 'ECDSA', algorithm: { name: 'ECDSA', namedCurve: namedCurve(spec) }, privateUsages: ['sign'], publicUsages: ['verify'] }];
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
