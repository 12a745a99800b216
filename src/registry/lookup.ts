import { describeValue, fail } from '../errors.js';
import { specs } from './specs.js';
import type { CloudName as Cloud, KeySpec, Usage } from '../model/spec.js';

export interface NameBinding {
  readonly spec: KeySpec;
  /** Set where the name itself implies a usage (Tencent's KeyUsage values). */
  readonly usage?: Usage;
}

function cloudNames(spec: KeySpec, cloud: Cloud): [string, Usage | undefined][] {
  const names = spec.clouds[cloud];
  if (!names) return [];
  if (Array.isArray(names)) return names.map((n: string) => [n, undefined]);
  return Object.entries(names as Record<string, Usage>);
}

const CLOUDS: readonly Cloud[] = ['aliyun', 'aws', 'gcp', 'huawei', 'tencent'];

function buildIndex(): { global: Map<string, NameBinding>; perCloud: Map<Cloud, Map<string, NameBinding>> } {
  const global = new Map<string, NameBinding>();
  const perCloud = new Map<Cloud, Map<string, NameBinding>>(CLOUDS.map((c) => [c, new Map()]));
  const add = (map: Map<string, NameBinding>, name: string, binding: NameBinding) => {
    const prior = map.get(name);
    if (prior && prior.spec !== binding.spec) throw new Error(`registry: name ${name} is bound to two specs`);
    if (prior && prior.usage !== binding.usage) {
      // one spec, one name, and only some clouds imply a usage with it (keysmith's and AWS's ML_KEM_768 vs GCP's):
      // the name alone implies none; the cloud's own map keeps the usage
      if (map !== global) throw new Error(`registry: name ${name} is bound to two usages`);
      map.set(name, { spec: binding.spec });
      return;
    }
    map.set(name, binding);
  };
  for (const spec of specs) {
    add(global, spec.name, { spec });
    for (const cloud of CLOUDS) {
      for (const [name, usage] of cloudNames(spec, cloud)) {
        const binding = usage ? { spec, usage } : { spec };
        add(global, name, binding);
        add(perCloud.get(cloud)!, name, binding);
      }
    }
  }
  return { global, perCloud };
}

const index = buildIndex();

/** A spec name resolved: the spec, and the usage the name itself implies, if it implies one. */
export interface ResolvedSpecName {
  readonly spec: KeySpec;
  /** Set for names that carry a usage (Tencent's `ASYMMETRIC_DECRYPT_*`, `ASYMMETRIC_SIGN_VERIFY_*`). */
  readonly impliedUsage?: Usage;
}

/**
 * Resolves a spec by its keysmith name or any cloud's name for it, keeping the usage the name implies.
 * This is the one place that knows which names carry a usage; pass `impliedUsage` on to resolveUsage.
 */
export function resolveSpecName(name: string | KeySpec): ResolvedSpecName {
  if (typeof name === 'object' && name !== null && specs.includes(name)) return { spec: name };
  if (typeof name !== 'string') fail('UNKNOWN_SPEC', 'spec must be a spec name');
  const hit = index.global.get(name);
  if (!hit) fail('UNKNOWN_SPEC', `unknown key spec: ${describeValue(name, 32)}`);
  return hit.usage ? { spec: hit.spec, impliedUsage: hit.usage } : { spec: hit.spec };
}

/** Resolves a spec by its keysmith name or any cloud's name for it (the usage a name implies is dropped: see resolveSpecName). */
export function getSpec(name: string | KeySpec): KeySpec {
  return resolveSpecName(name).spec;
}

/** Resolves a name as one cloud spells it, with the usage the name implies, if any. */
export function lookupCloudName(cloud: Cloud, name: string): NameBinding | undefined {
  return index.perCloud.get(cloud)?.get(name);
}

/** All names a spec answers to, for listings. */
export function namesOf(specOrName: string | KeySpec): { cloud: Cloud; name: string; usage?: Usage }[] {
  const spec = getSpec(specOrName);
  return CLOUDS.flatMap((cloud) => cloudNames(spec, cloud).map(([name, usage]) => (usage ? { cloud, name, usage } : { cloud, name })));
}

/**
 * Checks a usage against the spec. With no usage given: the usage the spec's name implied (resolveSpecName),
 * else the spec's default. A usage that conflicts with the one the name implies is INVALID_USAGE.
 */
export function resolveUsage(spec: KeySpec, usage: unknown, impliedUsage?: Usage): Usage {
  if (usage === undefined) return impliedUsage ?? spec.defaultUsage;
  if (typeof usage !== 'string' || !(spec.usages as readonly string[]).includes(usage)) {
    fail('INVALID_USAGE', `${spec.name} does not allow usage ${describeValue(usage, 32)}; allowed: ${spec.usages.join(', ')}`);
  }
  if (impliedUsage !== undefined && usage !== impliedUsage) {
    fail('INVALID_USAGE', `the spec name implies usage ${impliedUsage}; usage ${usage} conflicts with it`);
  }
  return usage as Usage;
}

/** resolveSpecName then resolveUsage: the spec and usage for a (spec name, usage option) pair, as every entry point takes them. */
export function resolveSpecAndUsage(name: string | KeySpec, usage: unknown): { spec: KeySpec; usage: Usage } {
  const { spec, impliedUsage } = resolveSpecName(name);
  return { spec, usage: resolveUsage(spec, usage, impliedUsage) };
}
