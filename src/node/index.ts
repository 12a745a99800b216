// keysmith/node: the parts that need Node (worker threads). The package root stays free of `node:` imports.
export { generateKeys } from './batch.js';
export type { GenerateKeysOptions, BatchProgress } from './batch.js';
export { createKeyPool } from './pool.js';
export type { KeyPool, KeyPoolOptions } from './pool.js';
export { nodeCryptoProvider, NodeCryptoProvider, NodeHandle } from '../provider/node/provider.js';
