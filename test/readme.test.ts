import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const readme = readFileSync(resolve(__dirname, '../README.md'), 'utf8');
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
const entry = pathToFileURL(resolve(__dirname, '../src/index.ts')).href;

describe('README examples run as written', () => {
  it('has examples', () => expect(blocks.length).toBeGreaterThan(2));

  it.each(blocks.map((code, i) => [i + 1, code] as const))('block %i', async (_i, code) => {
    expect(code).toContain("from 'keysmith'");
    const dir = mkdtempSync(join(tmpdir(), 'keysmith-readme-'));
    try {
      const file = join(dir, 'example.ts');
      writeFileSync(file, code.replaceAll("from 'keysmith'", `from '${entry}'`) + '\nexport {};\n');
      await import(pathToFileURL(file).href);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
