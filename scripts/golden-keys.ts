// Regenerates vectors/golden-keys.json: `npx tsx scripts/golden-keys.ts > vectors/golden-keys.json`.
// Only ever run this on purpose: the file pins what a seed gives, and a change means seeded keys changed.
import '../src/index.js'; // installs the default (pure) provider
import { generateKey } from '../src/core/generate.js';
import { exportKey } from '../src/core/export.js';
import { spkiFingerprint } from '../src/core/fingerprint.js';
import { KeyPair } from '../src/core/key.js';
import { specs } from '../src/registry/specs.js';
import { seededRandom } from '../src/random.js';
import { bytesToHex } from '../src/bytes.js';

const goldenSeed = (spec: string, usage: string) => `keysmith golden ${spec} ${usage}`;

const entries = [];
for (const spec of specs) {
  for (const usage of spec.usages) {
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
