import { specs } from '../registry/specs.js';
import type { Usage } from '../model/spec.js';
import { OPERATIONS, operationApplies, type Operation } from '../model/operations.js';
import { signingAlgorithms, encryptionAlgorithms, macAlgorithms } from '../model/algorithms.js';
import { wrappingAlgorithms } from '../wrap/algorithms.js';
import type { AlgorithmName, KeyMaterialProvider } from './types.js';
import { fail, KeysmithError } from '../errors.js';

export interface Capability {
  readonly spec: string;
  readonly usage: Usage;
  readonly operation: Operation;
  readonly supported: boolean;
  /** For operations that take an algorithm: the ones the provider supports for this spec and usage, in table order. */
  readonly algorithms?: readonly AlgorithmName[];
}

function algorithmsFor(operation: Operation): readonly { name: AlgorithmName }[] {
  switch (operation) {
    case 'sign':
    case 'verify':
      return signingAlgorithms();
    case 'encrypt':
    case 'decrypt':
      return encryptionAlgorithms();
    case 'wrap':
    case 'unwrap':
      return wrappingAlgorithms();
    case 'generate-mac':
    case 'verify-mac':
      return macAlgorithms();
    default:
      return [];
  }
}

/**
 * A provider's capability matrix, from its own `supports`: every registry spec × its usages × every
 * operation keysmith defines for them (src/model/operations.ts), in registry and OPERATIONS order.
 */
export function capabilityMatrix(provider: KeyMaterialProvider): Capability[] {
  if (typeof provider !== 'object' || provider === null || typeof provider.supports !== 'function') {
    fail('INVALID_ARGUMENT', 'capabilityMatrix takes a KeyMaterialProvider');
  }
  try {
    return matrix(provider);
  } catch (e) {
    if (e instanceof KeysmithError) throw e;
    throw new KeysmithError('PROVIDER_ERROR', `${String(provider.name)} provider: supports() failed`, { cause: e });
  }
}

function matrix(provider: KeyMaterialProvider): Capability[] {
  const rows: Capability[] = [];
  for (const spec of specs) {
    for (const usage of spec.usages) {
      for (const operation of OPERATIONS) {
        if (!operationApplies(spec, usage, operation)) continue;
        const supported = provider.supports(spec, usage, operation);
        const algs = algorithmsFor(operation);
        rows.push({
          spec: spec.name,
          usage,
          operation,
          supported,
          ...(algs.length > 0 ? { algorithms: supported ? algs.map((a) => a.name).filter((a) => provider.supports(spec, usage, operation, a)) : [] } : {}),
        });
      }
    }
  }
  return rows;
}
