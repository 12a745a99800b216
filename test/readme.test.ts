import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const readme = readFileSync(resolve(__dirname, '../README.md'), 'utf8');
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
const entry = pathToFileURL(resolve(__dirname, '../src/index.ts')).href;
// keysmith/node runs worker threads, which load the built dist/ (test/setup/build-dist.ts builds it); a block
// that uses it takes the root entry from dist/ too, so its keys are the same classes.
const distEntry = pathToFileURL(resolve(__dirname, '../dist/index.js')).href;
const distNode = pathToFileURL(resolve(__dirname, '../dist/node/index.js')).href;
const resolveImports = (code: string) =>
  code.includes("from 'keysmith/node'")
    ? code.replaceAll("from 'keysmith/node'", `from '${distNode}'`).replaceAll("from 'keysmith'", `from '${distEntry}'`)
    : code.replaceAll("from 'keysmith'", `from '${entry}'`);

describe('README examples run as written', () => {
  it('has examples', () => expect(blocks.length).toBeGreaterThan(2));

  it.each(blocks.map((code, i) => [i + 1, code] as const))('block %i', async (_i, code) => {
    expect(code).toContain("from 'keysmith'");
    const dir = mkdtempSync(join(tmpdir(), 'keysmith-readme-'));
    try {
      const file = join(dir, 'example.ts');
      writeFileSync(file, resolveImports(code) + '\nexport {};\n');
      await import(pathToFileURL(file).href);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
