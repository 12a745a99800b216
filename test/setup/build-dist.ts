// vitest globalSetup: tests of keysmith/node load dist/ (worker threads run the built worker.js), so build
// it once when any source file is newer than the build.
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../..');

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

function mtime(p: string): number {
  try {
    return statSync(p).mtimeMs;
  } catch {
    return 0;
  }
}

export default function setup(): void {
  const built = Math.min(...['dist/index.js', 'dist/node/index.js', 'dist/node/worker.js'].map((p) => mtime(join(root, p))));
  if (built >= Math.max(newest(join(root, 'src')), mtime(join(root, 'package.json')))) return;
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
}
