import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { importKey } from '../../core/import.js';
import { spkiFingerprint } from '../../core/fingerprint.js';
import { KeyPair, type AnyKey } from '../../core/key.js';
import { specs } from '../../registry/specs.js';
import { getSpec } from '../../registry/lookup.js';
import type { KeySpec } from '../../registry/types.js';
import type { KeyFormat } from '../../encoding/formats.js';
import { fail, KeysmithError } from '../../errors.js';

const PEM_FORMATS: Readonly<Record<string, KeyFormat>> = {
  'PRIVATE KEY': 'pkcs8-pem',
  'PUBLIC KEY': 'spki-pem',
  'RSA PRIVATE KEY': 'pkcs1-pem',
  'RSA PUBLIC KEY': 'pkcs1-pem',
  'EC PRIVATE KEY': 'sec1-pem',
};
const DER_FORMATS: readonly KeyFormat[] = ['pkcs8-der', 'spki-der', 'pkcs1-der', 'sec1-der'];

/** The formats a file may be in, from its first bytes. Raw bytes are ambiguous and need --spec. */
function candidateFormats(data: Buffer, spec: KeySpec | undefined): { formats: readonly KeyFormat[]; input: Uint8Array | string | object } {
  const text = data.toString('utf8').trim();
  const label = /^-----BEGIN ([A-Z0-9 ]+)-----/.exec(text)?.[1];
  if (label !== undefined) {
    const f = PEM_FORMATS[label];
    if (!f) fail('INVALID_FORMAT', `unsupported PEM label "${label}"`);
    return { formats: [f], input: text };
  }
  if (text.startsWith('{')) {
    let jwk: Record<string, unknown>;
    try {
      jwk = JSON.parse(text);
    } catch (e) {
      fail('INVALID_FORMAT', 'file starts with { but is not JSON', e);
    }
    return { formats: ['d' in jwk || 'k' in jwk ? 'jwk' : 'jwk-public'], input: jwk };
  }
  const bytes = new Uint8Array(data);
  return { formats: spec ? [...DER_FORMATS, 'raw', 'raw-public'] : DER_FORMATS, input: bytes };
}

async function detect(data: Buffer, only: KeySpec | undefined): Promise<{ key: AnyKey; format: KeyFormat }> {
  const { formats, input } = candidateFormats(data, only);
  const errors: KeysmithError[] = [];
  for (const spec of only ? [only] : specs) {
    for (const format of formats) {
      try {
        return { key: await importKey(spec, input, format), format };
      } catch (e) {
        if (!(e instanceof KeysmithError)) throw e;
        errors.push(e);
      }
    }
  }
  // The most telling failure: a key that parsed but failed validation beats "wrong format".
  const telling = errors.find((e) => e.code === 'INVALID_KEY' || e.code === 'PCT_FAILED');
  throw telling ?? new KeysmithError('INVALID_FORMAT', `not a key keysmith can read${only ? ` as ${only.name}` : ' (raw keys need --spec)'}`);
}

export function registerInspectCommand(program: Command): void {
  program
    .command('inspect')
    .description('identify a key file: spec, size, usages, SPKI SHA-256 fingerprint (never the secret)')
    .argument('<file>', 'PEM, DER, JWK or (with --spec) raw key file')
    .option('--spec <spec>', 'read the file as this spec (needed for raw keys)')
    .option('--json', 'machine-readable output')
    .action(async (file: string, flags: { spec?: string; json?: boolean }) => {
      const only = flags.spec ? getSpec(flags.spec) : undefined;
      let data: Buffer;
      try {
        data = readFileSync(file);
      } catch (e) {
        fail('INVALID_ARGUMENT', `cannot read ${file}`, e);
      }
      const { key, format } = await detect(data, only);
      const s = key.spec;
      const bits = s.family === 'symmetric' ? s.keyBytes * 8 : s.family === 'rsa' ? s.bits : s.fieldBytes * 8;
      const type = key instanceof KeyPair ? 'private' : key.type;
      const info: Record<string, unknown> = {
        spec: s.name,
        description: s.description,
        type,
        bits,
        usages: s.usages,
        format,
      };
      if (s.family !== 'symmetric') info.spkiSha256 = await spkiFingerprint(key);
      key.destroy();
      if (flags.json) {
        process.stdout.write(JSON.stringify(info, null, 2) + '\n');
        return;
      }
      for (const [k, v] of Object.entries(info)) process.stdout.write(`${(k + ':').padEnd(13)}${Array.isArray(v) ? v.join(', ') : v}\n`);
    });
}
