import type { Command } from 'commander';
import { generateKey } from '../../core/generate.js';
import { exportKey } from '../../core/export.js';
import { spkiFingerprint } from '../../core/fingerprint.js';
import { KeyPair } from '../../core/key.js';
import { seededRandom } from '../../random.js';
import { KEY_FORMATS, type KeyFormat } from '../../encoding/formats.js';
import type { Usage } from '../../model/spec.js';
import { asText, writePublicFile, writeSecretFile } from '../io.js';

interface GenerateFlags {
  usage?: Usage;
  format?: KeyFormat;
  out?: string;
  publicOut?: string;
  publicFormat?: KeyFormat;
  seed?: string;
  json?: boolean;
}

export function registerGenerateCommand(program: Command): void {
  program
    .command('generate')
    .description('generate key material for a spec (any cloud name works: EC_SM2, ECC_NIST_P256, ...)')
    .argument('<spec>', 'key spec, e.g. AES_256, RSA_2048, EC_P256, SM2')
    .option('--usage <usage>', 'ENCRYPT_DECRYPT or SIGN_VERIFY (default: the spec\'s default)')
    .option('--format <format>', `output format: ${KEY_FORMATS.join(', ')} (default: pkcs8-pem for key pairs, raw for secret keys)`)
    .option('--out <file>', 'write the key to this file (mode 0600) instead of standard output; raw and DER are written as bytes')
    .option('--public-out <file>', 'also write the public key to this file')
    .option('--public-format <format>', 'format of --public-out (default: spki-pem)')
    .option('--seed <text>', 'derive the key deterministically from this seed (HMAC-DRBG): for tests and vectors only')
    .option('--json', 'print a JSON object with the key, its spec, usage and fingerprint')
    .action(async (specName: string, flags: GenerateFlags) => {
      if (flags.seed !== undefined) process.stderr.write('keysmith: warning: --seed makes a reproducible key; it is only as secret as the seed\n');
      const key = await generateKey(specName, {
        ...(flags.usage ? { usage: flags.usage } : {}),
        ...(flags.seed !== undefined ? { random: seededRandom(flags.seed) } : {}),
      });
      const isPair = key instanceof KeyPair;
      const format = flags.format ?? (isPair ? 'pkcs8-pem' : 'raw');
      const encoded = await exportKey(key, format);
      const fingerprint = isPair ? await spkiFingerprint(key) : undefined;
      const publicFormat = flags.publicFormat ?? 'spki-pem';
      const pub = flags.publicOut || (flags.json && isPair) ? await exportKey(isPair ? key.publicKey : key, publicFormat) : undefined;
      if (flags.publicOut && pub !== undefined) writePublicFile(flags.publicOut, pub);
      if (flags.out) writeSecretFile(flags.out, encoded);

      if (flags.json) {
        const out: Record<string, unknown> = { spec: key.spec.name, usage: key.usage, format };
        if (!flags.out) out.key = encoded instanceof Uint8Array || typeof encoded === 'string' ? asText(encoded).trimEnd() : encoded;
        if (pub !== undefined) out.publicKey = { format: publicFormat, key: pub instanceof Uint8Array || typeof pub === 'string' ? asText(pub).trimEnd() : pub };
        if (fingerprint) out.spkiSha256 = fingerprint;
        process.stdout.write(JSON.stringify(out, null, 2) + '\n');
      } else if (!flags.out) {
        process.stdout.write(asText(encoded));
      }
      process.stderr.write(`keysmith: generated ${key.spec.name} (${key.usage})${fingerprint ? `, SPKI SHA-256 ${fingerprint}` : ''}${flags.out ? ` -> ${flags.out}` : ''}\n`);
      key.destroy();
    });
}
