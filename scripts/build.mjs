// The one build of dist/: `npm run build` (and `prepare`) and the tests' globalSetup (test/setup/build-dist.ts)
// both run this. Plain JavaScript so it needs nothing but node and the TypeScript compiler.
//   dist/ is removed first (no stale modules from deleted sources), compiled by tsc -p tsconfig.build.json, and the
//   CLI entry is made executable (npx runs dist/cli/main.js directly).
import { execFileSync } from 'node:child_process';
import { chmodSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

rmSync(join(root, 'dist'), { recursive: true, force: true });
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
chmodSync(join(root, 'dist/cli/main.js'), 0o755);
