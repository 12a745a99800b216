#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { KeysmithError } from '../errors.js';
import { installDefaultProvider } from '../core/defaults.js';
import { pureProvider } from '../provider/pure/provider.js';
import { registerSpecsCommand } from './commands/specs.js';
import { registerGenerateCommand } from './commands/generate.js';
import { registerInspectCommand } from './commands/inspect.js';
import { registerWrapCommands } from './commands/wrap.js';

installDefaultProvider(pureProvider);

const program = new Command()
  .name('keysmith')
  .description('key generation, export and wrapping for key-management systems')
  .showHelpAfterError()
  .exitOverride();

registerSpecsCommand(program);
registerGenerateCommand(program);
registerInspectCommand(program);
registerWrapCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    process.exitCode = e.exitCode;
  } else if (e instanceof KeysmithError) {
    process.stderr.write(`keysmith: error ${e.code}: ${e.message}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`keysmith: unexpected error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 70;
  }
}
