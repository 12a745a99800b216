import type { KeyComponents } from './components.js';
import type { Family, KeySpec } from './spec.js';

export type ComponentKind = KeyComponents['kind'];

/** The component kinds a spec's keys come in, read from the spec's family. */
export function componentKindsFor(spec: KeySpec): readonly ComponentKind[] {
  switch (spec.family) {
    case 'symmetric':
      return ['secret'];
    case 'rsa':
      return ['rsa-private', 'rsa-public'];
    case 'ec':
      return ['ec-private', 'ec-public'];
    case 'edwards':
      return ['okp-private', 'okp-public'];
    case 'ml-dsa':
    case 'ml-kem':
      return ['pq-private', 'pq-public'];
  }
}

/**
 * What a spec's keys come as, by family: one secret key, or a key pair. The public types (generateKey's
 * return type, SymmetricSpecName) read it. Every family must be listed: a family added to KeySpec without
 * a line here fails to compile (the check below).
 */
export interface FamilyShapes {
  readonly symmetric: 'secret';
  readonly rsa: 'pair';
  readonly ec: 'pair';
  readonly edwards: 'pair';
  readonly 'ml-dsa': 'pair';
  readonly 'ml-kem': 'pair';
}
type Assert<T extends true> = T;
/** @internal Compile-time check that FamilyShapes lists every family. */
export type FamilyShapesComplete = Assert<[Family] extends [keyof FamilyShapes] ? true : false>;

/** 'secret' or 'pair' for a spec (type-level). */
export type ShapeOf<S extends { readonly family: Family }> = S extends { readonly family: infer F extends keyof FamilyShapes } ? FamilyShapes[F] : never;
