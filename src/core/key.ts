import { fail, KeysmithError } from '../errors.js';
import type { KeySpec, Usage } from '../model/spec.js';
import type { KeyAttributes } from '../model/attributes.js';
import type { KeyMaterialProvider, ProviderHandle } from '../provider/types.js';

/** What a `Key` holds: a secret (symmetric) key, or one half of a key pair. */
export type KeyType = 'secret' | 'private' | 'public';

interface Slot {
  readonly handle: ProviderHandle;
  readonly attributes: KeyAttributes;
  destroyed: boolean;
}

const slots = new WeakMap<Key, Slot>();
const inspectSymbol = Symbol.for('nodejs.util.inspect.custom');

function copyAttributes(a: KeyAttributes): KeyAttributes {
  return Object.freeze({ ...a, ...(a.id ? { id: a.id.slice() } : {}) });
}

/**
 * An opaque key. It shows its spec, usage and type, never its bytes: printing, JSON and
 * `util.inspect` all give the same redacted summary. Material leaves only through `exportKey`.
 */
export class Key<T extends KeyType = KeyType> {
  readonly spec: KeySpec;
  readonly usage: Usage;
  /** `secret`, `private` or `public`; the type parameter, so the formats `exportKey` takes narrow by it. */
  readonly type: T;
  readonly provider: KeyMaterialProvider;

  /** @internal Use generateKey, importKey or unwrapKey. */
  constructor(spec: KeySpec, usage: Usage, type: T, provider: KeyMaterialProvider, handle: ProviderHandle, attributes: KeyAttributes) {
    this.spec = spec;
    this.usage = usage;
    this.type = type;
    this.provider = provider;
    slots.set(this, { handle, attributes: copyAttributes(attributes), destroyed: false });
    Object.freeze(this);
  }

  /** The attributes chosen at creation (a public key is always extractable). */
  get attributes(): KeyAttributes {
    const s = slots.get(this);
    if (!s) fail('INVALID_ARGUMENT', 'not a keysmith key');
    return copyAttributes(s.attributes);
  }

  /** Whether `exportKey` may write this key's private or secret material. */
  get extractable(): boolean {
    return slots.get(this)?.attributes.extractable ?? false;
  }

  get destroyed(): boolean {
    return slots.get(this)?.destroyed ?? true;
  }

  /**
   * Releases the key material now, without waiting (kept for compatibility; prefer `await key.release()`,
   * which reports a backend's failure). Later use raises KEY_DESTROYED.
   */
  destroy(): void {
    const handle = retire(this);
    if (handle === undefined) return;
    try {
      // the pure provider wipes synchronously inside release(); a backend's late failure has nowhere to go
      void Promise.resolve(this.provider.release(handle)).catch(() => undefined);
    } catch {
      // a provider whose release throws synchronously: the key is retired all the same
    }
  }

  /** Releases the key material in its provider (never deletes a persistent token object; see `deleteKey`). */
  async release(): Promise<void> {
    const handle = retire(this);
    if (handle === undefined) return;
    try {
      await this.provider.release(handle);
    } catch (e) {
      if (e instanceof KeysmithError) throw e;
      throw new KeysmithError('PROVIDER_ERROR', `${this.provider.name} provider: release failed`, { cause: e });
    }
  }

  toString(): string {
    return `Key(${this.spec.name}, ${this.type}, ${this.usage}, ${this.provider.name})`;
  }

  toJSON(): { spec: string; type: T; usage: Usage; provider: string } {
    return { spec: this.spec.name, type: this.type, usage: this.usage, provider: this.provider.name };
  }

  [inspectSymbol](): string {
    return this.toString();
  }
}

/** @internal The provider handle behind a key. Not exported from the package root. */
export function handleOf(key: Key): ProviderHandle {
  const h = slots.get(key);
  if (!h) fail('INVALID_ARGUMENT', 'not a keysmith key');
  if (h.destroyed) fail('KEY_DESTROYED', `${key.spec.name} ${key.type} key has been destroyed`);
  return h.handle;
}

/** @internal Marks a key destroyed and returns its handle for the caller to release (undefined if it already was). */
export function retire(key: Key): ProviderHandle | undefined {
  const h = slots.get(key);
  if (!h || h.destroyed) return undefined;
  h.destroyed = true;
  return h.handle;
}

/** A secret (symmetric) key: what generateKey gives for AES_256, SM4, … */
export type SecretKey = Key<'secret'>;
/** The private half of a key pair (`pair.privateKey`). */
export type PrivateKey = Key<'private'>;
/** A public key: the public half of a pair, or what importKey gives for a public format. */
export type PublicKey = Key<'public'>;

/** The two halves of an asymmetric key. */
export class KeyPair {
  readonly spec: KeySpec;
  readonly usage: Usage;
  readonly privateKey: PrivateKey;
  readonly publicKey: PublicKey;

  /** @internal */
  constructor(privateKey: PrivateKey, publicKey: PublicKey) {
    this.spec = privateKey.spec;
    this.usage = privateKey.usage;
    this.privateKey = privateKey;
    this.publicKey = publicKey;
    Object.freeze(this);
  }

  /** The private half's attributes. */
  get attributes(): KeyAttributes {
    return this.privateKey.attributes;
  }

  get extractable(): boolean {
    return this.privateKey.extractable;
  }

  destroy(): void {
    this.privateKey.destroy();
    this.publicKey.destroy();
  }

  /** Releases both halves (see `Key.release`). */
  async release(): Promise<void> {
    const results = await Promise.allSettled([this.privateKey.release(), this.publicKey.release()]);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  toString(): string {
    return `KeyPair(${this.spec.name}, ${this.usage}, ${this.privateKey.provider.name})`;
  }

  toJSON(): { spec: string; type: 'pair'; usage: Usage; provider: string } {
    return { spec: this.spec.name, type: 'pair', usage: this.usage, provider: this.privateKey.provider.name };
  }

  [inspectSymbol](): string {
    return this.toString();
  }
}

/** Anything keysmith's functions take as a key: a `Key` of any type, or a `KeyPair`. */
export type AnyKey = Key | KeyPair;

/** Whether `k` is a `KeyPair` (what generateKey and importKey give for a private key of an asymmetric spec). */
export function isKeyPair(k: unknown): k is KeyPair {
  return k instanceof KeyPair;
}

export function assertKey(k: unknown, what = 'key'): asserts k is AnyKey {
  if (!(k instanceof Key) && !(k instanceof KeyPair)) fail('INVALID_ARGUMENT', `${what} must be a keysmith Key or KeyPair`);
}

/** The provider a key (or both halves of a pair) lives on. */
export function providerOf(k: AnyKey): KeyMaterialProvider {
  return k instanceof KeyPair ? k.privateKey.provider : k.provider;
}
