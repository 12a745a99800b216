// vitest globalSetup, the one place tests build dist/: it runs once, before any test file, and rebuilds
// when dist/ is missing or stale. keysmith/node's worker threads load the built worker.js, and the CLI
// tests run the built CLI (`node dist/cli/main.js`) as users do. test/helpers/cli.ts only checks it.
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [join(dir, e.name)] : [],
  );
}

/**
 * Why dist/ needs a build, or undefined when it is fresh: every source must have its emitted .js, newer
 * than the newest source, tsconfig and package.json.
 */
export function staleReason(): string | undefined {
  const srcDir = join(root, 'src');
  const src = sources(srcDir);
  const inputs = [...src, ...['tsconfig.json', 'tsconfig.build.json', 'package.json'].map((f) => join(root, f))];
  const newest = Math.max(...inputs.map((f) => statSync(f).mtimeMs));
  for (const f of src) {
    const out = join(root, 'dist', f.slice(srcDir.length).replace(/\.ts$/, '.js'));
    let t: number;
    try {
      t = statSync(out).mtimeMs;
    } catch {
      return `${out} is missing`;
    }
    if (t < newest) return `${out} is older than the sources`;
  }
  return undefined;
}

export default function setup(): void {
  if (staleReason() === undefined) return;
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' }); // the same build as `npm run build`
}
