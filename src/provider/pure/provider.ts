import type { AsymmetricSpec, EcSpec, KeySpec, MlDsaSpec, MlKemSpec, RsaSpec, SymmetricSpec, Usage } from '../../model/spec.js';
import type { KeyComponents, PqPrivateComponents, PrivateComponents, PublicComponents, SecretComponents } from '../../model/components.js';
import { isPrivateComponents, isPublicComponents, publicOf, wipeComponents } from '../../model/components.js';
import { ed25519Generate } from '../../ed25519/ed25519.js';
import { mlDsaGenerate } from '../../pq/ml-dsa.js';
import { mlKemDecapsulate, mlKemEncapsulate, mlKemGenerate } from '../../pq/ml-kem.js';
import type { KeyAttributes } from '../../model/attributes.js';
import { operationApplies, type Operation } from '../../model/operations.js';
import {
  findEncryptionAlgorithm, findMacAlgorithm, findSigningAlgorithm, type EncryptionAlgorithmName, type MacAlgorithmName, type MessageType,
  type SigningAlgorithmName,
} from '../../model/algorithms.js';
import type { AlgorithmName, KeyMaterialProvider, ProviderKeyPair, UnwrapRequest, WrapRequest } from '../types.js';
import type { RandomSource } from '../../random.js';
import { fail } from '../../errors.js';
import { bytesToBigInt, zeroize } from '../../bytes.js';
import { maxPrivateScalar, publicFromPrivate, scalarToBytes } from '../../ec/curves.js';
import { generateRsaPrivate } from '../../rsa/keygen.js';
import { encodeComponents } from '../../encoding/formats.js';
import { getWrappingAlgorithm, payloadFormat, WRAPPING_KEY_SPECS, type WrappingAlgorithmName } from '../../wrap/algorithms.js';
import { kcvBytesFor } from '../../wrap/kcv.js';
import { hmacGenerate, hmacVerify } from '../../mac/hmac.js';
import { ecdhSharedSecret } from '../../ec/ecdh.js';
import { encryptors, signers } from './schemes.js';
import { PURE_WRAPPING } from './wrapping.js';

/** A pure-provider handle: components in memory, owned by one provider instance. */
export class PureHandle {
  /** @internal */
  constructor(
    readonly components: KeyComponents,
    readonly extractable: boolean,
  ) {
    Object.freeze(this);
  }

  toString(): string {
    return `PureHandle(${this.components.kind})`;
  }

  toJSON(): { kind: string } {
    return { kind: this.components.kind };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

/** The pure provider keeps components in memory; a handle holds a private copy it owns. */
function copy(c: KeyComponents): KeyComponents {
  switch (c.kind) {
    case 'secret':
      return { kind: 'secret', key: c.key.slice() };
    case 'ec-private':
      return { kind: 'ec-private', d: c.d.slice(), publicKey: c.publicKey.slice() };
    case 'ec-public':
      return { kind: 'ec-public', publicKey: c.publicKey.slice() };
    case 'okp-private':
      return { kind: 'okp-private', seed: c.seed.slice(), publicKey: c.publicKey.slice() };
    case 'pq-private':
      return { kind: 'pq-private', ...(c.seed ? { seed: c.seed.slice() } : {}), expandedKey: c.expandedKey.slice(), publicKey: c.publicKey.slice() };
    case 'okp-public':
    case 'pq-public':
      return { kind: c.kind, publicKey: c.publicKey.slice() } as KeyComponents;
    default:
      return { ...c };
  }
}

/** Private scalar in [1, max] from fieldBytes + 8 random bytes (FIPS 186-5 A.2.1, extra random bits). */
function generateEcPrivate(spec: EcSpec, random: RandomSource): PrivateComponents {
  const c = random(spec.fieldBytes + 8);
  const d = scalarToBytes(spec, (bytesToBigInt(c) % maxPrivateScalar(spec)) + 1n);
  zeroize(c);
  return { kind: 'ec-private', d, publicKey: publicFromPrivate(spec, d) };
}

/** FIPS 204 / FIPS 203 KeyGen: the seed from `random`, then KeyGen_internal; the handle keeps seed and expanded key. */
function pqPrivate(g: { seed: Uint8Array; publicKey: Uint8Array; expandedKey: Uint8Array }): PqPrivateComponents {
  const seed = g.seed.slice();
  zeroize(g.seed); // the source's buffer: only the handle's copy may hold the seed
  return { kind: 'pq-private', seed, expandedKey: g.expandedKey, publicKey: g.publicKey };
}

const keyPairGenerators = {
  rsa: (spec: RsaSpec, random: RandomSource): PrivateComponents => generateRsaPrivate(spec.bits, spec.publicExponent, random),
  ec: generateEcPrivate,
  // RFC 8032 §5.1.5: 32 random bytes are the private key
  edwards: (_spec: AsymmetricSpec, random: RandomSource): PrivateComponents => {
    const g = ed25519Generate(random);
    const seed = g.seed.slice();
    zeroize(g.seed);
    return { kind: 'okp-private', seed, publicKey: g.publicKey };
  },
  'ml-dsa': (spec: MlDsaSpec, random: RandomSource): PrivateComponents => pqPrivate(mlDsaGenerate(spec.level, random)),
  // d ‖ z drawn as one 64-byte string (FIPS 203 Algorithm 19 draws d, then z: the same bytes from a stream)
  'ml-kem': (spec: MlKemSpec, random: RandomSource): PrivateComponents => pqPrivate(mlKemGenerate(spec.level, random)),
};

/** Whether the algorithm named in `supports` belongs to `operation` and applies to `spec`. */
function algorithmFits(spec: KeySpec, operation: Operation, algorithm: AlgorithmName): boolean {
  switch (operation) {
    case 'sign':
    case 'verify':
      return findSigningAlgorithm(algorithm)?.appliesTo(spec) ?? false;
    case 'encrypt':
    case 'decrypt':
      return findEncryptionAlgorithm(algorithm)?.appliesTo(spec) ?? false;
    case 'wrap':
    case 'unwrap':
      return Object.hasOwn(PURE_WRAPPING, algorithm) && getWrappingAlgorithm(algorithm).targets(spec);
    case 'generate-mac':
    case 'verify-mac':
      return findMacAlgorithm(algorithm)?.appliesTo(spec) ?? false;
    default:
      return false;
  }
}

/**
 * Pure TypeScript on @noble/* and sm-crypto: every spec, operation and wrapping algorithm keysmith defines,
 * in any JS runtime. The default provider. It honours `random` (seeded keys are reproducible), keys are
 * extractable by default, and it has no persistent storage. Each instance accepts only its own handles.
 */
export class PureProvider implements KeyMaterialProvider<PureHandle> {
  readonly name: string = 'pure';
  readonly honoursRandom: boolean = true;
  readonly extractableByDefault: boolean = true;
  readonly #live = new WeakSet<PureHandle>();

  supports(spec: KeySpec, usage: Usage, operation: Operation, algorithm?: AlgorithmName): boolean {
    if (operation === 'persist' || !operationApplies(spec, usage, operation)) return false;
    return algorithm === undefined || algorithmFits(spec, operation, algorithm);
  }

  canWrap(algorithm: WrappingAlgorithmName, wrappingSpec: KeySpec, targetSpec: KeySpec): boolean {
    if (!Object.hasOwn(PURE_WRAPPING, algorithm)) return false;
    const alg = getWrappingAlgorithm(algorithm);
    return WRAPPING_KEY_SPECS[alg.wrappingKey](wrappingSpec) && alg.targets(targetSpec);
  }

  #handle(components: KeyComponents, extractable: boolean): PureHandle {
    const h = new PureHandle(components, extractable);
    this.#live.add(h);
    return h;
  }

  #own(handle: unknown): KeyComponents {
    if (!(handle instanceof PureHandle) || !this.#live.has(handle)) fail('INVALID_ARGUMENT', `not a live handle of this ${this.name} provider`);
    return handle.components;
  }

  async generateSecret(spec: SymmetricSpec, _usage: Usage, attributes: KeyAttributes, random: RandomSource): Promise<PureHandle> {
    const drawn = random(spec.keyBytes);
    const key = new Uint8Array(drawn); // a copy even when the source returns a Node Buffer (whose slice() is a view)
    zeroize(drawn); // the source's buffer is ours once returned; only the handle's copy may hold the key
    return this.#handle({ kind: 'secret', key }, attributes.extractable);
  }

  async generateKeyPair(spec: AsymmetricSpec, _usage: Usage, attributes: KeyAttributes, random: RandomSource): Promise<ProviderKeyPair<PureHandle>> {
    const priv = (keyPairGenerators[spec.family] as (s: AsymmetricSpec, r: RandomSource) => PrivateComponents)(spec, random);
    return { privateKey: this.#handle(priv, attributes.extractable), publicKey: this.#handle(copy(publicOf(priv)), true) };
  }

  async exportPublic(_spec: AsymmetricSpec, handle: PureHandle): Promise<PublicComponents> {
    const c = this.#own(handle);
    if (c.kind === 'secret') fail('UNSUPPORTED', 'a secret key has no public half');
    return copy(isPrivateComponents(c) ? publicOf(c) : c) as PublicComponents;
  }

  async exportPrivate(_spec: KeySpec, handle: PureHandle): Promise<SecretComponents | PrivateComponents> {
    const c = this.#own(handle);
    if (isPublicComponents(c)) fail('UNSUPPORTED', 'a public key has no private half');
    if (!handle.extractable) fail('NOT_EXTRACTABLE', `${this.name} provider: the key was created non-extractable`);
    return copy(c) as SecretComponents | PrivateComponents;
  }

  async importComponents(_spec: KeySpec, _usage: Usage, components: KeyComponents, attributes: KeyAttributes): Promise<PureHandle> {
    const publicKind = isPublicComponents(components);
    return this.#handle(copy(components), publicKind || attributes.extractable);
  }

  async sign(spec: AsymmetricSpec, privateKey: PureHandle, algorithm: SigningAlgorithmName, data: Uint8Array, type: MessageType, random: RandomSource): Promise<Uint8Array> {
    return signers[algorithm].sign(spec, this.#own(privateKey) as PrivateComponents, data, type, random);
  }

  async verify(spec: AsymmetricSpec, publicKey: PureHandle, algorithm: SigningAlgorithmName, data: Uint8Array, type: MessageType, signature: Uint8Array): Promise<boolean> {
    const c = this.#own(publicKey);
    const pub = isPrivateComponents(c) ? publicOf(c) : (c as PublicComponents);
    return signers[algorithm].verify(spec, pub, data, type, signature);
  }

  async encrypt(spec: AsymmetricSpec, publicKey: PureHandle, algorithm: EncryptionAlgorithmName, plaintext: Uint8Array, random: RandomSource): Promise<Uint8Array> {
    const c = this.#own(publicKey);
    const pub = isPrivateComponents(c) ? publicOf(c) : (c as PublicComponents);
    return encryptors[algorithm].encrypt(spec, pub, plaintext, random);
  }

  async decrypt(spec: AsymmetricSpec, privateKey: PureHandle, algorithm: EncryptionAlgorithmName, ciphertext: Uint8Array): Promise<Uint8Array> {
    return encryptors[algorithm].decrypt(spec, this.#own(privateKey) as PrivateComponents, ciphertext);
  }

  /** FIPS 203 Encaps with the public half (a pair's private handle carries it too); m from `random`. */
  async encapsulate(spec: MlKemSpec, publicKey: PureHandle, random: RandomSource): Promise<{ ciphertext: Uint8Array; sharedSecret: Uint8Array }> {
    const c = this.#own(publicKey);
    if (c.kind !== 'pq-private' && c.kind !== 'pq-public') fail('INVALID_ARGUMENT', 'not an ML-KEM key');
    return mlKemEncapsulate(spec.level, c.publicKey, random);
  }

  /** FIPS 203 Decaps (implicit rejection: a wrong ciphertext of the right length gives a pseudorandom secret). */
  async decapsulate(spec: MlKemSpec, privateKey: PureHandle, ciphertext: Uint8Array): Promise<Uint8Array> {
    const c = this.#own(privateKey);
    if (c.kind !== 'pq-private') fail('INVALID_ARGUMENT', 'decapsulation needs the ML-KEM private key');
    return mlKemDecapsulate(spec.level, c.expandedKey, ciphertext);
  }

  /** The wrapping key's material as the algorithm's implementation takes it. */
  #wrappingArg(kind: 'aes' | 'rsa' | 'sm2', c: KeyComponents, side: 'wrap' | 'unwrap'): never {
    if (kind === 'aes' && c.kind === 'secret') return c.key as never;
    if (kind === 'rsa' && (c.kind === 'rsa-private' || c.kind === 'rsa-public')) {
      if (side === 'unwrap' && c.kind !== 'rsa-private') fail('INVALID_ARGUMENT', 'unwrapping needs the private key');
      return (side === 'wrap' && c.kind === 'rsa-private' ? publicOf(c) : c) as never;
    }
    if (kind === 'sm2' && (c.kind === 'ec-private' || c.kind === 'ec-public')) {
      if (side === 'wrap') return c.publicKey as never;
      if (c.kind !== 'ec-private') fail('INVALID_ARGUMENT', 'unwrapping needs the private key');
      return c.d as never;
    }
    return fail('INVALID_ARGUMENT', `${this.name} provider: unsuitable wrapping key`);
  }

  async wrap(req: WrapRequest<PureHandle>): Promise<Uint8Array> {
    const alg = getWrappingAlgorithm(req.algorithm);
    const impl = PURE_WRAPPING[req.algorithm];
    const key = this.#wrappingArg(alg.wrappingKey, this.#own(req.wrappingKey), 'wrap');
    const payload = encodeComponents(req.targetSpec, this.#own(req.target), payloadFormat(alg.payload, req.targetSpec)) as Uint8Array;
    try {
      return impl.wrap(key, payload, { random: req.random, layout: req.layout });
    } finally {
      payload.fill(0);
    }
  }

  async unwrap(req: UnwrapRequest<PureHandle>): Promise<PureHandle | ProviderKeyPair<PureHandle>> {
    const alg = getWrappingAlgorithm(req.algorithm);
    const impl = PURE_WRAPPING[req.algorithm];
    const key = this.#wrappingArg(alg.wrappingKey, this.#own(req.unwrappingKey), 'unwrap');
    const payload = impl.unwrap(key, req.wrapped, { layout: req.layout });
    let c: SecretComponents | PrivateComponents;
    try {
      c = req.validate(payload);
    } finally {
      payload.fill(0);
    }
    // validate returns fresh components that nothing else holds: the handles adopt them
    if (c.kind === 'secret') return this.#handle(c, req.attributes.extractable);
    return { privateKey: this.#handle(c, req.attributes.extractable), publicKey: this.#handle(copy(publicOf(c)), true) };
  }

  async keyCheckValue(spec: SymmetricSpec, handle: PureHandle): Promise<Uint8Array> {
    const c = this.#own(handle);
    if (c.kind !== 'secret') fail('UNSUPPORTED', 'key check values are for secret keys');
    return kcvBytesFor(spec, c.key);
  }

  async mac(_spec: SymmetricSpec, key: PureHandle, algorithm: MacAlgorithmName, message: Uint8Array): Promise<Uint8Array> {
    const c = this.#own(key);
    if (c.kind !== 'secret') fail('UNSUPPORTED', 'MACs need a secret key');
    return hmacGenerate(algorithm, c.key, message);
  }

  async verifyMac(_spec: SymmetricSpec, key: PureHandle, algorithm: MacAlgorithmName, message: Uint8Array, mac: Uint8Array): Promise<boolean> {
    const c = this.#own(key);
    if (c.kind !== 'secret') fail('UNSUPPORTED', 'MACs need a secret key');
    return hmacVerify(algorithm, c.key, message, mac);
  }

  async deriveSharedSecret(spec: EcSpec, privateKey: PureHandle, peerPublicKey: Uint8Array): Promise<Uint8Array> {
    const c = this.#own(privateKey);
    if (c.kind !== 'ec-private') fail('UNSUPPORTED', 'key agreement needs an EC private key');
    return ecdhSharedSecret(spec, c.d, peerPublicKey);
  }

  async release(handle: PureHandle): Promise<void> {
    if (!(handle instanceof PureHandle) || !this.#live.delete(handle)) return;
    wipeComponents(handle.components);
    const c = handle.components;
    // BigInts cannot be zeroed, but the handle can stop referencing them (the handle is this provider's own copy)
    if (c.kind === 'rsa-private') Object.assign(c as { -readonly [K in keyof typeof c]: (typeof c)[K] }, { d: 0n, p: 0n, q: 0n, dp: 0n, dq: 0n, qi: 0n });
  }
}

/** The default provider instance. */
export const pureProvider: PureProvider = new PureProvider();
