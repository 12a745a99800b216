import { fail } from '../errors.js';
import type { KeySpec, Usage } from '../model/spec.js';
import type { KeyMaterialProvider, ProviderHandle } from '../provider/types.js';

export type KeyType = 'secret' | 'private' | 'public';

const handles = new WeakMap<Key, { handle: ProviderHandle; destroyed: boolean }>();
const inspectSymbol = Symbol.for('nodejs.util.inspect.custom');

/**
 * An opaque key. It shows its spec, usage and type, never its bytes: printing, JSON and
 * `util.inspect` all give the same redacted summary. Material leaves only through `exportKey`.
 */
export class Key {
  readonly spec: KeySpec;
  readonly usage: Usage;
  readonly type: KeyType;
  readonly provider: KeyMaterialProvider;

  /** @internal Use generateKey or importKey. */
  constructor(spec: KeySpec, usage: Usage, type: KeyType, provider: KeyMaterialProvider, handle: ProviderHandle) {
    this.spec = spec;
    this.usage = usage;
    this.type = type;
    this.provider = provider;
    handles.set(this, { handle, destroyed: false });
    Object.freeze(this);
  }

  get destroyed(): boolean {
    return handles.get(this)?.destroyed ?? true;
  }

  /** Releases the key material; later use raises KEY_DESTROYED. */
  destroy(): void {
    const h = handles.get(this);
    if (!h || h.destroyed) return;
    h.destroyed = true;
    this.provider.destroy(h.handle);
  }

  toString(): string {
    return `Key(${this.spec.name}, ${this.type}, ${this.usage}, ${this.provider.name})`;
  }

  toJSON(): { spec: string; type: KeyType; usage: Usage; provider: string } {
    return { spec: this.spec.name, type: this.type, usage: this.usage, provider: this.provider.name };
  }

  [inspectSymbol](): string {
    return this.toString();
  }
}

/** @internal The provider handle behind a key. Not exported from the package root. */
export function handleOf(key: Key): ProviderHandle {
  const h = handles.get(key);
  if (!h) fail('INVALID_ARGUMENT', 'not a keysmith key');
  if (h.destroyed) fail('KEY_DESTROYED', `${key.spec.name} ${key.type} key has been destroyed`);
  return h.handle;
}

/** The two halves of an asymmetric key. */
export class KeyPair {
  readonly spec: KeySpec;
  readonly usage: Usage;
  readonly privateKey: Key;
  readonly publicKey: Key;

  /** @internal */
  constructor(privateKey: Key, publicKey: Key) {
    this.spec = privateKey.spec;
    this.usage = privateKey.usage;
    this.privateKey = privateKey;
    this.publicKey = publicKey;
    Object.freeze(this);
  }

  destroy(): void {
    this.privateKey.destroy();
    this.publicKey.destroy();
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

export type AnyKey = Key | KeyPair;

export function isKeyPair(k: unknown): k is KeyPair {
  return k instanceof KeyPair;
}

export function assertKey(k: unknown, what = 'key'): asserts k is AnyKey {
  if (!(k instanceof Key) && !(k instanceof KeyPair)) fail('INVALID_ARGUMENT', `${what} must be a keysmith Key or KeyPair`);
}
