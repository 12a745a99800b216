import { existsSync, readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { fromBase64, toBase64 } from '../../bytes.js';
import { fail } from '../../errors.js';
import { exportKey } from '../../core/export.js';
import { isKeyPair, KeyPair, type AnyKey } from '../../core/key.js';
import { getSpec } from '../../registry/lookup.js';
import type { KeySpec, Usage } from '../../model/spec.js';
import { WRAPPING_ALGORITHMS, getWrappingAlgorithm, type WrappingAlgorithmName } from '../../wrap/algorithms.js';
import { generateKey } from '../../core/generate.js';
import { IMPORT_DIALECTS, type ImportDialect } from '../../wrap/dialects.js';
import { createImportParameters, encryptKeyMaterial, importParametersFor, openEncryptedKeyMaterial } from '../../wrap/import-flow.js';
import { keyFromInput, type KeyInput } from '../../wrap/key-input.js';
import { keyIdentifier } from '../../wrap/identify.js';
import { SM2_LAYOUTS, type Sm2Layout } from '../../wrap/sm2-layout.js';
import { unwrapKey, wrapKey } from '../../wrap/wrap-key.js';
import { asText, keyFileInput, writeSecretFile } from '../io.js';

/**
 * A key argument: a file (PEM, JWK or base64 text, or binary DER / raw bytes; see keyFileInput) or, when no
 * such file exists, the base64 text itself.
 */
function readKeyArg(arg: string, what: string): KeyInput {
  if (typeof arg !== 'string' || arg.length === 0) fail('INVALID_ARGUMENT', `${what} is empty`);
  if (!existsSync(arg)) {
    if (!/^[A-Za-z0-9+/=\s]+$/.test(arg)) fail('INVALID_ARGUMENT', `${what}: no such file, and not base64`);
    return arg;
  }
  return keyFileInput(readFileSync(arg));
}

function readBlobArg(arg: string): Uint8Array {
  const v = readKeyArg(arg, 'encrypted key material');
  return typeof v === 'string' ? fromBase64(v) : (v as Uint8Array);
}

function symmetricByLength(bytes: Uint8Array): (s: KeySpec) => boolean {
  return (s) => s.family !== 'symmetric' || s.keyBytes === bytes.length;
}

async function identify(key: AnyKey): Promise<{ keyCheckValue?: string; spkiSha256?: string }> {
  const id = await keyIdentifier(key);
  return id.kind === 'key-check-value' ? { keyCheckValue: id.value } : { spkiSha256: id.value };
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
  usage?: Usage;
  layout?: string;
  keyOut?: string;
  json?: boolean;
}

interface UnwrapFlags {
  for?: string;
  algorithm: string;
  privateKey: string;
  spec: string;
  usage?: Usage;
  layout?: string;
  expect?: string;
  format?: string;
  out?: string;
  json?: boolean;
}

interface ParamsFlags {
  for: string;
  algorithm?: string;
  wrappingSpec?: string;
  privateOut?: string;
  json?: boolean;
}

async function wrapAction(flags: WrapFlags): Promise<void> {
  const dialect = checkDialect(flags.for);
  const layout = checkLayoutFlag(flags.layout);
  if (flags.spec === undefined && flags.key === undefined) fail('INVALID_ARGUMENT', 'give --spec (new key) or --key <file>');
  let key: AnyKey | undefined;
  if (flags.key !== undefined) {
    const input = readKeyArg(flags.key, '--key');
    const spec = flags.spec !== undefined ? getSpec(flags.spec) : undefined;
    key = await keyFromInput(input, {
      accept: input instanceof Uint8Array ? symmetricByLength(input) : () => true,
      ...(spec ? { spec } : {}),
      ...(flags.usage ? { usage: flags.usage } : {}),
      allowRaw: true,
      what: '--key',
    });
    if (!isKeyPair(key) && key.type === 'public') fail('INVALID_ARGUMENT', '--key: a public key carries nothing to import');
  }
  const publicKey = readKeyArg(flags.publicKey, '--public-key');

  let blob: string;
  let wrapped: AnyKey;
  if (dialect) {
    const r = await encryptKeyMaterial(dialect, {
      publicKey,
      algorithm: flags.algorithm,
      ...(key ? { key } : { spec: flags.spec! }),
      ...(flags.usage ? { usage: flags.usage } : {}),
      ...(layout ? { layout } : {}),
    });
    blob = r.encryptedKeyMaterial;
    wrapped = r.key;
  } else {
    const alg = getWrappingAlgorithm(flags.algorithm);
    wrapped = key ?? (await generateKey(flags.spec!, flags.usage ? { usage: flags.usage } : undefined));
    const wrappingKey = alg.wrappingKey === 'aes' && typeof publicKey === 'string' ? fromBase64(publicKey) : publicKey;
    blob = toBase64(await wrapKey(wrapped, { algorithm: flags.algorithm as WrappingAlgorithmName, wrappingKey, ...(layout ? { layout } : {}) }));
  }
  const id = await identify(wrapped);
  if (flags.keyOut) {
    writeSecretFile(flags.keyOut, await exportKey(wrapped, isKeyPair(wrapped) ? 'pkcs8-pem' : 'raw'));
  } else if (!flags.key) {
    process.stderr.write('keysmith: warning: the generated key is not saved anywhere; use --key-out <file> to keep it\n');
  }
  if (flags.json) {
    process.stdout.write(JSON.stringify({ dialect: dialect ?? null, algorithm: flags.algorithm, spec: wrapped.spec.name, encryptedKeyMaterial: blob, ...id }, null, 2) + '\n');
  } else {
    process.stdout.write(`EncryptedKeyMaterial: ${blob}\n${identityLines(id)}`);
  }
  wrapped.destroy();
}

async function unwrapAction(blobArg: string, flags: UnwrapFlags): Promise<void> {
  const dialect = checkDialect(flags.for);
  const layout = checkLayoutFlag(flags.layout);
  const blob = readBlobArg(blobArg);
  const privateKey = readKeyArg(flags.privateKey, '--private-key');
  let key: AnyKey;
  if (dialect) {
    const pair = await keyFromInput(privateKey, { accept: (s) => s.family !== 'symmetric', what: '--private-key' });
    if (!(pair instanceof KeyPair)) fail('INVALID_ARGUMENT', '--private-key: the private key (PKCS#8) is needed');
    try {
      const params = await importParametersFor(dialect, pair, { algorithm: flags.algorithm });
      key = await openEncryptedKeyMaterial(layout ? { ...params, layout } : params, toBase64(blob), {
        spec: flags.spec,
        ...(flags.usage ? { usage: flags.usage } : {}),
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
      spec: flags.spec,
      ...(flags.usage ? { usage: flags.usage } : {}),
      ...(layout ? { layout } : {}),
      ...(flags.expect ? { expect: flags.expect } : {}),
    });
  }
  const id = await identify(key);
  const format = (flags.format ?? (isKeyPair(key) ? 'pkcs8-pem' : 'raw')) as Parameters<typeof exportKey>[1];
  if (flags.out) writeSecretFile(flags.out, await exportKey(key, format));
  if (flags.json) {
    process.stdout.write(JSON.stringify({ spec: key.spec.name, usage: key.usage, ...id, ...(flags.out ? { out: flags.out } : {}) }, null, 2) + '\n');
  } else {
    process.stdout.write(`Unwrapped: ${key.spec.name} (${key.usage})\n${identityLines(id)}`);
  }
  key.destroy();
}

async function paramsAction(flags: ParamsFlags): Promise<void> {
  const dialect = checkDialect(flags.for)!;
  const p = await createImportParameters(dialect, {
    ...(flags.algorithm ? { algorithm: flags.algorithm } : {}),
    ...(flags.wrappingSpec ? { wrappingSpec: flags.wrappingSpec } : {}),
  });
  if (flags.privateOut) writeSecretFile(flags.privateOut, await exportKey(p.wrappingKeyPair, 'pkcs8-pem'));
  else process.stderr.write('keysmith: warning: the wrapping private key is not saved; use --private-out <file> to unwrap later\n');
  if (flags.json) {
    process.stdout.write(JSON.stringify({ dialect, algorithm: p.algorithm, wrappingKeySpec: p.wrappingKeySpec, publicKey: p.publicKey }, null, 2) + '\n');
  } else {
    process.stdout.write(`WrappingAlgorithm: ${p.algorithm}\nWrappingKeySpec: ${p.wrappingKeySpec}\nPublicKey: ${asText(p.publicKey).trimEnd()}\n`);
  }
  p.wrappingKeyPair.destroy();
}

/** `keysmith wrap`, `keysmith unwrap` and `keysmith import-params`: the BYOK flow from a terminal. */
export function registerWrapCommands(program: Command): void {
  const dialects = IMPORT_DIALECTS.join(', ');
  program
    .command('wrap')
    .description('broker side: wrap key material for a cloud\'s ImportKeyMaterial (prints EncryptedKeyMaterial and the key check value)')
    .option('--for <dialect>', `cloud dialect: ${dialects} (omit to use keysmith algorithm names directly)`)
    .requiredOption('--algorithm <alg>', `wrapping algorithm, in the cloud's name (without --for: ${WRAPPING_ALGORITHMS.join(', ')})`)
    .requiredOption('--public-key <file|base64>', 'the wrapping public key (base64 DER SPKI, PEM or DER file); AES algorithms: the KEK')
    .option('--spec <spec>', 'generate a new key of this spec (with --key: the spec of the key file)')
    .option('--key <file>', 'key material to wrap: PKCS#8 PEM/DER, or raw bytes of a symmetric key')
    .option('--usage <usage>', 'usage of the generated key')
    .option('--layout <layout>', `SM2 ciphertext layout: ${SM2_LAYOUTS.join(', ')}`)
    .option('--key-out <file>', 'save the generated key here (mode 0600)')
    .option('--json', 'print JSON')
    .action(wrapAction);

  program
    .command('unwrap')
    .description('emulator side: open EncryptedKeyMaterial with the wrapping private key and check it fits the spec')
    .argument('<encrypted>', 'EncryptedKeyMaterial: base64 text or a file holding it')
    .option('--for <dialect>', `cloud dialect: ${dialects}`)
    .requiredOption('--algorithm <alg>', 'wrapping algorithm, in the cloud\'s name (without --for: keysmith\'s name)')
    .requiredOption('--private-key <file|base64>', 'the wrapping private key (PKCS#8 PEM/DER/base64); AES algorithms: the KEK')
    .requiredOption('--spec <spec>', 'spec of the key being imported')
    .option('--usage <usage>', 'usage of the imported key')
    .option('--layout <layout>', `SM2 ciphertext layout: ${SM2_LAYOUTS.join(', ')}`)
    .option('--expect <kcv|sha256>', 'fail unless the key check value / SPKI SHA-256 matches')
    .option('--format <format>', 'format for --out (default: pkcs8-pem for key pairs, raw for secret keys)')
    .option('--out <file>', 'write the unwrapped key here (mode 0600)')
    .option('--json', 'print JSON')
    .action(unwrapAction);

  program
    .command('import-params')
    .description('emulator side of GetParametersForImport: a wrapping key pair and its public key as the cloud returns it')
    .requiredOption('--for <dialect>', `cloud dialect: ${dialects}`)
    .option('--algorithm <alg>', 'wrapping algorithm, in the cloud\'s name')
    .option('--wrapping-spec <spec>', 'wrapping key spec, in the cloud\'s name')
    .option('--private-out <file>', 'save the wrapping private key here (PKCS#8 PEM, mode 0600)')
    .option('--json', 'print JSON')
    .action(paramsAction);
}
