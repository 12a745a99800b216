import { fail } from '../errors.js';
import type { KeyMaterialProvider } from '../provider/types.js';

let installed: KeyMaterialProvider | undefined;

/**
 * Sets the provider that functions creating a key use when the caller passes none. Called once by each entry
 * point (the package root and the CLI install the pure provider); the core itself imports no provider.
 */
export function installDefaultProvider(provider: KeyMaterialProvider): void {
  installed = provider;
}

/** The installed default provider. */
export function defaultProvider(): KeyMaterialProvider {
  if (!installed) fail('INVALID_ARGUMENT', 'no provider given and no default provider installed (import keysmith from its package root, or pass `provider`)');
  return installed;
}
