import { describe, expect, it } from 'vitest';
import { generateKey } from '../src/core/generate.js';
import { exportKey } from '../src/core/export.js';
import { importKey } from '../src/core/import.js';
import { spkiFingerprint } from '../src/core/fingerprint.js';
import { KeyPair } from '../src/core/key.js';
import { specs } from '../src/registry/specs.js';
import { seededRandom } from '../src/random.js';
import { bytesToHex, hex } from '../src/bytes.js';
import type { KeyFormat } from '../src/encoding/formats.js';
import type { Usage } from '../src/model/spec.js';
import { readOwnJson } from './helpers/vectors.js';

interface Golden { spec: string; usage: Usage; seed: string; format: KeyFormat; key: string; spkiSha256?: string }
const golden = readOwnJson<{ entries: Golden[] }>('golden-keys.json');

describe('golden outputs: a seed gives the same key in every release (vectors/golden-keys.json)', () => {
  it('covers every spec and every usage it allows', () => {
    const covered = new Set(golden.entries.map((e) => `${e.spec}/${e.usage}`));
    for (const s of specs) for (const u of s.usages) expect(covered).toContain(`${s.name}/${u}`);
    expect(golden.entries.length).toBe(covered.size);
  });

  it.each(golden.entries)('$spec $usage', async (g) => {
    const key = await generateKey(g.spec, { usage: g.usage, random: seededRandom(g.seed) });
    expect(bytesToHex((await exportKey(key, g.format)) as Uint8Array)).toBe(g.key);
    if (g.spkiSha256) expect(await spkiFingerprint(key)).toBe(g.spkiSha256);
    // and the stored key is a valid key of its spec
    const back = await importKey(g.spec, hex(g.key), g.format, { usage: g.usage });
    expect(back instanceof KeyPair).toBe(g.spkiSha256 !== undefined);
  });
});
