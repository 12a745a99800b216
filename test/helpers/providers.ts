import { pureProvider } from '../../src/provider/pure/provider.js';
import type { KeyMaterialProvider } from '../../src/provider/types.js';

/** Every backend the conformance suite runs against. New providers join here. */
export const providers: readonly KeyMaterialProvider[] = [pureProvider];
