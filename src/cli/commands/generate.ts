import type { Command } from 'commander';
import { fail } from '../../errors.js';
import { generateKey } from '../../core/generate.js';
import { exportKey } from '../../core/export.js';
import { KeyPair } from '../../core/key.js';
import { seededRandom } from '../../random.js';
import { isPublicFormat, KEY_FORMATS } from '../../encoding/formats.js';
import { identify } from '../identity.js';
import { asText, encodedBytes, warn, type CliContext } from '../io.js';
import { formatArg, isBinaryFormat, specAndUsageArg } from '../args.js';
import { checkOutputPath, writePublicFile, writeSecretFile } from '../files.js';
import { withProgress } from '../progress.js';
import { providerHelp, withProvider } from '../providers.js';
import { generateMany } from './generate-many.js';

interface GenerateFlags {
  usage?: string;
  format?: string;
  out?: string;
  publicOut?: string;
  publicFormat?: string;
  seed?: string;
  json?: boolean;
  base64?: boolean;
  force?: boolean;
  count?: string;
  concurrency?: string;
  outDir?: string;
  publicOutDir?: string;
  provider?: string;
}

/** A whole number option in a range, or INVALID_ARGUMENT naming the option and the value given. */
function countArg(label: string, v: string, max: number): number {
  const n = /^\d{1,9}$/.test(v) ? Number(v) : NaN;
  if (!(n >= 1 && n <= max)) fail('INVALID_ARGUMENT', `${label}: a whole number from 1 to ${max}, not ${JSON.stringify(v.slice(0, 16))}`);
  return n;
}

export function registerGenerateCommand(program: Command, ctx: CliContext): void {
  const { io } = ctx;
  program
    .command('generate')
    .description('generate key material for a spec (any cloud name works: EC_SM2, ECC_NIST_P256, ...)')
    .argument('<spec>', 'key spec, e.g. AES_256, RSA_2048, EC_P256, SM2 (`keysmith specs` lists them)')
    .option('--usage <usage>', 'ENCRYPT_DECRYPT or SIGN_VERIFY (default: the spec\'s default)')
    .option('--format <format>', `output format: ${KEY_FORMATS.join(', ')} (default: pkcs8-pem for key pairs, raw for secret keys)`)
    .option('--out <file>', 'write the key to this new file (mode 0600) instead of standard output; raw and DER are written as bytes')
    .option('--public-out <file>', 'also write the public key to this new file (mode 0644)')
    .option('--public-format <format>', 'format of --public-out (default: spki-pem)')
    .option('--force', 'replace existing --out / --public-out files (never through a symbolic link)')
    .option('--base64', 'write DER or raw bytes as base64 text (DER on standard output needs it when that is a terminal)')
    .option('--seed <text>', 'derive the key deterministically from this seed (HMAC-DRBG): for tests and vectors only')
    .option('--json', 'print a JSON object with the key, its spec, usage and fingerprint or key check value (with --count: one JSON line per key)')
    .option('--count <n>', 'generate n keys (on worker threads): to --out-dir, or as JSON lines on standard output with --json')
    .option('--concurrency <n>', 'worker threads for --count (default: the number of cores)')
    .option('--out-dir <dir>', 'with --count: write each key to <dir>/<SPEC>-<n>.pem (or .der, .json, .bin), new files, mode 0600')
    .option('--public-out-dir <dir>', 'with --count: also write each public key to <dir>/<SPEC>-<n>.pub.pem (mode 0644); may be the --out-dir')
    .option('--provider <name>', providerHelp(ctx.providers))
    .action(async (specName: string, flags: GenerateFlags) => {
      const { spec, usage } = specAndUsageArg('generate', specName, flags.usage);
      const isPair = spec.family !== 'symmetric';
      const format = flags.format !== undefined ? formatArg('--format', flags.format) : isPair ? 'pkcs8-pem' : 'raw';
      const publicFormat = flags.publicFormat !== undefined ? formatArg('--public-format', flags.publicFormat) : 'spki-pem';
      const force = flags.force === true;
      if (flags.publicOut !== undefined && !isPair) fail('INVALID_ARGUMENT', `--public-out: ${spec.name} is a secret key; it has no public key`);
      if (flags.base64 && !isBinaryFormat(format)) fail('INVALID_ARGUMENT', `--base64: ${format} is already text`);
      if (flags.count === undefined) {
        for (const [name, v] of [['--concurrency', flags.concurrency], ['--out-dir', flags.outDir], ['--public-out-dir', flags.publicOutDir]] as const) {
          if (v !== undefined) fail('INVALID_ARGUMENT', `${name}: needs --count <n>`);
        }
      } else {
        const count = countArg('--count', flags.count, 1_000_000);
        if (flags.out !== undefined || flags.publicOut !== undefined) fail('INVALID_ARGUMENT', `${flags.out !== undefined ? '--out' : '--public-out'}: one file holds one key; with --count use --out-dir / --public-out-dir`);
        if (flags.outDir === undefined && !flags.json) fail('INVALID_ARGUMENT', '--count: needs --out-dir <dir> (one file per key) or --json (one JSON line per key on standard output)');
        if (flags.publicOutDir !== undefined && flags.outDir === undefined) fail('INVALID_ARGUMENT', '--public-out-dir: needs --out-dir <dir> (with --json alone each line carries the public key)');
        if (flags.publicOutDir !== undefined && !isPair) fail('INVALID_ARGUMENT', `--public-out-dir: ${spec.name} is a secret key; it has no public key`);
        if (flags.publicFormat !== undefined && flags.publicOutDir === undefined && !flags.json) fail('INVALID_ARGUMENT', '--public-format: needs --public-out-dir <dir> (or --json)');
        if (isPair && isPublicFormat(format)) warn(io, `--format ${format} holds only the public key; the private key is discarded`);
        if (flags.seed !== undefined) warn(io, '--seed makes reproducible keys, one after another on this thread; they are only as secret as the seed');
        const concurrency = flags.concurrency !== undefined ? countArg('--concurrency', flags.concurrency, 1024) : undefined;
        await withProvider(ctx, flags.provider, (choice) =>
          generateMany(io, {
            spec, usage, count, concurrency, format, publicFormat,
            outDir: flags.outDir, publicOutDir: flags.publicOutDir,
            json: flags.json === true, base64: flags.base64 === true, force,
            random: flags.seed !== undefined ? seededRandom(flags.seed) : undefined,
          }, choice),
        );
        return;
      }
      if (flags.publicFormat !== undefined && !flags.publicOut && !flags.json) fail('INVALID_ARGUMENT', '--public-format: needs --public-out <file> (or --json)');
      if (flags.out !== undefined) checkOutputPath('--out', flags.out, force);
      if (flags.publicOut !== undefined) {
        checkOutputPath('--public-out', flags.publicOut, force);
        if (flags.publicOut === flags.out) fail('INVALID_ARGUMENT', '--public-out: the same file as --out');
      }
      // DER goes to a pipe or file as bytes, as openssl writes it; raw keeps its documented base64 text
      const bytesToStdout = !flags.out && !flags.json && format.endsWith('-der') && !flags.base64;
      if (bytesToStdout && io.stdout.isTTY) {
        fail('INVALID_ARGUMENT', `--format ${format}: DER is binary and standard output is a terminal; redirect it (> key.der), use --out <file>, or add --base64`);
      }
      if (isPair && isPublicFormat(format)) warn(io, `--format ${format} holds only the public key; the private key is discarded (use --public-out to keep both)`);
      if (flags.seed !== undefined) warn(io, '--seed makes a reproducible key; it is only as secret as the seed');

      await withProvider(ctx, flags.provider, async (choice) => {
        const provider = await choice.get();
        const key = await withProgress(io, `generating ${spec.name}`, () =>
          generateKey(spec, {
            usage,
            provider,
            ...(flags.seed !== undefined ? { random: seededRandom(flags.seed) } : {}),
          }),
        );
        try {
          const encoded = await exportKey(key, format);
          const id = await identify(key);
          const pub = key instanceof KeyPair && (flags.publicOut || flags.json) ? await exportKey(key.publicKey, publicFormat) : undefined;
          if (flags.out) writeSecretFile('--out', flags.out, encodedBytes(encoded, flags.base64), force);
          if (flags.publicOut && pub !== undefined) writePublicFile('--public-out', flags.publicOut, encodedBytes(pub, flags.base64 && isBinaryFormat(publicFormat)), force);

          if (flags.json) {
            const out: Record<string, unknown> = { spec: key.spec.name, usage: key.usage, format };
            if (!flags.out) out.key = encoded instanceof Uint8Array || typeof encoded === 'string' ? asText(encoded).trimEnd() : encoded;
            if (pub !== undefined) out.publicKey = { format: publicFormat, key: pub instanceof Uint8Array || typeof pub === 'string' ? asText(pub).trimEnd() : pub };
            Object.assign(out, id);
            io.stdout.write(JSON.stringify(out, null, 2) + '\n');
          } else if (!flags.out) {
            io.stdout.write(bytesToStdout ? encodedBytes(encoded) : asText(encoded));
          }
          if (flags.out && encoded instanceof Uint8Array) encoded.fill(0); // stdout may still hold a reference
          const idText = id.spkiSha256 !== undefined ? `SPKI SHA-256 ${id.spkiSha256}` : `key check value ${id.keyCheckValue}`;
          io.stderr.write(`keysmith: generated ${key.spec.name} (${key.usage}), ${idText}${flags.out ? ` -> ${flags.out}` : ''}\n`);
        } finally {
          key.destroy();
        }
      });
    });
}
