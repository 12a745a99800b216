#!/usr/bin/env node
import { run } from './run.js';
import { nodeIO } from './io.js';
import { installDefaultProvider } from '../core/defaults.js';
import { pureProvider } from '../provider/pure/provider.js';

installDefaultProvider(pureProvider);

// A reader that closes the pipe early (`keysmith specs | head -1`) has all it wants: end quietly, status 0.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    if (stream === process.stdout) {
      process.stderr.write(`keysmith: error INVALID_ARGUMENT: standard output: ${e.message}\n`);
      process.exit(2);
    }
  });
}

process.exitCode = await run(process.argv.slice(2), nodeIO());
