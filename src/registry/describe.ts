import type { KeySpec, Usage } from '../model/spec.js';
import { curveOrder } from '../ec/curves.js';
import { namesOf } from './lookup.js';

/**
 * The key's size in bits, where it has one: the AES/SM4/HMAC key length, the RSA modulus, the EC curve's order
 * (P-521: 521, not 8 × its 66 field bytes), Ed25519's 256. ML-DSA and ML-KEM have parameter sets instead: undefined.
 */
export function keyBits(spec: KeySpec): number | undefined {
  switch (spec.family) {
    case 'symmetric':
      return spec.keyBytes * 8;
    case 'rsa':
      return spec.bits;
    case 'ec':
      return curveOrder(spec).toString(2).length;
    case 'edwards':
      return spec.publicKeyBytes * 8;
    default:
      return undefined;
  }
}

/** A spec's size as people quote it: key bits, modulus bits, the curve's order bits, or the parameter set. */
export function specSize(spec: KeySpec): string {
  switch (spec.family) {
    case 'ml-dsa':
      return `ML-DSA-${spec.level}`;
    case 'ml-kem':
      return `ML-KEM-${spec.level}`;
    case 'ec':
    case 'edwards':
      return `${keyBits(spec)} (${spec.curve})`;
    default:
      return `${keyBits(spec)}`;
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
