// Test files import core modules directly, not the package root: install the default provider as the root does.
import { installDefaultProvider } from '../../src/core/defaults.js';
import { pureProvider } from '../../src/provider/pure/provider.js';

installDefaultProvider(pureProvider);
