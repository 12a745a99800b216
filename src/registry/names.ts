// Name types read from the registry table (./specs.ts), so the table stays the one list of specs: a spec
// added there is a SpecName here, with no second list to update.
import type { ShapeOf } from '../model/kinds.js';
import type { CloudName, Family, Usage } from '../model/spec.js';
import type { SpecEntry } from './specs.js';

/** The names one cloud gives an entry's spec: a list, or (Tencent) a map from name to the usage it implies. */
type CloudNamesIn<C, K extends CloudName> = C extends { readonly [P in K]?: infer V }
  ? NamesIn<Exclude<V, undefined>>
  : never;
type NamesIn<V> = [V] extends [never] ? never : V extends readonly (infer N extends string)[] ? N : keyof V & string;

type NamesOfEntry<E extends SpecEntry, C extends CloudName> = E extends SpecEntry
  ? { [K in C]: CloudNamesIn<E['clouds'], K> }[C]
  : never;

/** keysmith's own spec names (`AES_256`, `RSA_2048`, `EC_P256`, …): the registry's `name` column. */
export type KeysmithSpecName = SpecEntry['name'];

/** The spec names one cloud uses (`CloudSpecName<'aws'>`: `SYMMETRIC_DEFAULT`, `ECC_NIST_P256`, …). Default: every cloud's. */
export type CloudSpecName<C extends CloudName = CloudName> = NamesOfEntry<SpecEntry, C>;

/** Every name a spec answers to: keysmith's, or any cloud's. What generateKey and importKey take. */
export type SpecName = KeysmithSpecName | CloudSpecName;

/** The registry entry a name resolves to (type-level resolveSpecName). */
export type SpecEntryOf<N extends string> = SpecEntry extends infer E
  ? E extends SpecEntry
    ? N extends E['name'] | NamesOfEntry<E, CloudName>
      ? E
      : never
    : never
  : never;

/** Names of specs whose keys are one secret key (AES, SM4, …): generateKey gives a `SecretKey`. */
export type SymmetricSpecName = NamesByShape<'secret'>;
/** Names of specs whose keys come in pairs (RSA, EC, SM2, …): generateKey gives a `KeyPair`. */
export type AsymmetricSpecName = NamesByShape<'pair'>;

type NamesByShape<S extends 'secret' | 'pair'> = SpecEntry extends infer E
  ? E extends SpecEntry
    ? ShapeOf<E> extends S
      ? E['name'] | NamesOfEntry<E, CloudName>
      : never
    : never
  : never;

/**
 * The usages a spec name allows (`SpecUsage<'EC_P256'>` is `'SIGN_VERIFY'`): the one a name implies
 * (`SpecUsage<'ASYMMETRIC_DECRYPT_SM2'>` is `'ENCRYPT_DECRYPT'`), else the spec's `usages`; `Usage` for a wide `string`.
 */
export type SpecUsage<N extends string> = [SpecEntryOf<N>] extends [never]
  ? Usage
  : [ImpliedUsage<N>] extends [never]
    ? SpecEntryOf<N>['usages'][number]
    : ImpliedUsage<N>;

/** The usage a name itself carries (Tencent's KeyUsage values, GCP's algorithm names), else never. */
type ImpliedUsage<N extends string> = SpecEntryOf<N> extends infer E
  ? E extends SpecEntry
    ? ImpliedIn<E['clouds'], 'tencent', N> | ImpliedIn<E['clouds'], 'gcp', N>
    : never
  : never;
type ImpliedIn<C, K extends 'tencent' | 'gcp', N extends string> = C extends { readonly [P in K]?: infer T }
  ? N extends keyof Exclude<T, undefined>
    ? Exclude<T, undefined>[N]
    : never
  : never;

/** `S` when it is the wide `string` type, `never` for a literal: the wide overloads take only a `string` from outside. */
export type WideString<S extends string> = string extends S ? S : never;

type IsUnion<T, U = T> = T extends unknown ? ([U] extends [T] ? false : true) : never;
/**
 * `S` when it is the wide `string` or a union of two or more literals (a variable: `for (const f of KEY_FORMATS)`),
 * `never` for a single literal, which must fit the exact overload.
 */
export type WideOrUnion<S extends string> = string extends S ? S : true extends IsUnion<S> ? S : never;

/** The key generateKey gives for a spec name or object: one secret key, or a pair; either for a union or a wide name. */
export type KeyShapeOf<N> = N extends string
  ? N extends SymmetricSpecName
    ? 'secret'
    : N extends AsymmetricSpecName
      ? 'pair'
      : 'secret' | 'pair'
  : N extends { readonly family: Family }
    ? ShapeOf<N>
    : 'secret' | 'pair';

/** The usages a spec (name or object) allows, for the `usage` option. */
export type UsageOf<N> = N extends string ? SpecUsage<N> : Usage;

type Assert<T extends true> = T;
/**
 * @internal Fails to compile when a registry entry's name is not literal (an entry typed `: KeySpec`, or a
 * helper's result without `as const`): every name type would silently widen to `string`.
 */
export type SpecNamesAreLiteral = Assert<string extends SpecName ? false : true>;
