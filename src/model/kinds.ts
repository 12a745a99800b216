import type { KeyComponents } from './components.js';
import type { KeySpec } from './spec.js';

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
