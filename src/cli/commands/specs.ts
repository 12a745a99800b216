import type { Command } from 'commander';
import { specs } from '../../registry/specs.js';
import { namesOf } from '../../registry/lookup.js';
import type { CliContext } from '../io.js';
import { specSize } from '../../registry/describe.js';

export function registerSpecsCommand(program: Command, { io }: CliContext): void {
  program
    .command('specs')
    .description('list the key specs, their usages and each cloud\'s names for them')
    .option('--json', 'machine-readable output')
    .action((opts: { json?: boolean }) => {
      const rows = specs.map((s) => ({
        spec: s.name,
        family: s.family,
        size: specSize(s),
        usages: s.usages.map((u) => (u === s.defaultUsage ? `${u}*` : u)).join(' '),
        names: namesOf(s).map((n) => `${n.cloud}:${n.name}${n.usage ? `(${n.usage})` : ''}`).join(' '),
      }));
      if (opts.json) {
        io.stdout.write(JSON.stringify(specs.map((s) => ({ ...s, ...(s.family === 'rsa' ? { publicExponent: Number(s.publicExponent) } : {}), names: namesOf(s) })), null, 2) + '\n');
        return;
      }
      const cols = ['spec', 'family', 'size', 'usages', 'names'] as const;
      const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => r[c].length)));
      const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(width[i]!))).join('  ');
      io.stdout.write(line([...cols]) + '\n');
      for (const r of rows) io.stdout.write(line(cols.map((c) => r[c])) + '\n');
      io.stdout.write('(* = default usage)\n');
    });
}
