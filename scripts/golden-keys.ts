// Extends vectors/golden-keys.json: `npx tsx scripts/golden-keys.ts > /tmp/golden.json && mv /tmp/golden.json vectors/golden-keys.json`.
// Entries already in the file are kept exactly as they are (the file pins what a seed gives: it must never
// change); only a spec × usage the file does not cover yet is generated and appended, in registry order.
import '../src/index.js'; // installs the default (pure) provider
import { generateKey } from '../src/core/generate.js';
import { exportKey } from '../src/core/export.js';
import { spkiFingerprint } from '../src/core/fingerprint.js';
import { KeyPair } from '../src/core/key.js';
import { specs } from '../src/registry/specs.js';
import { seededRandom } from '../src/random.js';
import { bytesToHex } from '../src/bytes.js';
import { readFileSync } from 'node:fs';

const existing = JSON.parse(readFileSync(new URL('../vectors/golden-keys.json', import.meta.url), 'utf8')) as { entries: { spec: string; usage: string }[] };
const have = new Set(existing.entries.map((e) => `${e.spec}/${e.usage}`));

const goldenSeed = (spec: string, usage: string) => `keysmith golden ${spec} ${usage}`;

const entries: unknown[] = [...existing.entries];
for (const spec of specs) {
  for (const usage of spec.usages) {
    if (have.has(`${spec.name}/${usage}`)) continue;
    const seed = goldenSeed(spec.name, usage);
    const key = await generateKey(spec, { usage, random: seededRandom(seed) });
    const format = key instanceof KeyPair ? 'pkcs8-der' : 'raw';
    entries.push({
      spec: spec.name,
      usage,
      seed,
      format,
      key: bytesToHex((await exportKey(key, format)) as Uint8Array),
      ...(key instanceof KeyPair ? { spkiSha256: await spkiFingerprint(key) } : {}),
    });
  }
}
process.stdout.write(
  JSON.stringify(
    {
      source: 'keysmith golden outputs: generateKey(spec, { usage, random: seededRandom(seed) }) with the pure provider. The same seed must give the same key in every release.',
      drbg: 'SP 800-90A HMAC_DRBG with SHA-256, instantiated with the UTF-8 bytes of the seed',
      entries,
    },
    null,
    2,
  ) + '\n',
);
