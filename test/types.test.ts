// The public types, as a user's project sees them: keysmith installed from `npm pack` into a project without
// the DOM lib, strict, exactOptionalPropertyTypes, skipLibCheck false (test/types/tsconfig.json), compiling
// test/types/consumer.ts: its positive cases must type-check and each `@ts-expect-error` mistake must be refused.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FORMATS, KEY_FORMATS, type KeyFormat } from '../src/index.js';
import type { FormatFacts } from '../src/core/format-types.js';

const root = resolve(__dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'keysmith-types-'));

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Unpacks the tarball as npm would install it, next to the repository's installed dependencies. */
function installPacked(): number {
  // dist/ is fresh: the vitest globalSetup (test/setup/build-dist.ts) rebuilt it if any source is newer
  const out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const [{ filename }] = JSON.parse(out) as [{ filename: string }];
  const pkg = join(work, 'node_modules', 'keysmith');
  mkdirSync(pkg, { recursive: true });
  execFileSync('tar', ['-xzf', join(work, filename), '-C', pkg, '--strip-components=1']);
  // the package's own dependencies (and their types), as `npm install` would have put them
  for (const name of readdirSync(join(root, 'node_modules'))) {
    if (name === 'keysmith' || name.startsWith('.')) continue;
    symlinkSync(join(root, 'node_modules', name), join(work, 'node_modules', name));
  }
  for (const f of ['consumer.ts', 'tsconfig.json']) copyFileSync(join(root, 'test/types', f), join(work, f));
  // an ES module project, as the README's examples (top-level await) assume
  writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  // the README's TypeScript examples, compiled as a user would paste them
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
  blocks.forEach((code, i) => writeFileSync(join(work, `readme-${i + 1}.ts`), code + '\nexport {};\n'));
  // a Node program (console, node:crypto, keysmith/node): Node's types, still no DOM lib
  const tsconfig = JSON.parse(readFileSync(join(work, 'tsconfig.json'), 'utf8').replace(/^\s*\/\/.*$/gm, '')) as {
    compilerOptions: Record<string, unknown>;
    files: string[];
  };
  tsconfig.compilerOptions.types = ['node'];
  tsconfig.files = blocks.map((_, i) => `readme-${i + 1}.ts`);
  writeFileSync(join(work, 'tsconfig.readme.json'), JSON.stringify(tsconfig));
  return blocks.length;
}

describe('public types in a consumer project', () => {
  // Without lib DOM and with skipLibCheck false, a DOM type left in any shipped .d.ts (the old `JsonWebKey`) fails
  // this compile; a local interface of the same name (a WebCrypto provider's own CryptoKey) does not.
  // consumer.ts: the root entry alone, with no ambient types at all (types: []); the README: Node programs.
  it('consumer.ts and the README examples compile against the packed package: no DOM lib, exact results, every listed mistake refused', () => {
    expect(installPacked()).toBeGreaterThan(2);
    expect(existsSync(join(work, 'node_modules/keysmith/dist/index.d.ts'))).toBe(true);
    for (const project of ['tsconfig.json', 'tsconfig.readme.json']) {
      const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(work, project)], { cwd: work, encoding: 'utf8' });
      expect(tsc.stdout + tsc.stderr, project).toBe('');
      expect(tsc.status, project).toBe(0);
    }
  });

});

describe('type-level format facts agree with the FORMATS table', () => {
  // Mirrors src/core/format-types.ts FormatFacts (the type checks this object against it, both ways).
  const facts = {
    raw: { types: ['secret', 'private'], public: false },
    'raw-public': { types: ['public', 'private'], public: true },
    'pkcs8-der': { types: ['private'], public: false },
    'pkcs8-pem': { types: ['private'], public: false },
    'spki-der': { types: ['public', 'private'], public: true },
    'spki-pem': { types: ['public', 'private'], public: true },
    'pkcs1-der': { types: ['public', 'private'], public: false },
    'pkcs1-pem': { types: ['public', 'private'], public: false },
    'sec1-der': { types: ['private'], public: false },
    'sec1-pem': { types: ['private'], public: false },
    jwk: { types: ['secret', 'private'], public: false },
    'jwk-public': { types: ['public', 'private'], public: true },
  } as const satisfies { readonly [F in KeyFormat]: { readonly types: readonly FormatFacts[F]['types'][]; readonly public: FormatFacts[F]['public'] } };
  type Back = { [F in KeyFormat]: FormatFacts[F]['types'] extends (typeof facts)[F]['types'][number] ? true : false }[KeyFormat];
  const complete: Back = true;

  it.each(KEY_FORMATS)('%s', (f) => {
    expect(complete).toBe(true);
    const entry = FORMATS[f];
    const kinds = entry.kinds;
    // a format writes a secret key iff it carries secret components; a public key iff it carries public ones
    // (a public format also takes the private half, and writes its public key)
    expect(facts[f].types.includes('secret' as never), 'secret').toBe(kinds.includes('secret'));
    expect(facts[f].types.includes('public' as never), 'public').toBe(kinds.some((k) => k.endsWith('-public')));
    expect(facts[f].types.includes('private' as never), 'private').toBe(kinds.some((k) => k.endsWith('-private')) || entry.public);
    expect(facts[f].public, 'public only').toBe(entry.public);
    // and the result type's rule, by name, matches what the format outputs
    expect(f.endsWith('-pem') ? 'pem' : f.startsWith('jwk') ? 'jwk' : 'bytes').toBe(entry.output === 'pem' ? 'pem' : entry.output === 'jwk' ? 'jwk' : 'bytes');
  });
});
