import type { Command } from 'commander';
import type { CliContext } from '../io.js';
import { specArg } from '../args.js';

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), ...value.split(',').filter((v) => v.length > 0)];
}

/**
 * `keysmith bench`: the bench report's table (src/node/bench, as `npm run bench` makes it) for this machine:
 * keysmith's providers next to OpenSSL via node:crypto and the pure-JS libraries installed alongside.
 */
export function registerBenchCommand(program: Command, { io }: CliContext): void {
  program
    .command('bench')
    .description('time key generation per spec against OpenSSL (node:crypto) and print a Markdown table of ratios')
    .option('--spec <spec>', 'bench this spec (any of its names; repeat or separate with commas; default: every spec)', collect)
    .option('--quick', 'a few samples per task: a smoke run, not figures to quote')
    .option('--json', 'print the full result (machine, rows, skipped) as JSON')
    .action(async (flags: { spec?: string[]; quick?: boolean; json?: boolean }) => {
      const chosen = flags.spec?.map((s) => specArg('--spec', s).spec.name);
      const { runBench, formatBenchTable } = await import('../../node/bench/index.js');
      const result = await runBench({
        ...(chosen ? { specs: chosen } : {}),
        quick: flags.quick === true,
        // a long run says where it is, on a terminal only
        ...(io.stderr.isTTY ? { onSpec: (spec: string) => io.stderr.write(`keysmith: bench: ${spec} done\n`) } : {}),
      });
      if (flags.json) {
        io.stdout.write(JSON.stringify(result, null, 2) + '\n');
        return;
      }
      io.stdout.write(formatBenchTable(result));
      for (const s of result.skipped) io.stdout.write(`skipped: ${s.spec} on ${s.backend}: ${s.reason}\n`);
    });
}
