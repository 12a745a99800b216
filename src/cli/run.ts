import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { KeysmithError } from '../errors.js';
import { registerSpecsCommand } from './commands/specs.js';
import { registerGenerateCommand } from './commands/generate.js';
import { registerInspectCommand } from './commands/inspect.js';
import { registerWrapCommands } from './commands/wrap.js';
import { registerBenchCommand } from './commands/bench.js';
import { CliExit, InputReader, type CliIO } from './io.js';
import { CLI_PROVIDERS, type CliProviderTable } from './providers.js';

function version(): string {
  // dist/cli/run.js and src/cli/run.ts both sit two folders below package.json
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/**
 * Runs one keysmith command line (without `node` and the script) against `io` and returns the exit status:
 * 0, 1 for usage errors, 2 for a KeysmithError (file errors included), 130 after Ctrl-C, 70 for a bug.
 * `options.providers` replaces the --provider table (tests).
 */
export async function run(argv: readonly string[], io: CliIO, options: { providers?: CliProviderTable } = {}): Promise<number> {
  const program = new Command()
    .name('keysmith')
    .description('key generation, export and wrapping for key-management systems')
    .version(version(), '-V, --version', 'print the version')
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .showHelpAfterError()
    .exitOverride();
  const ctx = { io, input: new InputReader(io), providers: options.providers ?? CLI_PROVIDERS };
  registerSpecsCommand(program, ctx);
  registerGenerateCommand(program, ctx);
  registerInspectCommand(program, ctx);
  registerWrapCommands(program, ctx);
  registerBenchCommand(program, ctx);

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode;
    if (e instanceof CliExit) return e.status;
    if (e instanceof KeysmithError) {
      io.stderr.write(`keysmith: error ${e.code}: ${e.message}\n`);
      return 2;
    }
    io.stderr.write(`keysmith: unexpected error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 70;
  }
}
