import type { Command } from 'commander';
import { importDetected, type Detected } from '../../core/detect.js';
import { readKeyWith } from '../read-key.js';
import { exportKey } from '../../core/export.js';
import { KeyPair } from '../../core/key.js';
import { identify } from '../identity.js';
import { specs } from '../../registry/specs.js';
import type { KeySpec } from '../../model/spec.js';
import { bytesToBigInt, fromBase64Url } from '../../bytes.js';
import { isKeysmithError, KeysmithError } from '../../errors.js';
import { keyFileInput, type CliContext } from '../io.js';
import { specArg } from '../args.js';
import { keyBits } from '../../registry/describe.js';
import { providerHelp, withProvider } from '../providers.js';
import type { KeyMaterialProvider } from '../../provider/types.js';
import type { Usage } from '../../model/spec.js';

/** How a person names a key: its curve or modulus size, not its OID. */
function keyKind(spec: KeySpec): string {
  if (spec.family === 'ec') return spec.curve === 'sm2p256v1' ? 'SM2' : spec.curve;
  if (spec.family === 'rsa') return `RSA-${spec.bits}`;
  if (spec.family === 'edwards') return spec.curve;
  if (spec.family === 'ml-dsa') return `ML-DSA-${spec.level}`;
  if (spec.family === 'ml-kem') return `ML-KEM-${spec.level}`;
  return `${spec.keyBytes * 8}-bit ${spec.algorithm}`;
}

/** Algorithms and curves keysmith does not have, named for messages; the registry names its own curves. */
const OTHER_OIDS: Readonly<Record<string, string>> = Object.freeze({
  '1.3.101.110': 'X25519',
  '1.3.101.111': 'X448',
  '1.3.101.113': 'Ed448',
  '1.2.840.10040.4.1': 'DSA',
  '1.2.840.113549.1.1.1': 'rsaEncryption',
  '1.2.840.113549.1.1.10': 'RSASSA-PSS',
  '1.2.840.10045.2.1': 'id-ecPublicKey',
});

/** The library names curves and algorithms by OID; people know them by name. */
function oidNames(message: string): string {
  let m = message;
  for (const s of specs) {
    if (s.family === 'ec') m = m.replaceAll(s.curveOid, keyKind(s));
    else if ('oid' in s) m = m.replaceAll(s.oid, keyKind(s)); // Ed25519, ML-DSA, ML-KEM: the key's own OID
  }
  for (const [oid, name] of Object.entries(OTHER_OIDS)) m = m.replaceAll(oid, name);
  return m;
}

type Shape = 'pem' | 'jwk' | 'der' | 'other';

function shapeOf(input: string | Uint8Array): Shape {
  if (typeof input === 'string') return /^-----BEGIN /m.test(input) ? 'pem' : /^\s*\{/.test(input) ? 'jwk' : 'other';
  return input[0] === 0x30 ? 'der' : 'other';
}

/**
 * The specs an input can be, from its shape, so a failure's reason comes from a spec it could have been:
 * PEM and DER hold only key pairs; a JWK names its kty (and curve).
 */
function plausible(input: string | Uint8Array, shape: Shape): (spec: KeySpec) => boolean {
  if (shape === 'pem' || shape === 'der' || (shape === 'other' && typeof input === 'string')) return (s) => s.family !== 'symmetric';
  if (shape === 'jwk') {
    try {
      const jwk = JSON.parse(input as string) as { kty?: unknown; crv?: unknown };
      const fits = (s: KeySpec) => s.jwk?.kty === jwk.kty && (s.family !== 'ec' || s.jwk?.crv === jwk.crv);
      if (specs.some(fits)) return fits;
    } catch {
      // not JSON: detect says so
    }
  }
  return () => true;
}

/**
 * Imports for inspect, and when that fails says why in the user's terms: with --spec, what the key is
 * instead ("P-256 key given as EC_P384"); otherwise the reason from a spec the data could have been, and a
 * --spec hint for data that is neither PEM, JWK nor DER (raw key bytes carry no spec).
 */
async function importForInspect(
  input: string | Uint8Array, what: string, only: KeySpec | undefined, usage: Usage | undefined, provider: KeyMaterialProvider,
): Promise<Detected> {
  const shape = shapeOf(input);
  const accept = only ? (spec: KeySpec) => spec === only : plausible(input, shape);
  try {
    return await readKeyWith(input, { what, accept, ...(usage ? { usage } : {}), ...(only ? { allowRaw: true } : {}) }, provider);
  } catch (e) {
    if (!isKeysmithError(e)) throw e;
    if (e.code === 'UNSUPPORTED') throw e; // the provider cannot hold such a key: the library's message says so
    if (only) {
      const actual = await importDetected(input, { what, provider }).catch(() => undefined);
      if (actual) {
        actual.key.destroy();
        throw new KeysmithError(e.code, `${what}: ${keyKind(actual.key.spec)} key given as ${only.name} (it reads as ${actual.key.spec.name})`, { cause: e });
      }
    }
    const reason = e.cause instanceof KeysmithError ? oidNames(e.cause.message) : e.message;
    if (!only && shape === 'other') {
      throw new KeysmithError(e.code, `${what}: not PEM, DER or JWK; raw key bytes carry no spec: give --spec (e.g. --spec AES_256)`, { cause: e });
    }
    throw new KeysmithError(e.code, `${what}: not a key keysmith reads: ${reason}`, { cause: e });
  }
}

export function registerInspectCommand(program: Command, ctx: CliContext): void {
  const { io, input } = ctx;
  program
    .command('inspect')
    .description('identify a key file: spec, size, usages, SPKI SHA-256 fingerprint or key check value (never the secret)')
    .argument('<file>', 'PEM, DER, JWK or (with --spec) raw key file; - reads standard input')
    .option('--spec <spec>', 'read the file as this spec (needed for raw keys)')
    .option('--json', 'machine-readable output')
    .option('--provider <name>', providerHelp(ctx.providers))
    .action(async (file: string, flags: { spec?: string; json?: boolean; provider?: string }) => {
      const only = flags.spec !== undefined ? specArg('--spec', flags.spec) : undefined;
      const what = file === '-' ? 'standard input' : file;
      const data = keyFileInput(await input.read(file === '-' ? 'inspect -' : 'inspect', file));
      await withProvider(ctx, flags.provider, async (choice) => {
        const { key, format } = await importForInspect(data, what, only?.spec, only?.impliedUsage, await choice.get());
        const s = key.spec;
        const type = key instanceof KeyPair ? 'private' : key.type;
        const bits = keyBits(s);
        // ML-DSA / ML-KEM keys have a parameter set, not a size in bits (their seed length is not one)
        const info: Record<string, unknown> = { spec: s.name, description: s.description, type, ...(bits === undefined ? { parameterSet: keyKind(s) } : { bits }) };
        if (s.family === 'rsa') {
          // the key's own exponent: keysmith generates 65537, but imports what other tools made (e = 3 too)
          const jwk = (await exportKey(key instanceof KeyPair ? key.publicKey : key, 'jwk-public')) as { e: string };
          const e = bytesToBigInt(fromBase64Url(jwk.e));
          info.description = `RSA ${type === 'public' ? 'public key' : 'key pair'}, ${s.bits}-bit modulus, e = ${e}`;
          info.publicExponent = Number(e) <= Number.MAX_SAFE_INTEGER ? Number(e) : e.toString();
        }
        Object.assign(info, { usages: s.usages, format });
        try {
          Object.assign(info, await identify(key));
        } finally {
          key.destroy();
        }
        if (flags.json) {
          io.stdout.write(JSON.stringify(info, null, 2) + '\n');
          return;
        }
        const width = Math.max(...Object.keys(info).map((k) => k.length)) + 2;
        for (const [k, v] of Object.entries(info)) io.stdout.write(`${(k + ':').padEnd(width)}${Array.isArray(v) ? v.join(', ') : v}\n`);
      });
    });
}
