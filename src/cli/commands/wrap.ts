import { lstatSync } from 'node:fs';
import type { Command } from 'commander';
import { fromBase64, toBase64 } from '../../bytes.js';
import { fail } from '../../errors.js';
import { exportKey } from '../../core/export.js';
import { isKeyPair, KeyPair, type AnyKey } from '../../core/key.js';
import type { KeySpec } from '../../model/spec.js';
import { isPublicFormat } from '../../encoding/formats.js';
import { WRAPPING_ALGORITHMS, getWrappingAlgorithm, type WrappingAlgorithmName } from '../../wrap/algorithms.js';
import { generateKey } from '../../core/generate.js';
import { IMPORT_DIALECTS, type ImportDialect } from '../../wrap/dialects.js';
import { createImportParameters, encryptKeyMaterial, importParametersFor, openEncryptedKeyMaterial } from '../../wrap/import-flow.js';
import type { KeyInput } from '../../wrap/key-input.js';
import { readKeyWith } from '../read-key.js';
import { identify } from '../identity.js';
import { SM2_LAYOUTS, type Sm2Layout } from '../../wrap/sm2-layout.js';
import { unwrapKey, wrapKey } from '../../wrap/wrap-key.js';
import { asText, encodedBytes, keyFileInput, warn, type CliContext } from '../io.js';
import { formatArg, specAndUsageArg } from '../args.js';
import { providerHelp, withProvider, type ProviderChoice } from '../providers.js';
import { checkOutputPath, ioFail, writeSecretFile } from '../files.js';
import { withProgress } from '../progress.js';

/** Base64 key data given inline rather than a file name: a cloud's PublicKey, or an AES KEK. */
function isInlineBase64(arg: string): boolean {
  const t = arg.replace(/\s/g, '');
  return t.length >= 4 && t.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(t);
}

/** Whether anything (a dangling link too) is at the path; a name the file system cannot hold (a long base64 key) is not. */
function pathExists(arg: string): boolean {
  try {
    return lstatSync(arg, { throwIfNoEntry: false }) !== undefined;
  } catch {
    return false; // ENAMETOOLONG, ENOTDIR, ...
  }
}

/**
 * A key argument: - (standard input), a file (PEM, JWK or base64 text, or binary DER / raw bytes; see
 * keyFileInput) or, when no such file exists, base64 text given inline.
 */
async function readKeyArg(ctx: CliContext, arg: string, label: string): Promise<KeyInput> {
  if (typeof arg !== 'string' || arg.length === 0) fail('INVALID_ARGUMENT', `${label}: empty`);
  if (arg === '-' || pathExists(arg)) return keyFileInput(await ctx.input.read(label, arg));
  if (!isInlineBase64(arg)) ioFail(label, arg, Object.assign(new Error('ENOENT'), { code: 'ENOENT' }), 'read');
  return arg;
}

async function readBlobArg(ctx: CliContext, arg: string): Promise<Uint8Array> {
  const v = await readKeyArg(ctx, arg, '<encrypted>');
  return typeof v === 'string' ? fromBase64(v) : (v as Uint8Array);
}

function symmetricByLength(bytes: Uint8Array): (s: KeySpec) => boolean {
  return (s) => s.family !== 'symmetric' || s.keyBytes === bytes.length;
}

function identityLines(id: { keyCheckValue?: string; spkiSha256?: string }): string {
  return id.keyCheckValue !== undefined ? `KeyCheckValue: ${id.keyCheckValue}\n` : `SpkiSha256: ${id.spkiSha256}\n`;
}

function checkDialect(d: string | undefined): ImportDialect | undefined {
  if (d === undefined) return undefined;
  if (!(IMPORT_DIALECTS as readonly string[]).includes(d)) fail('INVALID_ARGUMENT', `--for: unknown dialect; known: ${IMPORT_DIALECTS.join(', ')}`);
  return d as ImportDialect;
}

function checkLayoutFlag(l: string | undefined): Sm2Layout | undefined {
  if (l === undefined) return undefined;
  if (!(SM2_LAYOUTS as readonly string[]).includes(l)) fail('INVALID_ARGUMENT', `--layout: one of ${SM2_LAYOUTS.join(', ')}`);
  return l as Sm2Layout;
}

interface WrapFlags {
  for?: string;
  algorithm: string;
  publicKey: string;
  spec?: string;
  key?: string;
  usage?: string;
  layout?: string;
  keyOut?: string;
  force?: boolean;
  json?: boolean;
  provider?: string;
}

interface UnwrapFlags {
  for?: string;
  algorithm: string;
  privateKey: string;
  spec: string;
  usage?: string;
  layout?: string;
  expect?: string;
  format?: string;
  out?: string;
  force?: boolean;
  json?: boolean;
  provider?: string;
}

interface ParamsFlags {
  for: string;
  algorithm?: string;
  wrappingSpec?: string;
  privateOut?: string;
  force?: boolean;
  json?: boolean;
  provider?: string;
}

async function wrapAction(ctx: CliContext, flags: WrapFlags, choice: ProviderChoice): Promise<void> {
  const { io } = ctx;
  const dialect = checkDialect(flags.for);
  const layout = checkLayoutFlag(flags.layout);
  if (flags.spec === undefined && flags.key === undefined) fail('INVALID_ARGUMENT', 'give --spec (new key) or --key <file>');
  // the usage a cloud's spec name implies (ASYMMETRIC_DECRYPT_SM2: ENCRYPT_DECRYPT) is kept, and a conflicting --usage refused
  const target = flags.spec !== undefined ? specAndUsageArg('--spec', flags.spec, flags.usage) : undefined;
  const spec = target?.spec;
  const provider = await choice.get();
  if (flags.keyOut !== undefined) checkOutputPath('--key-out', flags.keyOut, flags.force === true);
  let key: AnyKey | undefined;
  if (flags.key !== undefined) {
    const input = await readKeyArg(ctx, flags.key, '--key');
    const only = target?.spec;
    const accept = input instanceof Uint8Array ? symmetricByLength(input) : () => true;
    ({ key } = await readKeyWith(input, {
      accept: (s) => accept(s) && (only === undefined || s === only),
      ...(target ? { usage: target.usage } : {}),
      allowRaw: true,
      what: '--key',
    }, provider));
    if (!isKeyPair(key) && key.type === 'public') fail('INVALID_ARGUMENT', '--key: a public key carries nothing to import');
  }
  const publicKey = await readKeyArg(ctx, flags.publicKey, '--public-key');

  const label = key ? `wrapping ${key.spec.name}` : `generating and wrapping ${spec!.name}`;
  const { blob, wrapped } = await withProgress(io, label, async () => {
    if (dialect) {
      const r = await encryptKeyMaterial(dialect, {
        publicKey,
        algorithm: flags.algorithm,
        ...(key ? { key } : { spec: target!.spec, usage: target!.usage }),
        ...(layout ? { layout } : {}),
        provider,
      });
      return { blob: r.encryptedKeyMaterial, wrapped: r.key };
    }
    const alg = getWrappingAlgorithm(flags.algorithm);
    const w = key ?? (await generateKey(target!.spec, { usage: target!.usage, provider }));
    const wrappingKey = alg.wrappingKey === 'aes' && typeof publicKey === 'string' ? fromBase64(publicKey) : publicKey;
    return { blob: toBase64(await wrapKey(w, { algorithm: flags.algorithm as WrappingAlgorithmName, wrappingKey, provider, ...(layout ? { layout } : {}) })), wrapped: w };
  });
  try {
    const id = await identify(wrapped);
    if (flags.keyOut) {
      const bytes = encodedBytes(await exportKey(wrapped, isKeyPair(wrapped) ? 'pkcs8-pem' : 'raw'));
      writeSecretFile('--key-out', flags.keyOut, bytes, flags.force === true);
      bytes.fill(0);
    } else if (!flags.key) {
      warn(io, 'the generated key is not saved anywhere; use --key-out <file> to keep it');
    }
    if (flags.json) {
      io.stdout.write(JSON.stringify({ dialect: dialect ?? null, algorithm: flags.algorithm, spec: wrapped.spec.name, encryptedKeyMaterial: blob, ...id }, null, 2) + '\n');
    } else {
      io.stdout.write(`EncryptedKeyMaterial: ${blob}\n${identityLines(id)}`);
    }
  } finally {
    wrapped.destroy();
  }
}

async function unwrapAction(ctx: CliContext, blobArg: string, flags: UnwrapFlags, choice: ProviderChoice): Promise<void> {
  const { io } = ctx;
  const dialect = checkDialect(flags.for);
  const layout = checkLayoutFlag(flags.layout);
  const target = specAndUsageArg('--spec', flags.spec, flags.usage);
  const format = flags.format !== undefined ? formatArg('--format', flags.format) : undefined;
  if (flags.format !== undefined && !flags.out) fail('INVALID_ARGUMENT', '--format: needs --out <file>');
  if (flags.out !== undefined) checkOutputPath('--out', flags.out, flags.force === true);
  const blob = await readBlobArg(ctx, blobArg);
  const privateKey = await readKeyArg(ctx, flags.privateKey, '--private-key');
  const provider = await choice.get();
  let key: AnyKey;
  if (dialect) {
    const { key: pair } = await readKeyWith(privateKey, { accept: (s) => s.family !== 'symmetric', what: '--private-key' }, provider);
    if (!(pair instanceof KeyPair)) fail('INVALID_ARGUMENT', '--private-key: the private key (PKCS#8) is needed');
    try {
      const params = await importParametersFor(dialect, pair, { algorithm: flags.algorithm });
      key = await openEncryptedKeyMaterial(layout ? { ...params, layout } : params, toBase64(blob), {
        spec: target.spec,
        usage: target.usage,
        provider,
        ...(flags.expect ? { expect: flags.expect } : {}),
      });
    } finally {
      pair.destroy();
    }
  } else {
    const alg = getWrappingAlgorithm(flags.algorithm);
    const unwrappingKey = alg.wrappingKey === 'aes' && typeof privateKey === 'string' ? fromBase64(privateKey) : privateKey;
    key = await unwrapKey(blob, {
      algorithm: flags.algorithm as WrappingAlgorithmName,
      unwrappingKey,
      spec: target.spec,
      usage: target.usage,
      provider,
      ...(layout ? { layout } : {}),
      ...(flags.expect ? { expect: flags.expect } : {}),
    });
  }
  try {
    const id = await identify(key);
    if (flags.out) {
      const f = format ?? (isKeyPair(key) ? 'pkcs8-pem' : 'raw');
      if (isKeyPair(key) && isPublicFormat(f)) warn(io, `--format ${f} holds only the public key; the private key is discarded`);
      const bytes = encodedBytes(await exportKey(key, f));
      writeSecretFile('--out', flags.out, bytes, flags.force === true);
      bytes.fill(0);
    }
    if (flags.json) {
      io.stdout.write(JSON.stringify({ spec: key.spec.name, usage: key.usage, ...id, ...(flags.out ? { out: flags.out } : {}) }, null, 2) + '\n');
    } else {
      io.stdout.write(`Unwrapped: ${key.spec.name} (${key.usage})\n${identityLines(id)}`);
    }
  } finally {
    key.destroy();
  }
}

async function paramsAction({ io }: CliContext, flags: ParamsFlags, choice: ProviderChoice): Promise<void> {
  const provider = await choice.get();
  const dialect = checkDialect(flags.for)!;
  if (flags.privateOut !== undefined) checkOutputPath('--private-out', flags.privateOut, flags.force === true);
  const p = await withProgress(io, 'generating the wrapping key pair', () =>
    createImportParameters(dialect, {
      ...(flags.algorithm ? { algorithm: flags.algorithm } : {}),
      ...(flags.wrappingSpec ? { wrappingSpec: flags.wrappingSpec } : {}),
      provider,
    }),
  );
  try {
    if (flags.privateOut) writeSecretFile('--private-out', flags.privateOut, encodedBytes(await exportKey(p.wrappingKeyPair, 'pkcs8-pem')), flags.force === true);
    else warn(io, 'the wrapping private key is not saved; use --private-out <file> to unwrap later');
    if (flags.json) {
      io.stdout.write(JSON.stringify({ dialect, algorithm: p.algorithm, wrappingKeySpec: p.wrappingKeySpec, publicKey: p.publicKey }, null, 2) + '\n');
    } else {
      io.stdout.write(`WrappingAlgorithm: ${p.algorithm}\nWrappingKeySpec: ${p.wrappingKeySpec}\nPublicKey: ${asText(p.publicKey).trimEnd()}\n`);
    }
  } finally {
    p.wrappingKeyPair.destroy();
  }
}

/** `keysmith wrap`, `keysmith unwrap` and `keysmith import-params`: the BYOK flow from a terminal. */
export function registerWrapCommands(program: Command, ctx: CliContext): void {
  const dialects = IMPORT_DIALECTS.join(', ');
  program
    .command('wrap')
    .description('broker side: wrap key material for a cloud\'s ImportKeyMaterial (prints EncryptedKeyMaterial and the key check value)')
    .option('--for <dialect>', `cloud dialect: ${dialects} (omit to use keysmith algorithm names directly)`)
    .requiredOption('--algorithm <alg>', `wrapping algorithm, in the cloud's name (without --for: ${WRAPPING_ALGORITHMS.join(', ')})`)
    .requiredOption('--public-key <file|base64>', 'the wrapping public key (base64 DER SPKI, PEM or DER file, - for standard input); AES algorithms: the KEK')
    .option('--spec <spec>', 'generate a new key of this spec (with --key: the spec of the key file)')
    .option('--key <file>', 'key material to wrap: PKCS#8 PEM/DER, or raw bytes of a symmetric key; - reads standard input')
    .option('--usage <usage>', 'usage of the generated key')
    .option('--layout <layout>', `SM2 ciphertext layout: ${SM2_LAYOUTS.join(', ')}`)
    .option('--key-out <file>', 'save the key here: a new file, mode 0600 (PKCS#8 PEM, or raw bytes for secret keys)')
    .option('--force', 'replace an existing --key-out file (never through a symbolic link)')
    .option('--json', 'print JSON')
    .option('--provider <name>', providerHelp(ctx.providers))
    .action((flags: WrapFlags) => withProvider(ctx, flags.provider, (choice) => wrapAction(ctx, flags, choice)));

  program
    .command('unwrap')
    .description('emulator side: open EncryptedKeyMaterial with the wrapping private key and check it fits the spec')
    .argument('<encrypted>', 'EncryptedKeyMaterial: base64 text, a file holding it, or - for standard input')
    .option('--for <dialect>', `cloud dialect: ${dialects}`)
    .requiredOption('--algorithm <alg>', 'wrapping algorithm, in the cloud\'s name (without --for: keysmith\'s name)')
    .requiredOption('--private-key <file|base64>', 'the wrapping private key (PKCS#8 PEM/DER/base64, - for standard input); AES algorithms: the KEK')
    .requiredOption('--spec <spec>', 'spec of the key being imported')
    .option('--usage <usage>', 'usage of the imported key')
    .option('--layout <layout>', `SM2 ciphertext layout: ${SM2_LAYOUTS.join(', ')}`)
    .option('--expect <kcv|sha256>', 'fail unless the key check value / SPKI SHA-256 matches')
    .option('--format <format>', 'format for --out (default: pkcs8-pem for key pairs, raw for secret keys)')
    .option('--out <file>', 'write the unwrapped key to this new file (mode 0600)')
    .option('--force', 'replace an existing --out file (never through a symbolic link)')
    .option('--json', 'print JSON')
    .option('--provider <name>', providerHelp(ctx.providers))
    .action((blob: string, flags: UnwrapFlags) => withProvider(ctx, flags.provider, (choice) => unwrapAction(ctx, blob, flags, choice)));

  program
    .command('import-params')
    .description('emulator side of GetParametersForImport: a wrapping key pair and its public key as the cloud returns it')
    .requiredOption('--for <dialect>', `cloud dialect: ${dialects}`)
    .option('--algorithm <alg>', 'wrapping algorithm, in the cloud\'s name')
    .option('--wrapping-spec <spec>', 'wrapping key spec, in the cloud\'s name')
    .option('--private-out <file>', 'save the wrapping private key to this new file (PKCS#8 PEM, mode 0600)')
    .option('--force', 'replace an existing --private-out file (never through a symbolic link)')
    .option('--json', 'print JSON')
    .option('--provider <name>', providerHelp(ctx.providers))
    .action((flags: ParamsFlags) => withProvider(ctx, flags.provider, (choice) => paramsAction(ctx, flags, choice)));
}
