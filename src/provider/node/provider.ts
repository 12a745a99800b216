import { generateKeyPair as generateKeyPairCb, diffieHellman, randomBytes, createSecretKey, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import type { AsymmetricSpec, EcSpec, KeySpec, SymmetricSpec, Usage } from '../../model/spec.js';
import type { KeyComponents, PrivateComponents, PublicComponents, SecretComponents } from '../../model/components.js';
import { isPublicComponents, wipeComponents } from '../../model/components.js';
import type { KeyAttributes } from '../../model/attributes.js';
import { operationApplies, type Operation } from '../../model/operations.js';
import {
  findEncryptionAlgorithm, findMacAlgorithm, findSigningAlgorithm, type EncryptionAlgorithmName, type MacAlgorithmName, type MessageType,
  type SigningAlgorithmName,
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
import { nodeHasMac, nodeHmac, nodeHmacKcv, nodeHmacVerify } from './mac.js';

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

/** The entry of one of this provider's own tables (signers, encryptors, wrapping), never an inherited member. */
function entry<T>(table: Readonly<Partial<Record<string, T>>>, name: string): T | undefined {
  return Object.hasOwn(table, name) ? table[name] : undefined;
}

/**
 * SM2 is out: node 20 holds SM2 keys, but its sign('sm3') uses an empty distinguishing ID on SM2 keys
 * (GM/T 0009's default is 1234567812345678) and plain ECDSA on generated ones, it cannot sign a computed
 * e = SM3(ZA ‖ M), it has no SM2 encryption, and it does not derive ECDH on SM2 keys. Every SM2 pair must pass
 * the core's pairwise consistency test with SM2DSA or SM2PKE, so the node provider cannot hold SM2 keys at all
 * (test/node-provider.test.ts pins these facts).
 *
 * The specs this provider holds, read from their registry fields: AES (16, 24, 32 bytes), SM4 and HMAC secrets
 * (HMAC with its `mac` in OpenSSL: SHA-224…512 and SM3); RSA; the EC curves with a JWK name whose signature scheme
 * node has (P-256, secp256k1, P-384, P-521 — not SM2, whose scheme is SM2DSA); Edwards curves with an OKP JWK
 * (Ed25519, RFC 8037). Not ML-DSA / ML-KEM: OpenSSL 3.0 has neither, so `supports` is false and the core answers
 * UNSUPPORTED.
 */
function heldBy(spec: KeySpec): boolean {
  switch (spec.family) {
    case 'symmetric':
      if (spec.algorithm === 'HMAC') return nodeHasMac(spec.mac);
      return spec.algorithm === 'SM4' || (spec.algorithm === 'AES' && [16, 24, 32].includes(spec.keyBytes));
    case 'rsa':
      return true;
    case 'ec':
      return spec.jwk !== undefined && entry(NODE_SIGNERS, spec.signature) !== undefined;
    case 'edwards':
      return spec.jwk.kty === 'OKP' && entry(NODE_SIGNERS, spec.signature) !== undefined;
    default:
      return false;
  }
}

/** node's generateKeyPair for an asymmetric spec this provider holds. */
function keyPairGeneration(spec: AsymmetricSpec): Promise<{ privateKey: KeyObject }> {
  switch (spec.family) {
    case 'rsa':
      return generateKeyPairAsync('rsa', { modulusLength: spec.bits, publicExponent: Number(spec.publicExponent) });
    case 'ec':
      return generateKeyPairAsync('ec', { namedCurve: spec.opensslCurve });
    case 'edwards':
      // node's key type is the RFC 8037 curve name in lower case ('ed25519')
      return generateKeyPairAsync(spec.jwk.crv.toLowerCase() as 'ed25519');
    default:
      return fail('UNSUPPORTED', `node provider does not hold ${spec.name} keys`);
  }
}

/** Whether one of `names` (the algorithms node has) applies to `spec`. */
function anyApplies(spec: KeySpec, names: readonly string[], find: (n: string) => { appliesTo(s: KeySpec): boolean } | undefined): boolean {
  return names.some((n) => find(n)?.appliesTo(spec) ?? false);
}

/** Whether node does `operation` on a held key of `spec` (with `algorithm`, where the operation takes one). */
function operationFits(spec: KeySpec, operation: Operation, algorithm: AlgorithmName | undefined): boolean {
  switch (operation) {
    case 'generate':
    case 'import':
    case 'export-public':
    case 'export-private':
    case 'key-check-value': // CMAC over OpenSSL's AES/SM4 blocks, or HMAC of a zero block for HMAC keys
    case 'derive-shared-secret': // diffieHellman on every EC curve held
      return algorithm === undefined;
    case 'sign':
    case 'verify':
      if (algorithm === undefined) return anyApplies(spec, Object.keys(NODE_SIGNERS), findSigningAlgorithm);
      return entry(NODE_SIGNERS, algorithm) !== undefined && (findSigningAlgorithm(algorithm)?.appliesTo(spec) ?? false);
    case 'encrypt':
    case 'decrypt':
      if (algorithm === undefined) return anyApplies(spec, Object.keys(NODE_ENCRYPTORS), findEncryptionAlgorithm);
      return entry(NODE_ENCRYPTORS, algorithm) !== undefined && (findEncryptionAlgorithm(algorithm)?.appliesTo(spec) ?? false);
    case 'generate-mac':
    case 'verify-mac': {
      const mac = algorithm ?? (spec.family === 'symmetric' ? spec.mac : undefined);
      return nodeHasMac(mac) && (findMacAlgorithm(mac)?.appliesTo(spec) ?? false);
    }
    case 'wrap':
    case 'unwrap': {
      if (algorithm === undefined) return true;
      const impl = entry(NODE_WRAPPING, algorithm);
      return impl !== undefined && (operation === 'wrap' || impl.unwraps) && getWrappingAlgorithm(algorithm).targets(spec);
    }
    // persist: KeyObjects live in memory only; encapsulate / decapsulate: OpenSSL 3.0 has no ML-KEM
    default:
      return false;
  }
}

/**
 * node:crypto (OpenSSL 3.0): AES, SM4 and HMAC secrets, RSA, ECDSA/ECDH on P-256, P-384, P-521 (ECDSA on
 * secp256k1 too) and Ed25519, made and used by OpenSSL (see `heldBy` for what is out, and why). Key generation
 * runs on libuv's thread pool (`generateKeyPair`) and secrets come from OpenSSL's CSPRNG, so an injected
 * `random` cannot drive it (`honoursRandom: false`: the core refuses `random` / `seededRandom` with UNSUPPORTED). Keys are extractable by default; a non-extractable key keeps its
 * material in its KeyObject and refuses private export. Each instance accepts only its own handles.
 */
export class NodeCryptoProvider implements KeyMaterialProvider<NodeHandle> {
  readonly name: string = 'node';
  readonly honoursRandom: boolean = false;
  readonly extractableByDefault: boolean = true;
  readonly #live = new WeakSet<NodeHandle>();

  supports(spec: KeySpec, usage: Usage, operation: Operation, algorithm?: AlgorithmName): boolean {
    if (!operationApplies(spec, usage, operation) || !heldBy(spec)) return false;
    return operationFits(spec, operation, algorithm);
  }

  canWrap(algorithm: WrappingAlgorithmName, wrappingSpec: KeySpec, targetSpec: KeySpec): boolean {
    const impl = entry(NODE_WRAPPING, algorithm);
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
    const { privateKey } = await keyPairGeneration(spec);
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
    return this.#handle(keyObjectOf(spec, components), isPublicComponents(components) || attributes.extractable);
  }

  async sign(spec: AsymmetricSpec, privateKey: NodeHandle, algorithm: SigningAlgorithmName, data: Uint8Array, type: MessageType, _random: RandomSource): Promise<Uint8Array> {
    const key = this.#own(privateKey);
    const signer = entry(NODE_SIGNERS, algorithm) ?? fail('UNSUPPORTED', `${this.name} provider does not sign with ${algorithm} (${spec.name})`);
    return signer.sign(key, data, type);
  }

  async verify(spec: AsymmetricSpec, publicKey: NodeHandle, algorithm: SigningAlgorithmName, data: Uint8Array, type: MessageType, signature: Uint8Array): Promise<boolean> {
    const key = this.#own(publicKey);
    const signer = entry(NODE_SIGNERS, algorithm) ?? fail('UNSUPPORTED', `${this.name} provider does not verify ${algorithm} (${spec.name})`);
    return signer.verify(key, data, type, signature);
  }

  async encrypt(spec: AsymmetricSpec, publicKey: NodeHandle, algorithm: EncryptionAlgorithmName, plaintext: Uint8Array, _random: RandomSource): Promise<Uint8Array> {
    const key = this.#own(publicKey);
    const enc = entry(NODE_ENCRYPTORS, algorithm) ?? fail('UNSUPPORTED', `${this.name} provider does not encrypt with ${algorithm} (${spec.name})`);
    return enc.encrypt(key, plaintext);
  }

  async decrypt(spec: AsymmetricSpec, privateKey: NodeHandle, algorithm: EncryptionAlgorithmName, ciphertext: Uint8Array): Promise<Uint8Array> {
    const key = this.#own(privateKey);
    const enc = entry(NODE_ENCRYPTORS, algorithm) ?? fail('UNSUPPORTED', `${this.name} provider does not decrypt with ${algorithm} (${spec.name})`);
    return enc.decrypt(key, ciphertext);
  }

  #impl(algorithm: WrappingAlgorithmName, side: 'wrap' | 'unwrap') {
    const impl = entry(NODE_WRAPPING, algorithm);
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
    if (spec.algorithm !== 'HMAC') return nodeKcv(spec, key);
    if (spec.mac === undefined) return fail('INVALID_ARGUMENT', `${spec.name}: an HMAC spec names its MAC algorithm`);
    return nodeHmacKcv(spec.mac, key);
  }

  /** HMAC with OpenSSL's digest (createHmac); the key stays in its KeyObject. */
  async mac(_spec: SymmetricSpec, key: NodeHandle, algorithm: MacAlgorithmName, message: Uint8Array): Promise<Uint8Array> {
    const k = this.#own(key);
    if (k.type !== 'secret') fail('UNSUPPORTED', 'MACs need a secret key');
    return nodeHmac(algorithm, k, message);
  }

  async verifyMac(_spec: SymmetricSpec, key: NodeHandle, algorithm: MacAlgorithmName, message: Uint8Array, mac: Uint8Array): Promise<boolean> {
    const k = this.#own(key);
    if (k.type !== 'secret') fail('UNSUPPORTED', 'MACs need a secret key');
    return nodeHmacVerify(algorithm, k, message, mac);
  }

  /**
   * Raw ECDH in OpenSSL (`diffieHellman`, EVP_PKEY_derive): the peer point the core validated becomes a public
   * KeyObject on the spec's curve; OpenSSL returns x(d·Q) as a field-length octet string (SP 800-56A r3
   * §5.7.1.2, FE2OS; no KDF) and fails rather than return the point at infinity.
   */
  async deriveSharedSecret(spec: EcSpec, privateKey: NodeHandle, peerPublicKey: Uint8Array): Promise<Uint8Array> {
    const key = this.#own(privateKey);
    if (key.type !== 'private' || key.asymmetricKeyType !== 'ec') fail('UNSUPPORTED', 'key agreement needs an EC private key');
    const z = diffieHellman({ privateKey: key, publicKey: keyObjectOf(spec, { kind: 'ec-public', publicKey: peerPublicKey }) });
    const out = new Uint8Array(z);
    z.fill(0);
    return out;
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
