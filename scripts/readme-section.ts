// The README's generated sections (capability matrix, spec table): each lives between two HTML-comment markers
// and is rewritten whole by its script, or checked with `--check` (the tests do the same).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const README = join(dirname(fileURLToPath(import.meta.url)), '..', 'README.md');

/** `readme` with everything between `start` and `end` replaced by `rendered`; throws when a marker is missing. */
export function replaceSection(readme: string, start: string, end: string, rendered: string): string {
  const a = readme.indexOf(start);
  const b = readme.indexOf(end);
  if (a < 0 || b < a) throw new Error(`README.md has no ${start} … ${end} section`);
  return `${readme.slice(0, a + start.length)}\n${rendered}\n${readme.slice(b)}`;
}

/** Rewrites (or with `--check` in argv, checks) one generated section of README.md. */
export function updateSection(o: { start: string; end: string; rendered: string; what: string; command: string }): void {
  const readme = readFileSync(README, 'utf8');
  const next = replaceSection(readme, o.start, o.end, o.rendered);
  if (process.argv.includes('--check')) {
    if (next !== readme) {
      process.stderr.write(`README.md ${o.what} is out of date: run \`${o.command}\`\n`);
      process.exitCode = 1;
    }
    return;
  }
  if (next !== readme) writeFileSync(README, next);
  process.stdout.write(next === readme ? `${o.what}: up to date\n` : `${o.what}: README.md updated\n`);
}
