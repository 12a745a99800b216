import { createHash, timingSafeEqual } from 'node:crypto';
import type { AsymmetricSpec, EcSpec, KeySpec, SymmetricSpec, Usage } from '../model/spec.js';
import type { EcPrivateComponents, KeyComponents, OkpPrivateComponents, PrivateComponents, PublicComponents, SecretComponents } from '../model/components.js';
import type { KeyAttributes } from '../model/attributes.js';
import { operationApplies, type Operation } from '../model/operations.js';
import {
  findEncryptionAlgorithm, findMacAlgorithm, findSigningAlgorithm, signingAlgorithms,
  type DigestName, type EncryptionAlgorithmName, type MacAlgorithmName, type MessageType, type SigningAlgorithmName,
} from '../model/algorithms.js';
import type { AlgorithmName, KeyMaterialProvider, ProviderKeyPair, UnwrapRequest, WrapRequest } from '../provider/types.js';
import { getWrappingAlgorithm, WRAPPING_KEY_SPECS, type WrappingAlgorithmName } from '../wrap/algorithms.js';
import { specs } from '../registry/specs.js';
import { bigIntToBytes, bytesToBigInt } from '../bytes.js';
import { fail } from '../errors.js';
import { KCV_BYTES } from '../wrap/kcv.js';
import { CKA, CKD_NULL, CKG, CKM, CKZ_DATA_SPECIFIED, MECHANISM_NAMES } from './constants.js';
import { ckr, pkcs11js, type PKCS11 } from './library.js';
import { derToRaw, ecPointAttribute, ecPointFromAttribute, edPointFromAttribute, rawToDer } from './signature.js';
import {
  derivedSecretTemplate, ephemeralAesTemplate, privateTemplate, publicTemplate, secretTemplate, type Attribute,
} from './templates.js';

type Handle = Buffer;

/** A token object: the PKCS #11 object handle, with what keysmith read back when it was made. */
export class Pkcs11Handle {
  /** @internal */
  constructor(
    readonly object: Handle,
    readonly type: 'secret' | 'private' | 'public',
    readonly persistent: boolean,
    /** The public components, read back from the token at creation (pairs only). */
    readonly publicComponents?: PublicComponents,
  ) {
    Object.freeze(this);
  }

  toString(): string {
    return `Pkcs11Handle(${this.type}${this.persistent ? ', token object' : ''})`;
  }

  toJSON(): { type: string } {
    return { type: this.type };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

/** PKCS #11 digest mechanisms and MGF1 generators per hash (Current Mechanisms §2.1.8, §2.1.9). */
const HASH: Partial<Record<DigestName, { ckm: number; mgf: number; node: string; digestInfo: string }>> = {
  'SHA-1': { ckm: CKM.SHA_1, mgf: CKG.MGF1_SHA1, node: 'sha1', digestInfo: '3021300906052b0e03021a05000414' },
  'SHA-256': { ckm: CKM.SHA256, mgf: CKG.MGF1_SHA256, node: 'sha256', digestInfo: '3031300d060960864801650304020105000420' },
  'SHA-384': { ckm: CKM.SHA384, mgf: CKG.MGF1_SHA384, node: 'sha384', digestInfo: '3041300d060960864801650304020205000430' },
  'SHA-512': { ckm: CKM.SHA512, mgf: CKG.MGF1_SHA512, node: 'sha512', digestInfo: '3051300d060960864801650304020305000440' },
};

/**
 * The HMAC mechanism of each MAC algorithm (Current Mechanisms v2.40, the SHA-224 … SHA-512 sections: CKM_SHA224_HMAC …
 * CKM_SHA512_HMAC, the full-length tag). HMAC-SM3 has no mechanism in PKCS #11 v2.40 or v3.0.
 */
const HMAC_MECHANISM: Partial<Record<MacAlgorithmName, number>> = {
  HMAC_SHA_224: CKM.SHA224_HMAC, HMAC_SHA_256: CKM.SHA256_HMAC, HMAC_SHA_384: CKM.SHA384_HMAC, HMAC_SHA_512: CKM.SHA512_HMAC,
};

/**
 * Input bytes as pkcs11js passes them. An empty Buffer reaches the module as a NULL pData, which SoftHSM 2.6
 * refuses with CKR_ARGUMENTS_BAD (an empty HMAC or Ed25519 message is valid): an empty view of a real
 * allocation has a non-NULL pointer and length 0.
 */
function inputBytes(data: Uint8Array): Buffer {
  return data.length === 0 ? Buffer.alloc(1).subarray(0, 0) : Buffer.from(data);
}

export interface Pkcs11Session {
  readonly module: PKCS11;
  readonly session: Handle;
  readonly slot: Handle;
  readonly mechanisms: ReadonlySet<number>;
}

/**
 * Keys made and used inside a PKCS #11 token (pkcs11js). Capabilities come from the token's own
 * mechanism list (C_GetMechanismList) and from probes run when the provider opens (which EC and Edwards curves
 * the token generates, which HMAC key lengths CKM_GENERIC_SECRET_KEY_GEN makes, whether its CKM_RSA_PKCS_OAEP
 * takes SHA-256), so `supports` is true for the token in use, never by the token's name.
 *
 * Concurrency: pkcs11js calls are synchronous and every operation here runs its PKCS #11 calls without
 * awaiting in between, so operations on the provider's one session never interleave, however many
 * keysmith calls are in flight (a multi-part C_SignInit/C_Sign pair always completes before the next).
 */
export class Pkcs11Provider implements KeyMaterialProvider<Pkcs11Handle> {
  readonly name: string;
  readonly honoursRandom: boolean = false;
  readonly extractableByDefault: boolean = false;
  readonly #p: PKCS11;
  readonly #session: Handle;
  readonly #mechanisms: ReadonlySet<number>;
  readonly #curves: ReadonlySet<string>;
  readonly #secretLengths: ReadonlySet<number>;
  readonly #oaepSha256: boolean;
  readonly #live = new Set<Pkcs11Handle>();
  readonly #onClose: () => void;
  #closed = false;

  /** @internal use pkcs11Provider(). */
  constructor(name: string, s: Pkcs11Session, onClose: () => void) {
    this.name = name;
    this.#p = s.module;
    this.#session = s.session;
    this.#mechanisms = s.mechanisms;
    this.#onClose = onClose;
    this.#curves = this.#probeCurves();
    this.#secretLengths = this.#probeGenericSecrets();
    this.#oaepSha256 = this.#probeOaepSha256();
  }

  // ---- capabilities -------------------------------------------------------------------------------

  /** The mechanisms the token lists (C_GetMechanismList), as numbers. */
  get mechanisms(): readonly number[] {
    return [...this.#mechanisms].sort((a, b) => a - b);
  }

  #has(m: number): boolean {
    return this.#mechanisms.has(m);
  }

  /**
   * Session key pairs on each registry curve (EC and Edwards; keyed by the curve's OID): the mechanism list does
   * not say which curves a token has (CKM_EC_KEY_PAIR_GEN covers every curve; CKM_EC_EDWARDS_KEY_PAIR_GEN both
   * Ed25519 and Ed448).
   */
  #probeCurves(): ReadonlySet<string> {
    const ok = new Set<string>();
    const attrs: KeyAttributes = { extractable: false, persistent: false };
    for (const spec of specs) {
      const curve = spec.family === 'ec' ? spec.curveOid : spec.family === 'edwards' ? spec.oid : undefined;
      const mechanism = spec.family === 'ec' ? CKM.EC_KEY_PAIR_GEN : CKM.EC_EDWARDS_KEY_PAIR_GEN;
      if (curve === undefined || ok.has(curve) || !this.#has(mechanism)) continue;
      const asym = spec as AsymmetricSpec;
      try {
        const pair = this.#p.C_GenerateKeyPair(this.#session, { mechanism }, publicTemplate(asym, 'SIGN_VERIFY', attrs) as never, privateTemplate(asym, 'SIGN_VERIFY', attrs) as never);
        this.#p.C_DestroyObject(this.#session, pair.privateKey);
        this.#p.C_DestroyObject(this.#session, pair.publicKey);
        ok.add(curve);
      } catch {
        // the token does not know the curve
      }
    }
    return ok;
  }

  /**
   * The HMAC key lengths CKM_GENERIC_SECRET_KEY_GEN makes here, tried once per registry HMAC spec: the NSS softoken
   * reports a maximum of 32 bytes in C_GetMechanismInfo but makes 48- and 64-byte keys, so the info cannot decide.
   */
  #probeGenericSecrets(): ReadonlySet<number> {
    const ok = new Set<number>();
    if (!this.#has(CKM.GENERIC_SECRET_KEY_GEN)) return ok;
    const attrs: KeyAttributes = { extractable: false, persistent: false };
    for (const spec of specs) {
      if (spec.family !== 'symmetric' || spec.algorithm !== 'HMAC' || ok.has(spec.keyBytes)) continue;
      try {
        this.#p.C_DestroyObject(this.#session, this.#p.C_GenerateKey(this.#session, { mechanism: CKM.GENERIC_SECRET_KEY_GEN }, secretTemplate(spec as never, attrs, 'generate') as never));
        ok.add(spec.keyBytes);
      } catch {
        // the token does not make generic secrets of this length
      }
    }
    return ok;
  }

  /** SoftHSM 2.6 lists CKM_RSA_PKCS_OAEP but takes SHA-1 only (SHA-256 gives CKR_ARGUMENTS_BAD): try it. */
  #probeOaepSha256(): boolean {
    if (!this.#has(CKM.RSA_PKCS_OAEP) || !this.#has(CKM.RSA_PKCS_KEY_PAIR_GEN)) return false;
    const spec = specs.find((s) => s.family === 'rsa')! as AsymmetricSpec & { family: 'rsa' };
    const attrs: KeyAttributes = { extractable: false, persistent: false };
    let pair: { privateKey: Handle; publicKey: Handle } | undefined;
    try {
      const small = { ...spec, bits: 1024 };
      pair = this.#p.C_GenerateKeyPair(this.#session, { mechanism: CKM.RSA_PKCS_KEY_PAIR_GEN }, publicTemplate(small, 'ENCRYPT_DECRYPT', attrs) as never, privateTemplate(small, 'ENCRYPT_DECRYPT', attrs) as never);
      const ct = this.#rsaCrypt('encrypt', pair.publicKey, this.#oaep('SHA-256'), new Uint8Array(1), 128);
      const pt = this.#rsaCrypt('decrypt', pair.privateKey, this.#oaep('SHA-256'), ct, 128);
      return pt.length === 1 && pt[0] === 0;
    } catch {
      return false;
    } finally {
      if (pair) {
        this.#p.C_DestroyObject(this.#session, pair.privateKey);
        this.#p.C_DestroyObject(this.#session, pair.publicKey);
      }
    }
  }

  /**
   * Why the token cannot hold keys of the spec and usage at all (key type, curve, and, for pairs, a check keysmith
   * can run on the pair), or undefined when it can.
   */
  #holdMissing(spec: KeySpec, usage: Usage): string | undefined {
    switch (spec.family) {
      case 'symmetric':
        if (spec.algorithm === 'AES') return this.#has(CKM.AES_KEY_GEN) ? undefined : MECHANISM_NAMES[CKM.AES_KEY_GEN];
        if (spec.algorithm === 'HMAC') return this.#macMissing(spec, spec.mac!);
        return `${spec.name} keys (no ${spec.algorithm} key type)`;
      case 'rsa':
        if (!this.#has(CKM.RSA_PKCS_KEY_PAIR_GEN)) return MECHANISM_NAMES[CKM.RSA_PKCS_KEY_PAIR_GEN];
        break;
      case 'ec':
        if (!this.#curves.has(spec.curveOid)) return `${spec.name} keys (the token does not generate curve ${spec.curveOid})`;
        break;
      case 'edwards':
        if (!this.#has(CKM.EC_EDWARDS_KEY_PAIR_GEN)) return MECHANISM_NAMES[CKM.EC_EDWARDS_KEY_PAIR_GEN];
        if (!this.#curves.has(spec.oid)) return `${spec.name} keys (the token does not generate curve ${spec.oid})`;
        break;
      default:
        // FIPS 203/204 mechanisms are PKCS #11 v3.2 (CKM_ML_DSA, CKM_ML_KEM); neither token has them
        return `${spec.name} keys (no ${spec.family === 'ml-dsa' ? 'ML-DSA' : 'ML-KEM'} mechanism)`;
    }
    // the core's pairwise consistency test needs the usage's operation both ways
    switch (usage) {
      case 'SIGN_VERIFY':
        return signingAlgorithms().some((a) => a.appliesTo(spec) && a.messageTypes.includes('RAW') && this.#signingMechanism(spec, a.name) === undefined)
          ? undefined : `a ${usage} mechanism for ${spec.name} (no algorithm keysmith can check the pair with)`;
      case 'KEY_AGREEMENT':
        return spec.family === 'ec' && this.#has(CKM.ECDH1_DERIVE) ? undefined : MECHANISM_NAMES[CKM.ECDH1_DERIVE];
      case 'ENCRYPT_DECRYPT':
        return ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256', 'SM2PKE'].some((a) => this.#encryptionMissing(spec, a as EncryptionAlgorithmName) === undefined)
          ? undefined : `a ${usage} mechanism for ${spec.name} (no algorithm keysmith can check the pair with)`;
      default:
        return `${usage} keys of ${spec.name}`;
    }
  }

  /** undefined when the token has the HMAC mechanism of `alg` for an HMAC spec's keys, else what is missing. */
  #macMissing(spec: KeySpec, alg: MacAlgorithmName): string | undefined {
    if (!findMacAlgorithm(alg)?.appliesTo(spec)) return `a ${String(alg)} MAC for ${spec.name}`;
    const m = HMAC_MECHANISM[alg];
    if (m === undefined) return `an ${alg} mechanism (PKCS #11 defines none)`;
    return this.#has(m) ? undefined : MECHANISM_NAMES[m];
  }

  /** undefined when the token can sign with `alg` for `spec`, else what is missing. */
  #signingMechanism(spec: KeySpec, alg: SigningAlgorithmName): string | undefined {
    const a = findSigningAlgorithm(alg);
    if (!a || !a.appliesTo(spec)) return 'an algorithm for this spec';
    const need = { 'RSASSA-PKCS1-v1_5': CKM.RSA_PKCS, 'RSASSA-PSS': CKM.RSA_PKCS_PSS, ECDSA: CKM.ECDSA, Ed25519: CKM.EDDSA }[a.scheme as string];
    if (a.scheme === 'SM2DSA') return 'an SM2 signature mechanism (SM2DSA with SM3)';
    // Ed25519ph is CKM_EDDSA with CK_EDDSA_PARAMS { phFlag: true } (PKCS #11 v3.0), a parameter pkcs11js 2.1.7 cannot pass
    if (a.scheme === 'Ed25519ph') return `${MECHANISM_NAMES[CKM.EDDSA]} with CK_EDDSA_PARAMS phFlag (Ed25519ph; pkcs11js has no such parameter)`;
    if (need === undefined) return `a ${a.scheme} signature mechanism`;
    return this.#has(need) ? undefined : MECHANISM_NAMES[need];
  }

  #encryptionMissing(spec: KeySpec, alg: EncryptionAlgorithmName): string | undefined {
    const a = findEncryptionAlgorithm(alg);
    if (!a || !a.appliesTo(spec)) return 'an algorithm for this spec';
    if (a.scheme === 'SM2PKE') return 'an SM2 encryption mechanism (SM2PKE)';
    return this.#oaepMissing(a.hash);
  }

  #oaepMissing(hash: DigestName): string | undefined {
    if (!this.#has(CKM.RSA_PKCS_OAEP)) return MECHANISM_NAMES[CKM.RSA_PKCS_OAEP];
    if (hash !== 'SHA-1' && !this.#oaepSha256) return `${MECHANISM_NAMES[CKM.RSA_PKCS_OAEP]} with ${hash} (the token takes SHA-1 only)`;
    return undefined;
  }

  /** The AES key wrap with padding the token has for a target: RFC 5649 KWP, or (SoftHSM) CKM_AES_KEY_WRAP_PAD where it agrees with RFC 5649. */
  #kwp(target: KeySpec): number | undefined {
    if (this.#has(CKM.AES_KEY_WRAP_KWP)) return CKM.AES_KEY_WRAP_KWP;
    // SoftHSM's CKM_AES_KEY_WRAP_PAD equals RFC 5649 only for input that is a multiple of 8 bytes: raw secret keys
    if (this.#has(CKM.AES_KEY_WRAP_PAD) && target.family === 'symmetric' && target.keyBytes % 8 === 0) return CKM.AES_KEY_WRAP_PAD;
    return undefined;
  }

  /** undefined when the token can wrap (or unwrap) `target` with `algorithm`, else what is missing. */
  #wrapMissing(name: WrappingAlgorithmName, target: KeySpec, side: 'wrap' | 'unwrap'): string | undefined {
    const alg = getWrappingAlgorithm(name);
    if (!alg.targets(target)) return `a ${name} wrap of ${target.name}`;
    // an unwrapped EC or Ed25519 private key has no readable public point (CKA_EC_POINT belongs to public objects)
    if (side === 'unwrap' && (target.family === 'ec' || target.family === 'edwards')) return `the public point of an unwrapped ${target.name} private key`;
    const kwp = () => (this.#kwp(target) === undefined ? MECHANISM_NAMES[CKM.AES_KEY_WRAP_KWP] : undefined);
    switch (name) {
      case 'AES_KW':
        return this.#has(CKM.AES_KEY_WRAP) ? undefined : MECHANISM_NAMES[CKM.AES_KEY_WRAP];
      case 'AES_KWP':
        return kwp();
      case 'RSAES_OAEP_SHA_1':
      case 'RSAES_OAEP_SHA_256':
        // C_WrapKey with an RSA mechanism wraps secret keys only (Current Mechanisms §2.1.8)
        if (target.family !== 'symmetric') return 'an RSA wrap of a private key (C_WrapKey with RSA wraps secret keys)';
        return this.#oaepMissing(name === 'RSAES_OAEP_SHA_1' ? 'SHA-1' : 'SHA-256');
      case 'RSAES_PKCS1_V1_5':
        if (target.family !== 'symmetric') return 'an RSA wrap of a private key (C_WrapKey with RSA wraps secret keys)';
        return this.#has(CKM.RSA_PKCS) ? undefined : MECHANISM_NAMES[CKM.RSA_PKCS];
      case 'RSA_AES_KEY_WRAP_SHA_1':
      case 'RSA_AES_KEY_WRAP_SHA_256':
        return this.#oaepMissing(name === 'RSA_AES_KEY_WRAP_SHA_1' ? 'SHA-1' : 'SHA-256') ?? (this.#has(CKM.AES_KEY_GEN) ? kwp() : MECHANISM_NAMES[CKM.AES_KEY_GEN]);
      default:
        return `a ${name} mechanism`;
    }
  }

  /**
   * Why the token cannot do `operation` (naming the missing PKCS #11 mechanism where there is one), or
   * undefined when it can. `supports` is exactly `unsupportedReason(...) === undefined`.
   */
  unsupportedReason(spec: KeySpec, usage: Usage, operation: Operation, algorithm?: AlgorithmName): string | undefined {
    if (!operationApplies(spec, usage, operation)) return `${operation} of a ${spec.name} ${usage} key (keysmith does not define it)`;
    const hold = this.#holdMissing(spec, usage);
    if (hold !== undefined) return hold;
    switch (operation) {
      case 'generate':
        // an HMAC key is a generic secret made by CKM_GENERIC_SECRET_KEY_GEN (import needs only C_CreateObject)
        if (spec.family === 'symmetric' && spec.algorithm === 'HMAC' && !this.#secretLengths.has(spec.keyBytes)) {
          return `${MECHANISM_NAMES[CKM.GENERIC_SECRET_KEY_GEN]} for ${spec.keyBytes}-byte keys`;
        }
        return undefined;
      case 'generate-mac':
      case 'verify-mac':
        return this.#macMissing(spec, (algorithm ?? (spec as SymmetricSpec).mac) as MacAlgorithmName);
      case 'derive-shared-secret':
        return undefined; // #holdMissing has checked CKM_ECDH1_DERIVE and the curve
      case 'sign':
      case 'verify':
        return this.#signingMechanism(spec, (algorithm ?? (spec as AsymmetricSpec & { signature: SigningAlgorithmName }).signature) as SigningAlgorithmName);
      case 'encrypt':
      case 'decrypt': {
        const alg = algorithm ?? (spec as { encryption?: EncryptionAlgorithmName }).encryption;
        return alg === undefined ? 'an encryption algorithm' : this.#encryptionMissing(spec, alg as EncryptionAlgorithmName);
      }
      case 'wrap':
      case 'unwrap': {
        const names = algorithm !== undefined ? [algorithm as WrappingAlgorithmName] : (['AES_KW', 'AES_KWP', 'RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256', 'RSA_AES_KEY_WRAP_SHA_1', 'RSA_AES_KEY_WRAP_SHA_256'] as const);
        const reasons = names.map((n) => {
          try {
            return this.#wrapMissing(n, spec, operation);
          } catch {
            return `a ${String(n)} mechanism`;
          }
        });
        return reasons.includes(undefined) ? undefined : reasons[0];
      }
      case 'key-check-value':
        // AES: CMAC(key, 0¹²⁸); HMAC: HMAC(key, 0¹²⁸) with the key's own mechanism (src/wrap/kcv.ts), both in the token
        if ((spec as SymmetricSpec).algorithm === 'HMAC') return undefined;
        return this.#has(CKM.AES_CMAC) ? undefined : MECHANISM_NAMES[CKM.AES_CMAC];
      default:
        return undefined;
    }
  }

  supports(spec: KeySpec, usage: Usage, operation: Operation, algorithm?: AlgorithmName): boolean {
    return this.unsupportedReason(spec, usage, operation, algorithm) === undefined;
  }

  canWrap(algorithm: WrappingAlgorithmName, wrappingSpec: KeySpec, targetSpec: KeySpec): boolean {
    let alg;
    try {
      alg = getWrappingAlgorithm(algorithm);
    } catch {
      return false;
    }
    if (!WRAPPING_KEY_SPECS[alg.wrappingKey](wrappingSpec)) return false;
    if (wrappingSpec.family === 'symmetric' && !this.#has(CKM.AES_KEY_GEN)) return false;
    return this.#wrapMissing(algorithm, targetSpec, 'wrap') === undefined;
  }

  // ---- handles ------------------------------------------------------------------------------------

  #handle(object: Handle, type: Pkcs11Handle['type'], persistent: boolean, pub?: PublicComponents): Pkcs11Handle {
    const h = new Pkcs11Handle(object, type, persistent, pub);
    this.#live.add(h);
    return h;
  }

  #open(): void {
    if (this.#closed) fail('PROVIDER_ERROR', `${this.name} provider is closed`);
  }

  #own(handle: unknown): Pkcs11Handle {
    this.#open();
    if (!(handle instanceof Pkcs11Handle) || !this.#live.has(handle)) fail('INVALID_ARGUMENT', `not a live handle of this ${this.name} provider`);
    return handle;
  }

  #read(object: Handle, types: number[]): Buffer[] {
    const got = this.#p.C_GetAttributeValue(this.#session, object, types.map((type) => ({ type })));
    return types.map((t) => got.find((a) => a.type === t)!.value as Buffer);
  }

  /** Public components read back from a public object (or, for RSA, from the private object, which carries n and e). */
  #readPublic(spec: AsymmetricSpec, object: Handle): PublicComponents {
    if (spec.family === 'rsa') {
      const [n, e] = this.#read(object, [CKA.MODULUS, CKA.PUBLIC_EXPONENT]);
      return { kind: 'rsa-public', n: bytesToBigInt(n!), e: bytesToBigInt(e!) };
    }
    const [point] = this.#read(object, [CKA.EC_POINT]);
    if (spec.family === 'edwards') return { kind: 'okp-public', publicKey: edPointFromAttribute(point!, spec.publicKeyBytes) };
    return { kind: 'ec-public', publicKey: ecPointFromAttribute(point!, (spec as EcSpec).fieldBytes) };
  }

  /** CKA_EC_POINT is the DER OCTET STRING around the SEC 1 point, or around Ed25519's encoded A (PKCS #11 v3.0). */
  #publicValues(c: PublicComponents): Attribute[] {
    if (c.kind === 'rsa-public') return [{ type: CKA.MODULUS, value: Buffer.from(bigIntToBytes(c.n)) }, { type: CKA.PUBLIC_EXPONENT, value: Buffer.from(bigIntToBytes(c.e)) }];
    if (c.kind === 'ec-public' || c.kind === 'okp-public') return [{ type: CKA.EC_POINT, value: Buffer.from(ecPointAttribute(c.publicKey)) }];
    return fail('UNSUPPORTED', `${this.name} provider: no ${c.kind} keys`);
  }

  // ---- creation -----------------------------------------------------------------------------------

  async generateSecret(spec: SymmetricSpec, _usage: Usage, attributes: KeyAttributes): Promise<Pkcs11Handle> {
    this.#open();
    const mechanism = spec.algorithm === 'HMAC' ? CKM.GENERIC_SECRET_KEY_GEN : CKM.AES_KEY_GEN;
    const object = this.#p.C_GenerateKey(this.#session, { mechanism }, secretTemplate(spec as never, attributes, 'generate') as never);
    return this.#handle(object, 'secret', attributes.persistent);
  }

  async generateKeyPair(spec: AsymmetricSpec, usage: Usage, attributes: KeyAttributes): Promise<ProviderKeyPair<Pkcs11Handle>> {
    this.#open();
    const mechanism = spec.family === 'rsa' ? CKM.RSA_PKCS_KEY_PAIR_GEN : spec.family === 'edwards' ? CKM.EC_EDWARDS_KEY_PAIR_GEN : CKM.EC_KEY_PAIR_GEN;
    const pair = this.#p.C_GenerateKeyPair(this.#session, { mechanism }, publicTemplate(spec, usage, attributes) as never, privateTemplate(spec, usage, attributes) as never);
    let pub: PublicComponents;
    try {
      pub = this.#readPublic(spec, pair.publicKey);
    } catch (e) {
      this.#p.C_DestroyObject(this.#session, pair.privateKey);
      this.#p.C_DestroyObject(this.#session, pair.publicKey);
      throw e;
    }
    return {
      privateKey: this.#handle(pair.privateKey, 'private', attributes.persistent, pub),
      publicKey: this.#handle(pair.publicKey, 'public', attributes.persistent, pub),
    };
  }

  async importComponents(spec: KeySpec, usage: Usage, c: KeyComponents, attributes: KeyAttributes): Promise<Pkcs11Handle> {
    this.#open();
    if (c.kind === 'secret') {
      if (spec.family !== 'symmetric' || (spec.algorithm !== 'AES' && spec.algorithm !== 'HMAC')) fail('UNSUPPORTED', `${this.name} provider holds AES and HMAC secret keys only`);
      const object = this.#p.C_CreateObject(this.#session, secretTemplate(spec as never, attributes, { value: c.key }) as never);
      return this.#handle(object, 'secret', attributes.persistent);
    }
    const asym = spec as AsymmetricSpec;
    if (c.kind === 'rsa-public' || c.kind === 'ec-public' || c.kind === 'okp-public') {
      const object = this.#p.C_CreateObject(this.#session, publicTemplate(asym, usage, attributes, this.#publicValues(c)) as never);
      return this.#handle(object, 'public', attributes.persistent, copyPublic(c));
    }
    if (c.kind === 'pq-private') fail('UNSUPPORTED', `${this.name} provider: no ${spec.name} keys`);
    const values: Attribute[] = c.kind === 'rsa-private'
      ? [
          [CKA.MODULUS, c.n], [CKA.PUBLIC_EXPONENT, c.e], [CKA.PRIVATE_EXPONENT, c.d], [CKA.PRIME_1, c.p],
          [CKA.PRIME_2, c.q], [CKA.EXPONENT_1, c.dp], [CKA.EXPONENT_2, c.dq], [CKA.COEFFICIENT, c.qi],
        ].map(([type, v]) => ({ type: type as number, value: Buffer.from(bigIntToBytes(v as bigint)) }))
      : c.kind === 'okp-private'
        ? [{ type: CKA.VALUE, value: Buffer.from(c.seed) }] // the 32-byte seed (SoftHSM's OSSLEDPrivateKey k)
        : [{ type: CKA.VALUE, value: Buffer.from((c as EcPrivateComponents).d) }];
    try {
      const object = this.#p.C_CreateObject(this.#session, privateTemplate(asym, usage, attributes, values) as never);
      const pub: PublicComponents = c.kind === 'rsa-private' ? { kind: 'rsa-public', n: c.n, e: c.e }
        : c.kind === 'okp-private' ? { kind: 'okp-public', publicKey: c.publicKey.slice() }
        : { kind: 'ec-public', publicKey: (c as EcPrivateComponents).publicKey.slice() };
      return this.#handle(object, 'private', attributes.persistent, pub);
    } finally {
      for (const v of values) (v.value as Buffer).fill(0);
    }
  }

  // ---- export -------------------------------------------------------------------------------------

  async exportPublic(spec: AsymmetricSpec, handle: Pkcs11Handle): Promise<PublicComponents> {
    const h = this.#own(handle);
    if (h.type === 'secret') fail('UNSUPPORTED', 'a secret key has no public half');
    return copyPublic(h.publicComponents ?? this.#readPublic(spec, h.object));
  }

  /** Plaintext export: only of a key created non-sensitive (keysmith `extractable: true`); the token refuses the rest. */
  async exportPrivate(spec: KeySpec, handle: Pkcs11Handle): Promise<SecretComponents | PrivateComponents> {
    const h = this.#own(handle);
    if (h.type === 'public') fail('UNSUPPORTED', 'a public key has no private half');
    const [sensitive] = this.#read(h.object, [CKA.SENSITIVE]);
    if (sensitive![0] !== 0) fail('NOT_EXTRACTABLE', `${this.name} provider: the token holds the key as sensitive (CKA_SENSITIVE); it can leave only wrapped`);
    if (h.type === 'secret') return { kind: 'secret', key: Uint8Array.from(this.#read(h.object, [CKA.VALUE])[0]!) };
    if (spec.family === 'rsa') {
      const v = this.#read(h.object, [CKA.MODULUS, CKA.PUBLIC_EXPONENT, CKA.PRIVATE_EXPONENT, CKA.PRIME_1, CKA.PRIME_2, CKA.EXPONENT_1, CKA.EXPONENT_2, CKA.COEFFICIENT]).map((b) => {
        const n = bytesToBigInt(b);
        b.fill(0);
        return n;
      });
      return { kind: 'rsa-private', n: v[0]!, e: v[1]!, d: v[2]!, p: v[3]!, q: v[4]!, dp: v[5]!, dq: v[6]!, qi: v[7]! };
    }
    if (spec.family === 'edwards') {
      const [seed] = this.#read(h.object, [CKA.VALUE]);
      const okp: OkpPrivateComponents = { kind: 'okp-private', seed: Uint8Array.from(seed!), publicKey: (h.publicComponents as { publicKey: Uint8Array }).publicKey.slice() };
      seed!.fill(0);
      return okp;
    }
    const [d] = this.#read(h.object, [CKA.VALUE]);
    const out = bigIntToBytes(bytesToBigInt(d!), (spec as EcSpec).fieldBytes);
    d!.fill(0);
    return { kind: 'ec-private', d: out, publicKey: (h.publicComponents as { publicKey: Uint8Array }).publicKey.slice() };
  }

  // ---- key operations -----------------------------------------------------------------------------

  #oaep(hash: DigestName): { mechanism: number; parameter: unknown } {
    const h = HASH[hash]!;
    return { mechanism: CKM.RSA_PKCS_OAEP, parameter: { type: pkcs11js().CK_PARAMS_RSA_OAEP, hashAlg: h.ckm, mgf: h.mgf, source: CKZ_DATA_SPECIFIED } };
  }

  #rsaCrypt(dir: 'encrypt' | 'decrypt', object: Handle, mech: { mechanism: number; parameter: unknown }, data: Uint8Array, outBytes: number): Uint8Array {
    const out = Buffer.alloc(Math.max(outBytes, 64));
    if (dir === 'encrypt') {
      this.#p.C_EncryptInit(this.#session, mech as never, object);
      return Uint8Array.from(this.#p.C_Encrypt(this.#session, Buffer.from(data), out));
    }
    this.#p.C_DecryptInit(this.#session, mech as never, object);
    const got = this.#p.C_Decrypt(this.#session, Buffer.from(data), out);
    const copy = Uint8Array.from(got);
    out.fill(0);
    return copy;
  }

  /**
   * The mechanism and the bytes it signs: the message is hashed here (it is not secret), the token signs the
   * digest; pure Ed25519 (CKM_EDDSA without parameters) signs the message itself (RFC 8032 §5.1.6).
   */
  #signing(spec: AsymmetricSpec, algorithm: SigningAlgorithmName, data: Uint8Array, type: MessageType): { mech: { mechanism: number; parameter?: unknown }; input: Buffer } {
    const missing = this.#signingMechanism(spec, algorithm);
    if (missing !== undefined) fail('UNSUPPORTED', `${this.name} provider: the token lacks ${missing}`);
    const a = findSigningAlgorithm(algorithm)!;
    if (a.scheme === 'Ed25519') return { mech: { mechanism: CKM.EDDSA }, input: inputBytes(data) };
    const h = HASH[a.hash]!;
    const digest = type === 'DIGEST' ? Buffer.from(data) : createHash(h.node).update(data).digest();
    switch (a.scheme) {
      case 'RSASSA-PKCS1-v1_5': // RFC 8017 §9.2: EMSA-PKCS1-v1_5 over DigestInfo; CKM_RSA_PKCS adds the padding
        return { mech: { mechanism: CKM.RSA_PKCS }, input: Buffer.concat([Buffer.from(h.digestInfo, 'hex'), digest]) };
      case 'RSASSA-PSS':
        return { mech: { mechanism: CKM.RSA_PKCS_PSS, parameter: { type: pkcs11js().CK_PARAMS_RSA_PSS, hashAlg: h.ckm, mgf: h.mgf, saltLen: a.digestBytes } }, input: digest };
      default:
        return { mech: { mechanism: CKM.ECDSA }, input: digest };
    }
  }

  async sign(spec: AsymmetricSpec, privateKey: Pkcs11Handle, algorithm: SigningAlgorithmName, data: Uint8Array, type: MessageType): Promise<Uint8Array> {
    const h = this.#own(privateKey);
    const { mech, input } = this.#signing(spec, algorithm, data, type);
    const sig = this.#signOnce(mech, h.object, input, 1024);
    return spec.family === 'ec' ? rawToDer(sig) : sig; // RSA and Ed25519 signatures are already keysmith's bytes
  }

  async verify(spec: AsymmetricSpec, publicKey: Pkcs11Handle, algorithm: SigningAlgorithmName, data: Uint8Array, type: MessageType, signature: Uint8Array): Promise<boolean> {
    const h = this.#own(publicKey);
    const { mech, input } = this.#signing(spec, algorithm, data, type);
    const sig = spec.family === 'ec' ? derToRaw(signature, (spec as EcSpec).fieldBytes) : signature;
    if (sig === undefined) return false;
    this.#p.C_VerifyInit(this.#session, mech as never, h.object);
    try {
      return this.#p.C_Verify(this.#session, inputBytes(input), Buffer.from(sig));
    } catch (e) {
      this.#endOperation('verify');
      // C_Verify ends the operation whatever it returns (§5.13); a wrong or malformed signature is false
      if (ckr(e) !== undefined) return false;
      throw e;
    }
  }

  /** C_SignInit and single-part C_Sign (empty input allowed); the operation is over whatever happens. */
  #signOnce(mech: { mechanism: number; parameter?: unknown }, key: Handle, data: Uint8Array, outBytes: number): Uint8Array {
    this.#p.C_SignInit(this.#session, mech as never, key);
    try {
      return Uint8Array.from(this.#p.C_Sign(this.#session, inputBytes(data), Buffer.alloc(outBytes)));
    } catch (e) {
      this.#endOperation('sign');
      throw e;
    }
  }

  /**
   * A failed C_Sign / C_Verify ends the operation (Base Specification §5.12–5.13) except on CKR_BUFFER_TOO_SMALL,
   * but SoftHSM 2.6 leaves it active after CKR_ARGUMENTS_BAD, and the session's next C_SignInit would then be
   * CKR_OPERATION_ACTIVE: a C_SignFinal / C_VerifyFinal ends whatever is left (an error from it means nothing was).
   */
  #endOperation(which: 'sign' | 'verify'): void {
    try {
      if (which === 'sign') this.#p.C_SignFinal(this.#session, Buffer.alloc(1024));
      else this.#p.C_VerifyFinal(this.#session, Buffer.alloc(1));
    } catch {
      // no operation was active
    }
  }

  async encrypt(spec: AsymmetricSpec, publicKey: Pkcs11Handle, algorithm: EncryptionAlgorithmName, plaintext: Uint8Array): Promise<Uint8Array> {
    const h = this.#own(publicKey);
    const missing = this.#encryptionMissing(spec, algorithm);
    if (missing !== undefined) fail('UNSUPPORTED', `${this.name} provider: the token lacks ${missing}`);
    return this.#rsaCrypt('encrypt', h.object, this.#oaep(findEncryptionAlgorithm(algorithm)!.hash), plaintext, (spec as { bits: number }).bits / 8);
  }

  async decrypt(spec: AsymmetricSpec, privateKey: Pkcs11Handle, algorithm: EncryptionAlgorithmName, ciphertext: Uint8Array): Promise<Uint8Array> {
    const h = this.#own(privateKey);
    const missing = this.#encryptionMissing(spec, algorithm);
    if (missing !== undefined) fail('UNSUPPORTED', `${this.name} provider: the token lacks ${missing}`);
    return this.#rsaCrypt('decrypt', h.object, this.#oaep(findEncryptionAlgorithm(algorithm)!.hash), ciphertext, (spec as { bits: number }).bits / 8);
  }

  // ---- wrap, unwrap, key check value --------------------------------------------------------------

  /** The RSA mechanism of an RSA-kind wrapping algorithm. */
  #rsaWrapMechanism(name: WrappingAlgorithmName): { mechanism: number; parameter?: unknown } {
    if (name === 'RSAES_PKCS1_V1_5') return { mechanism: CKM.RSA_PKCS };
    return this.#oaep(name.endsWith('SHA_1') ? 'SHA-1' : 'SHA-256');
  }

  /**
   * C_WrapKey inside the token. RSA_AES_KEY_WRAP is composed there (CKM_RSA_AES_KEY_WRAP, Current
   * Mechanisms §2.1.21, is rarely implemented): a fresh AES-256 session key, wrapped with OAEP under the
   * RSA public key, then used to wrap the target with KWP; the session key is destroyed afterwards.
   */
  async wrap(req: WrapRequest<Pkcs11Handle>): Promise<Uint8Array> {
    const wrapping = this.#own(req.wrappingKey);
    const target = this.#own(req.target);
    const missing = this.#wrapMissing(req.algorithm, req.targetSpec, 'wrap');
    if (missing !== undefined) fail('UNSUPPORTED', `${this.name} provider: the token lacks ${missing}`);
    const wrapKey = (mech: { mechanism: number; parameter?: unknown }, kek: Handle, key: Handle) =>
      Uint8Array.from(this.#p.C_WrapKey(this.#session, mech as never, kek, key, Buffer.alloc(16384)));
    switch (req.algorithm) {
      case 'AES_KW':
        return wrapKey({ mechanism: CKM.AES_KEY_WRAP }, wrapping.object, target.object);
      case 'AES_KWP':
        return wrapKey({ mechanism: this.#kwp(req.targetSpec)! }, wrapping.object, target.object);
      case 'RSA_AES_KEY_WRAP_SHA_1':
      case 'RSA_AES_KEY_WRAP_SHA_256': {
        const ephemeral = this.#p.C_GenerateKey(this.#session, { mechanism: CKM.AES_KEY_GEN }, ephemeralAesTemplate(true) as never);
        try {
          const head = wrapKey(this.#rsaWrapMechanism(req.algorithm), wrapping.object, ephemeral);
          const tail = wrapKey({ mechanism: this.#kwp(req.targetSpec)! }, ephemeral, target.object);
          return Uint8Array.from([...head, ...tail]);
        } finally {
          this.#p.C_DestroyObject(this.#session, ephemeral);
        }
      }
      default:
        return wrapKey(this.#rsaWrapMechanism(req.algorithm), wrapping.object, target.object);
    }
  }

  /** C_UnwrapKey into the token with the key's template; the core then checks the pair and runs the PCT. */
  async unwrap(req: UnwrapRequest<Pkcs11Handle>): Promise<Pkcs11Handle | ProviderKeyPair<Pkcs11Handle>> {
    const unwrapping = this.#own(req.unwrappingKey);
    const missing = this.#wrapMissing(req.algorithm, req.targetSpec, 'unwrap');
    if (missing !== undefined) fail('UNSUPPORTED', `${this.name} provider: the token lacks ${missing}`);
    const spec = req.targetSpec;
    const template = spec.family === 'symmetric' ? secretTemplate(spec as never, req.attributes, 'unwrap') : privateTemplate(spec as AsymmetricSpec, req.usage, req.attributes);
    if (spec.family === 'symmetric') {
      // an AES key wrap of a k-byte key is exactly 8 + k bytes (KW, k a multiple of 8: RFC 3394 §2.2.1), or
      // 8 + k rounded up to 8 (KWP: RFC 5649 §4.1; HMAC_224's 28 bytes wrap to 40)
      const kwBytes = req.algorithm === 'AES_KW' || req.algorithm === 'AES_KWP' ? req.wrapped.length
        : req.algorithm.startsWith('RSA_AES_KEY_WRAP') ? req.wrapped.length - (req.unwrappingSpec as { bits: number }).bits / 8 : undefined;
      if (kwBytes !== undefined && kwBytes !== Math.ceil(spec.keyBytes / 8) * 8 + 8) fail('INVALID_KEY', `wrapped material is not a ${spec.keyBytes}-byte key`);
    }
    const unwrapKey = (mech: { mechanism: number; parameter?: unknown }, kek: Handle, data: Uint8Array, t: Attribute[]) =>
      this.#p.C_UnwrapKey(this.#session, mech as never, kek, Buffer.from(data), t as never);
    let object: Handle;
    switch (req.algorithm) {
      case 'AES_KW':
        object = unwrapKey({ mechanism: CKM.AES_KEY_WRAP }, unwrapping.object, req.wrapped, template);
        break;
      case 'AES_KWP':
        object = unwrapKey({ mechanism: this.#kwp(spec)! }, unwrapping.object, req.wrapped, template);
        break;
      case 'RSA_AES_KEY_WRAP_SHA_1':
      case 'RSA_AES_KEY_WRAP_SHA_256': {
        const modulusBytes = (req.unwrappingSpec as { bits: number }).bits / 8;
        if (req.wrapped.length <= modulusBytes) fail('INVALID_ARGUMENT', 'wrapped key too short');
        const ephemeral = unwrapKey(this.#rsaWrapMechanism(req.algorithm), unwrapping.object, req.wrapped.subarray(0, modulusBytes), ephemeralAesTemplate(false));
        try {
          object = unwrapKey({ mechanism: this.#kwp(spec)! }, ephemeral, req.wrapped.subarray(modulusBytes), template);
        } finally {
          this.#p.C_DestroyObject(this.#session, ephemeral);
        }
        break;
      }
      default:
        object = unwrapKey(this.#rsaWrapMechanism(req.algorithm), unwrapping.object, req.wrapped, template);
    }
    if (spec.family === 'symmetric') {
      const [len] = this.#read(object, [CKA.VALUE_LEN]);
      // SoftHSM 2.6 leaves CKA_VALUE_LEN 0 after C_UnwrapKey (and refuses it in the template): then the
      // length check is the structural one above, which RSA-OAEP-wrapped keys do not have
      const n = len!.length === 8 ? Number(len!.readBigUInt64LE(0)) : len!.readUIntLE(0, len!.length);
      if (n !== 0 && n !== spec.keyBytes) {
        this.#p.C_DestroyObject(this.#session, object);
        fail('INVALID_KEY', `unwrapped key is not ${spec.keyBytes} bytes`);
      }
      return this.#handle(object, 'secret', req.attributes.persistent);
    }
    // RSA private objects carry n and e (§2.1.3): the public half is made from them
    const asym = spec as AsymmetricSpec;
    let pub: PublicComponents;
    let publicObject: Handle;
    try {
      pub = this.#readPublic(asym, object);
      publicObject = this.#p.C_CreateObject(this.#session, publicTemplate(asym, req.usage, req.attributes, this.#publicValues(pub)) as never);
    } catch (e) {
      this.#p.C_DestroyObject(this.#session, object);
      throw e;
    }
    return { privateKey: this.#handle(object, 'private', req.attributes.persistent, pub), publicKey: this.#handle(publicObject, 'public', req.attributes.persistent, pub) };
  }

  /**
   * CMAC(key, 0¹²⁸) with CKM_AES_CMAC inside the token, or for an HMAC key HMAC(key, 0¹²⁸) with its own mechanism
   * (keysmith's HMAC check value, src/wrap/kcv.ts); first 3 bytes. Works for sensitive keys.
   */
  async keyCheckValue(spec: SymmetricSpec, handle: Pkcs11Handle): Promise<Uint8Array> {
    const h = this.#own(handle);
    if (h.type === 'secret' && spec.algorithm === 'HMAC') {
      const tag = await this.mac(spec, h, spec.mac!, new Uint8Array(16));
      const kcv = tag.slice(0, KCV_BYTES);
      tag.fill(0);
      return kcv;
    }
    if (h.type !== 'secret' || spec.algorithm !== 'AES') fail('UNSUPPORTED', 'key check values are for AES and HMAC secret keys here');
    if (!this.#has(CKM.AES_CMAC)) fail('UNSUPPORTED', `${this.name} provider: the token lacks ${MECHANISM_NAMES[CKM.AES_CMAC]}`);
    return this.#signOnce({ mechanism: CKM.AES_CMAC }, h.object, new Uint8Array(16), 16).subarray(0, KCV_BYTES);
  }

  // ---- MAC and key agreement ----------------------------------------------------------------------

  #macMechanism(spec: SymmetricSpec, algorithm: MacAlgorithmName): { mechanism: number; tagBytes: number } {
    const missing = this.#macMissing(spec, algorithm);
    if (missing !== undefined) fail('UNSUPPORTED', `${this.name} provider: the token lacks ${missing}`);
    return { mechanism: HMAC_MECHANISM[algorithm]!, tagBytes: findMacAlgorithm(algorithm)!.tagBytes };
  }

  /** The full-length HMAC tag, computed in the token with C_Sign (CKM_SHA224_HMAC … CKM_SHA512_HMAC). */
  async mac(spec: SymmetricSpec, key: Pkcs11Handle, algorithm: MacAlgorithmName, message: Uint8Array): Promise<Uint8Array> {
    const h = this.#own(key);
    if (h.type !== 'secret') fail('UNSUPPORTED', 'MACs need a secret key');
    const { mechanism, tagBytes } = this.#macMechanism(spec, algorithm);
    return this.#signOnce({ mechanism }, h.object, message, tagBytes);
  }

  /**
   * The token computes the tag (C_Sign) and it is compared here in constant time; a tag of another length is false
   * (AWS VerifyMac takes the full tag only). Not C_Verify: the NSS softoken answers a wrong HMAC tag with
   * CKR_DEVICE_ERROR or CKR_ARGUMENTS_BAD rather than CKR_SIGNATURE_INVALID (measured, NSS 3.87), so a wrong tag
   * could not be told from a failure. The key never leaves the token either way.
   */
  async verifyMac(spec: SymmetricSpec, key: Pkcs11Handle, algorithm: MacAlgorithmName, message: Uint8Array, mac: Uint8Array): Promise<boolean> {
    const h = this.#own(key);
    if (h.type !== 'secret') fail('UNSUPPORTED', 'MACs need a secret key');
    const { mechanism, tagBytes } = this.#macMechanism(spec, algorithm);
    const tag = this.#signOnce({ mechanism }, h.object, message, tagBytes);
    const ok = mac.length === tag.length && timingSafeEqual(tag, mac);
    tag.fill(0);
    return ok;
  }

  /**
   * Raw ECDH in the token: C_DeriveKey with CKM_ECDH1_DERIVE, CKD_NULL (no KDF, no shared data) and the peer's
   * uncompressed point as pPublicData (raw, as CK_ECDH1_DERIVE_PARAMS has it in Current Mechanisms v2.40; SoftHSM 2.6
   * getECDHPubData and NSS take raw or DER), into a readable CKK_GENERIC_SECRET session object of `fieldBytes`;
   * its CKA_VALUE is read once and the object destroyed. The private key stays sensitive.
   */
  async deriveSharedSecret(spec: EcSpec, privateKey: Pkcs11Handle, peerPublicKey: Uint8Array): Promise<Uint8Array> {
    const h = this.#own(privateKey);
    if (h.type !== 'private') fail('UNSUPPORTED', 'key agreement needs the private key');
    if (!this.#has(CKM.ECDH1_DERIVE)) fail('UNSUPPORTED', `${this.name} provider: the token lacks ${MECHANISM_NAMES[CKM.ECDH1_DERIVE]}`);
    const mech = { mechanism: CKM.ECDH1_DERIVE, parameter: { type: pkcs11js().CK_PARAMS_EC_DH, kdf: CKD_NULL, publicData: Buffer.from(peerPublicKey) } };
    const secret = this.#p.C_DeriveKey(this.#session, mech as never, h.object, derivedSecretTemplate(spec.fieldBytes) as never);
    try {
      const [value] = this.#read(secret, [CKA.VALUE]);
      const z = Uint8Array.from(value!);
      value!.fill(0);
      if (z.length !== spec.fieldBytes) fail('PROVIDER_ERROR', `${this.name} provider: the token derived ${z.length} bytes, not ${spec.fieldBytes}`);
      return z;
    } finally {
      this.#p.C_DestroyObject(this.#session, secret);
    }
  }

  // ---- lifecycle ----------------------------------------------------------------------------------

  /** Destroys a session object; a persistent token object stays on the token (deleteKey removes it). */
  async release(handle: Pkcs11Handle): Promise<void> {
    if (!(handle instanceof Pkcs11Handle) || !this.#live.delete(handle)) return;
    if (!handle.persistent && !this.#closed) this.#p.C_DestroyObject(this.#session, handle.object);
  }

  async deleteKey(handle: Pkcs11Handle): Promise<void> {
    const h = this.#own(handle);
    this.#live.delete(h);
    this.#p.C_DestroyObject(this.#session, h.object);
  }

  /** Destroys the session objects, logs out, closes the session and finalizes the module (when no other provider uses it). */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const h of this.#live) {
      if (!h.persistent) {
        try { this.#p.C_DestroyObject(this.#session, h.object); } catch { /* closing the session destroys them anyway */ }
      }
    }
    this.#live.clear();
    this.#onClose();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}

function copyPublic(c: PublicComponents): PublicComponents {
  return c.kind === 'rsa-public' ? { ...c } : { kind: c.kind, publicKey: Uint8Array.from(c.publicKey) } as PublicComponents;
}

