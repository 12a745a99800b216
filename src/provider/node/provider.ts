import { generateKeyPair as generateKeyPairCb, randomBytes, createSecretKey, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import type { AsymmetricSpec, EcSpec, KeySpec, SymmetricSpec, Usage } from '../../model/spec.js';
import type { KeyComponents, PrivateComponents, PublicComponents, SecretComponents } from '../../model/components.js';
import { wipeComponents } from '../../model/components.js';
import type { KeyAttributes } from '../../model/attributes.js';
import { operationApplies, type Operation } from '../../model/operations.js';
import {
  findEncryptionAlgorithm, findSigningAlgorithm, type EncryptionAlgorithmName, type MessageType, type SigningAlgorithmName,
} from '../../model/algorithms.js';
import type { AlgorithmName, KeyMaterialProvider, ProviderKeyPair, UnwrapRequest, WrapRequest } from '../types.js';
import type { RandomSource } from '../../random.js';
import { fail } from '../../errors.js';
import { encodeComponents } from '../../encoding/formats.js';
import { getWrappingAlgorithm, payloadFormat, WRAPPING_KEY_SPECS, type WrappingAlgorithmName } from '../../wrap/algorithms.js';
import { asymmetricOf, keyObjectOf, publicKeyObject, secretOf } from './keys.js';
import { NODE_ENCRYPTORS, NODE_SIGNERS } from './schemes.js';
import { NODE_WRAPPING } from './wrapping.js';
import { nodeKcv } from './cmac.js';

const generateKeyPairAsync = promisify(generateKeyPairCb);

/** A node-provider handle: a node KeyObject (its material lives in OpenSSL's memory), owned by one provider. */
export class NodeHandle {
  readonly #key: KeyObject;
  /** @internal */
  constructor(
    key: KeyObject,
    readonly extractable: boolean,
  ) {
    this.#key = key;
    Object.freeze(this);
  }

  /** @internal */
  get keyObject(): KeyObject {
    return this.#key;
  }

  toString(): string {
    return `NodeHandle(${this.#key.type})`;
  }

  toJSON(): { type: string } {
    return { type: this.#key.type };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

/**
 * SM2 is out: node 20 holds SM2 keys, but its sign('sm3') uses an empty distinguishing ID on SM2 keys
 * (GM/T 0009's default is 1234567812345678) and plain ECDSA on generated ones, it cannot sign a computed
 * e = SM3(ZA ‖ M), and it has no SM2 encryption. Every SM2 pair must pass the core's pairwise consistency
 * test with SM2DSA or SM2PKE, so the node provider cannot hold SM2 keys at all (test/node-provider.test.ts
 * pins these facts).
 */
/**
 * The specs this provider holds: AES and SM4 secrets, RSA, and ECDSA on P-256, secp256k1 and P-384. Not SM2 (node
 * signs SM2 with an empty user ID and has no SM2 encryption; see the README), and not yet issue 9's HMAC,
 * P-521 and Ed25519 (OpenSSL 3.0 has them; this provider does not wire them up) or ML-DSA / ML-KEM (OpenSSL 3.0
 * has neither): `supports` is false for those, so the core answers UNSUPPORTED.
 */
const heldBy = (spec: KeySpec): boolean =>
  (spec.family === 'symmetric' && (spec.algorithm === 'AES' || spec.algorithm === 'SM4')) ||
  spec.family === 'rsa' ||
  (spec.family === 'ec' && (spec.curve === 'P-256' || spec.curve === 'secp256k1' || spec.curve === 'P-384'));

function algorithmFits(spec: KeySpec, operation: Operation, algorithm: AlgorithmName): boolean {
  switch (operation) {
    case 'sign':
    case 'verify':
      return Object.hasOwn(NODE_SIGNERS, algorithm) && (findSigningAlgorithm(algorithm)?.appliesTo(spec) ?? false);
    case 'encrypt':
    case 'decrypt':
      return Object.hasOwn(NODE_ENCRYPTORS, algorithm) && (findEncryptionAlgorithm(algorithm)?.appliesTo(spec) ?? false);
    case 'wrap':
    case 'unwrap': {
      const impl = Object.hasOwn(NODE_WRAPPING, algorithm) ? NODE_WRAPPING[algorithm as WrappingAlgorithmName] : undefined;
      return impl !== undefined && (operation === 'wrap' || impl.unwraps) && getWrappingAlgorithm(algorithm).targets(spec);
    }
    default:
      return false;
  }
}

/**
 * node:crypto (OpenSSL 3.0): RSA, the EC curves P-256, secp256k1 and P-384, AES and SM4 keys made and used
 * by OpenSSL. Key generation runs on libuv's thread pool (`generateKeyPair`) and secrets come from OpenSSL's
 * CSPRNG, so an injected `random` cannot drive it (`honoursRandom: false`: the core refuses `random` /
 * `seededRandom` with UNSUPPORTED). Keys are extractable by default; a non-extractable key keeps its
 * material in its KeyObject and refuses private export. Each instance accepts only its own handles.
 */
export class NodeCryptoProvider implements KeyMaterialProvider<NodeHandle> {
  readonly name: string = 'node';
  readonly honoursRandom: boolean = false;
  readonly extractableByDefault: boolean = true;
  readonly #live = new WeakSet<NodeHandle>();

  supports(spec: KeySpec, usage: Usage, operation: Operation, algorithm?: AlgorithmName): boolean {
    if (operation === 'persist' || !operationApplies(spec, usage, operation) || !heldBy(spec)) return false;
    // issue 9's usages (MAC, key agreement, KEM) are not wired to this backend yet: UNSUPPORTED, never a fallback
    if (usage !== 'SIGN_VERIFY' && usage !== 'ENCRYPT_DECRYPT') return false;
    return algorithm === undefined || algorithmFits(spec, operation, algorithm);
  }

  canWrap(algorithm: WrappingAlgorithmName, wrappingSpec: KeySpec, targetSpec: KeySpec): boolean {
    const impl = Object.hasOwn(NODE_WRAPPING, algorithm) ? NODE_WRAPPING[algorithm] : undefined;
    if (!impl) return false;
    return WRAPPING_KEY_SPECS[impl.kind](wrappingSpec) && getWrappingAlgorithm(algorithm).targets(targetSpec) && heldBy(targetSpec);
  }

  #handle(key: KeyObject, extractable: boolean): NodeHandle {
    const h = new NodeHandle(key, extractable);
    this.#live.add(h);
    return h;
  }

  #own(handle: unknown): KeyObject {
    if (!(handle instanceof NodeHandle) || !this.#live.has(handle)) fail('INVALID_ARGUMENT', `not a live handle of this ${this.name} provider`);
    return handle.keyObject;
  }

  #pair(privateKey: KeyObject, attributes: KeyAttributes): ProviderKeyPair<NodeHandle> {
    return { privateKey: this.#handle(privateKey, attributes.extractable), publicKey: this.#handle(publicKeyObject(privateKey), true) };
  }

  async generateSecret(spec: SymmetricSpec, _usage: Usage, attributes: KeyAttributes, _random: RandomSource): Promise<NodeHandle> {
    const drawn = randomBytes(spec.keyBytes);
    try {
      return this.#handle(createSecretKey(drawn), attributes.extractable);
    } finally {
      drawn.fill(0);
    }
  }

  async generateKeyPair(spec: AsymmetricSpec, _usage: Usage, attributes: KeyAttributes, _random: RandomSource): Promise<ProviderKeyPair<NodeHandle>> {
    if (!heldBy(spec)) fail('UNSUPPORTED', `${this.name} provider does not hold ${spec.name} keys`);
    const { privateKey } =
      spec.family === 'rsa'
        ? await generateKeyPairAsync('rsa', { modulusLength: spec.bits, publicExponent: Number(spec.publicExponent) })
        : await generateKeyPairAsync('ec', { namedCurve: (spec as EcSpec).opensslCurve });
    return this.#pair(privateKey, attributes);
  }

  async exportPublic(spec: AsymmetricSpec, handle: NodeHandle): Promise<PublicComponents> {
    const key = this.#own(handle);
    if (key.type === 'secret') fail('UNSUPPORTED', 'a secret key has no public half');
    return asymmetricOf(spec, publicKeyObject(key)) as PublicComponents;
  }

  async exportPrivate(spec: KeySpec, handle: NodeHandle): Promise<SecretComponents | PrivateComponents> {
    const key = this.#own(handle);
    if (key.type === 'public') fail('UNSUPPORTED', 'a public key has no private half');
    if (!handle.extractable) fail('NOT_EXTRACTABLE', `${this.name} provider: the key was created non-extractable`);
    return key.type === 'secret' ? secretOf(key) : (asymmetricOf(spec, key) as PrivateComponents);
  }

  async importComponents(spec: KeySpec, _usage: Usage, components: KeyComponents, attributes: KeyAttributes): Promise<NodeHandle> {
    if (!heldBy(spec)) fail('UNSUPPORTED', `${this.name} provider does not hold ${spec.name} keys`);
    const publicKind = components.kind === 'rsa-public' || components.kind === 'ec-public';
    return this.#handle(keyObjectOf(spec, components), publicKind || attributes.extractable);
  }

  async sign(spec: AsymmetricSpec, privateKey: NodeHandle, algorithm: SigningAlgorithmName, data: Uint8Array, type: MessageType, _random: RandomSource): Promise<Uint8Array> {
    const key = this.#own(privateKey);
    const signer = Object.hasOwn(NODE_SIGNERS, algorithm) ? NODE_SIGNERS[algorithm] : undefined;
    if (!signer) fail('UNSUPPORTED', `${this.name} provider does not sign with ${algorithm} (${spec.name})`);
    return signer.sign(key, data, type);
  }

  async verify(spec: AsymmetricSpec, publicKey: NodeHandle, algorithm: SigningAlgorithmName, data: Uint8Array, type: MessageType, signature: Uint8Array): Promise<boolean> {
    const key = this.#own(publicKey);
    const signer = Object.hasOwn(NODE_SIGNERS, algorithm) ? NODE_SIGNERS[algorithm] : undefined;
    if (!signer) fail('UNSUPPORTED', `${this.name} provider does not verify ${algorithm} (${spec.name})`);
    return signer.verify(key, data, type, signature);
  }

  async encrypt(spec: AsymmetricSpec, publicKey: NodeHandle, algorithm: EncryptionAlgorithmName, plaintext: Uint8Array, _random: RandomSource): Promise<Uint8Array> {
    const key = this.#own(publicKey);
    const enc = Object.hasOwn(NODE_ENCRYPTORS, algorithm) ? NODE_ENCRYPTORS[algorithm] : undefined;
    if (!enc) fail('UNSUPPORTED', `${this.name} provider does not encrypt with ${algorithm} (${spec.name})`);
    return enc.encrypt(key, plaintext);
  }

  async decrypt(spec: AsymmetricSpec, privateKey: NodeHandle, algorithm: EncryptionAlgorithmName, ciphertext: Uint8Array): Promise<Uint8Array> {
    const key = this.#own(privateKey);
    const enc = Object.hasOwn(NODE_ENCRYPTORS, algorithm) ? NODE_ENCRYPTORS[algorithm] : undefined;
    if (!enc) fail('UNSUPPORTED', `${this.name} provider does not decrypt with ${algorithm} (${spec.name})`);
    return enc.decrypt(key, ciphertext);
  }

  #impl(algorithm: WrappingAlgorithmName, side: 'wrap' | 'unwrap') {
    const impl = Object.hasOwn(NODE_WRAPPING, algorithm) ? NODE_WRAPPING[algorithm] : undefined;
    if (!impl || (side === 'unwrap' && !impl.unwraps)) return fail('UNSUPPORTED', `${this.name} provider cannot ${side} with ${algorithm}`);
    return impl;
  }

  async wrap(req: WrapRequest<NodeHandle>): Promise<Uint8Array> {
    const impl = this.#impl(req.algorithm, 'wrap');
    const kek = this.#own(req.wrappingKey);
    const target = this.#own(req.target);
    const alg = getWrappingAlgorithm(req.algorithm);
    // the payload is keysmith's own encoding of the components (the same bytes as the pure provider's)
    const c = target.type === 'secret' ? secretOf(target) : (asymmetricOf(req.targetSpec, target) as PrivateComponents);
    let payload: Uint8Array | undefined;
    try {
      payload = encodeComponents(req.targetSpec, c, payloadFormat(alg.payload, req.targetSpec)) as Uint8Array;
      return impl.wrap({ key: kek, spec: req.wrappingSpec.family === 'symmetric' ? req.wrappingSpec : undefined }, payload);
    } finally {
      payload?.fill(0);
      wipeComponents(c);
    }
  }

  async unwrap(req: UnwrapRequest<NodeHandle>): Promise<NodeHandle | ProviderKeyPair<NodeHandle>> {
    const impl = this.#impl(req.algorithm, 'unwrap');
    const kek = this.#own(req.unwrappingKey);
    if (impl.kind === 'rsa' && kek.type !== 'private') fail('INVALID_ARGUMENT', 'unwrapping needs the private key');
    const payload = impl.unwrap({ key: kek, spec: req.unwrappingSpec.family === 'symmetric' ? req.unwrappingSpec : undefined }, req.wrapped);
    let c: SecretComponents | PrivateComponents;
    try {
      c = req.validate(payload);
    } finally {
      payload.fill(0);
    }
    try {
      const key = keyObjectOf(req.targetSpec, c);
      return c.kind === 'secret' ? this.#handle(key, req.attributes.extractable) : this.#pair(key, req.attributes);
    } finally {
      wipeComponents(c);
    }
  }

  async keyCheckValue(spec: SymmetricSpec, handle: NodeHandle): Promise<Uint8Array> {
    const key = this.#own(handle);
    if (key.type !== 'secret') fail('UNSUPPORTED', 'key check values are for secret keys');
    return nodeKcv(spec, key);
  }

  /** Forgets the handle; node frees (and OpenSSL clears) the KeyObject's memory when it is collected. */
  async release(handle: NodeHandle): Promise<void> {
    if (handle instanceof NodeHandle) this.#live.delete(handle);
  }
}

/** A node:crypto provider (`keysmith/node`). Instances are independent: each accepts only its own handles. */
export function nodeCryptoProvider(): NodeCryptoProvider {
  return new NodeCryptoProvider();
}
