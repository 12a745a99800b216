import type { KeySpec, Usage } from '../model/spec.js';
import { curveOrder } from '../ec/curves.js';
import { namesOf } from './lookup.js';

/** A spec's size as people quote it: key bits, modulus bits, the curve's order bits, or the parameter set. */
export function specSize(spec: KeySpec): string {
  switch (spec.family) {
    case 'symmetric':
      return `${spec.keyBytes * 8}`;
    case 'rsa':
      return `${spec.bits}`;
    case 'edwards':
      return `${spec.publicKeyBytes * 8} (${spec.curve})`;
    case 'ml-dsa':
      return `ML-DSA-${spec.level}`;
    case 'ml-kem':
      return `ML-KEM-${spec.level}`;
    default:
      return `${curveOrder(spec).toString(2).length} (${spec.curve})`; // P-521: 521, not 8 × its 66 field bytes
  }
}

/** The spec's usages with the default first (`keysmith specs` and the README's spec table). */
export function usagesDefaultFirst(spec: KeySpec): Usage[] {
  return [spec.defaultUsage, ...spec.usages.filter((u) => u !== spec.defaultUsage)];
}

/** Each cloud's names for the spec, grouped by cloud in registry order, with the usage a name implies. */
export function cloudNamesByCloud(spec: KeySpec): { cloud: string; names: { name: string; usage?: Usage }[] }[] {
  const out: { cloud: string; names: { name: string; usage?: Usage }[] }[] = [];
  for (const n of namesOf(spec)) {
    let group = out.find((g) => g.cloud === n.cloud);
    if (!group) out.push((group = { cloud: n.cloud, names: [] }));
    group.names.push(n.usage ? { name: n.name, usage: n.usage } : { name: n.name });
  }
  return out;
}
