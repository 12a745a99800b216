import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { importDetected } from '../../core/detect.js';
import { KeyPair } from '../../core/key.js';
import { keyIdentifier } from '../../wrap/identify.js';
import { getSpec } from '../../registry/lookup.js';
import type { KeySpec } from '../../model/spec.js';
import { fail } from '../../errors.js';
import { keyFileInput } from '../io.js';

export function registerInspectCommand(program: Command): void {
  program
    .command('inspect')
    .description('identify a key file: spec, size, usages, SPKI SHA-256 fingerprint or key check value (never the secret)')
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
      const { key, format } = await importDetected(keyFileInput(data), {
        what: file,
        ...(only ? { accept: (spec: KeySpec) => spec === only, allowRaw: true } : {}),
      });
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
      const id = await keyIdentifier(key);
      info[id.kind === 'key-check-value' ? 'keyCheckValue' : 'spkiSha256'] = id.value;
      key.destroy();
      if (flags.json) {
        process.stdout.write(JSON.stringify(info, null, 2) + '\n');
        return;
      }
      const width = Math.max(...Object.keys(info).map((k) => k.length)) + 2;
      for (const [k, v] of Object.entries(info)) process.stdout.write(`${(k + ':').padEnd(width)}${Array.isArray(v) ? v.join(', ') : v}\n`);
    });
}
