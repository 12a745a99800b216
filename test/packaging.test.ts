import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt, root } from './helpers/cli.js';

/** What `npm pack` would publish: the built code, its types, README and LICENSE, and nothing that points elsewhere. */
describe('the npm tarball', () => {
  let files: string[];
  beforeAll(() => {
    ensureBuilt();
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    files = (JSON.parse(out) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
  });

  it('ships dist, types, README, LICENSE and package.json', () => {
    for (const f of ['package.json', 'README.md', 'LICENSE', 'dist/index.js', 'dist/index.d.ts', 'dist/cli/main.js']) expect(files).toContain(f);
    expect(files.filter((f) => !f.startsWith('dist/'))).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE']));
    expect(files.filter((f) => !f.startsWith('dist/')).length).toBe(3);
  });

  it('ships no source maps and no references to sources it does not ship', () => {
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    for (const f of files.filter((p) => p.endsWith('.js') || p.endsWith('.d.ts'))) {
      expect(readFileSync(join(root, f), 'utf8'), f).not.toMatch(/sourceMappingURL|\.\.\/src\//);
    }
  });

  it('leaves the test vectors out', () => {
    expect(files.filter((f) => f.startsWith('vectors/') || f.startsWith('test/') || f.startsWith('src/'))).toEqual([]);
  });

  it('is MIT licensed, with the licence text', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(pkg.license).toBe('MIT');
    const text = readFileSync(join(root, 'LICENSE'), 'utf8');
    expect(text).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} the keysmith authors\n/);
    expect(text).toContain('THE SOFTWARE IS PROVIDED "AS IS"');
  });
});
