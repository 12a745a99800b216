import { statSync } from 'node:fs';
import { join } from 'node:path';
import { fail, isKeysmithError, KeysmithError } from '../../errors.js';
import { generateKey } from '../../core/generate.js';
import { exportKey } from '../../core/export.js';
import { KeyPair, type AnyKey } from '../../core/key.js';
import type { KeyFormat } from '../../encoding/formats.js';
import type { KeySpec, Usage } from '../../model/spec.js';
import type { RandomSource } from '../../random.js';
import { identify } from '../identity.js';
import { asText, CliExit, encodedBytes, type CliIO } from '../io.js';
import { isBinaryFormat } from '../args.js';
import { checkOutputPath, ioFail, writePublicFile, writeSecretFile } from '../files.js';
import { batchBar } from '../batch-progress.js';
import type { ProviderChoice } from '../providers.js';

/** `generate --count N`: what was asked, checked before any key is made. */
export interface ManyRequest {
  readonly spec: KeySpec;
  readonly usage: Usage;
  readonly count: number;
  readonly concurrency: number | undefined;
  readonly format: KeyFormat;
  readonly publicFormat: KeyFormat;
  readonly outDir: string | undefined;
  readonly publicOutDir: string | undefined;
  readonly json: boolean;
  readonly base64: boolean;
  readonly force: boolean;
  readonly random: RandomSource | undefined;
}

/** File name extension of a format: .pem, .der, .json (JWK), .bin (raw bytes). */
export function extensionOf(format: KeyFormat): string {
  if (format.endsWith('-pem')) return '.pem';
  if (format.endsWith('-der')) return '.der';
  if (format.startsWith('jwk')) return '.json';
  return '.bin';
}

/**
 * `<SPEC>-<n><ext>`, n from 1 in the order keys land, zero-padded to the width of the count so the names
 * sort; the public key beside it as `<SPEC>-<n>.pub<ext>`.
 */
export function batchFileNames(r: Pick<ManyRequest, 'spec' | 'count' | 'format' | 'publicFormat'>, n: number): { key: string; pub: string } {
  const base = `${r.spec.name}-${String(n).padStart(String(r.count).length, '0')}`;
  return { key: base + extensionOf(r.format), pub: `${base}.pub${extensionOf(r.publicFormat)}` };
}

function checkDir(label: string, dir: string): void {
  let st;
  try {
    st = statSync(dir);
  } catch (e) {
    ioFail(label, dir, e, 'read');
  }
  if (!st.isDirectory()) fail('INVALID_ARGUMENT', `${label}: ${dir} is not a directory`);
}

/** Every target file checked before the first key: a long batch does not end in "file exists" at key 731. */
export function checkManyTargets(r: ManyRequest): void {
  if (r.outDir !== undefined) checkDir('--out-dir', r.outDir);
  if (r.publicOutDir !== undefined) checkDir('--public-out-dir', r.publicOutDir);
  for (let n = 1; n <= r.count; n++) {
    const names = batchFileNames(r, n);
    if (r.outDir !== undefined) checkOutputPath('--out-dir', join(r.outDir, names.key), r.force);
    if (r.publicOutDir !== undefined) checkOutputPath('--public-out-dir', join(r.publicOutDir, names.pub), r.force);
  }
}

/** JSON can carry text only: PEM as is, JWK as an object, bytes as base64. */
function jsonValue(v: Awaited<ReturnType<typeof exportKey>>): unknown {
  return v instanceof Uint8Array || typeof v === 'string' ? asText(v).trimEnd() : v;
}

/**
 * Makes the keys and hands each to `onKey` as it lands. The pure provider without a seed runs on worker
 * threads (keysmith/node's generateKeys, loaded only here); a seeded stream cannot be split across threads
 * and other providers are not thread-bound objects, so those make keys one after another on this thread.
 */
async function makeKeys(r: ManyRequest, choice: ProviderChoice, signal: AbortSignal, onKey: (key: AnyKey) => void): Promise<void> {
  if (choice.isPure && r.random === undefined) {
    const { generateKeys } = await import('../../node/index.js');
    await generateKeys(r.spec, r.count, { usage: r.usage, signal, onProgress: (key) => onKey(key), ...(r.concurrency !== undefined ? { concurrency: r.concurrency } : {}) });
    return;
  }
  const provider = await choice.get();
  for (let i = 0; i < r.count; i++) {
    if (signal.aborted) throw new KeysmithError('ABORTED', 'generate was cancelled', { cause: signal.reason });
    onKey(await generateKey(r.spec, { usage: r.usage, provider, ...(r.random ? { random: r.random } : {}) }));
  }
}

/**
 * Writes `count` keys to files in --out-dir (one line per key on stdout: file and identifier), or as JSON
 * lines on stdout (--json: one object per key, with the key itself unless it went to a file). Ctrl-C stops
 * the workers; every key that had landed is still written, the rest are never made; exit status 130.
 */
export async function generateMany(io: CliIO, r: ManyRequest, choice: ProviderChoice): Promise<void> {
  if (r.concurrency !== undefined && r.concurrency > 1 && !(choice.isPure && r.random === undefined)) {
    fail(
      r.random !== undefined ? 'INVALID_ARGUMENT' : 'UNSUPPORTED',
      r.random !== undefined
        ? '--concurrency: a --seed stream cannot be split across worker threads; seeded keys are made one after another'
        : `--concurrency: worker threads run the pure provider; --provider ${choice.name} makes keys one after another`,
    );
  }
  checkManyTargets(r);
  const isPair = r.spec.family !== 'symmetric';
  const stop = new AbortController();
  let interrupted = false;
  const unsubscribe = io.onInterrupt?.(() => {
    interrupted = true;
    stop.abort(new KeysmithError('ABORTED', 'interrupted (SIGINT)'));
  });
  const bar = batchBar(io, `generating ${r.spec.name}`, r.count);
  let landed = 0;
  let written = 0;
  let writeError: { error: unknown } | undefined;
  let chain = Promise.resolve();

  const writeOne = async (key: AnyKey, n: number) => {
    const secrets: Uint8Array[] = [];
    try {
      const encoded = await exportKey(key, r.format);
      if (encoded instanceof Uint8Array) secrets.push(encoded);
      const id = await identify(key);
      const pub = key instanceof KeyPair && (r.publicOutDir !== undefined || r.json) ? await exportKey(key.publicKey, r.publicFormat) : undefined;
      const names = batchFileNames(r, n);
      const line: Record<string, unknown> = { n, spec: key.spec.name, usage: key.usage, format: r.format };
      if (r.outDir !== undefined) {
        const path = join(r.outDir, names.key);
        const bytes = encodedBytes(encoded, r.base64 && isBinaryFormat(r.format));
        secrets.push(bytes);
        writeSecretFile('--out-dir', path, bytes, r.force);
        line.file = path;
      } else {
        line.key = jsonValue(encoded);
      }
      if (pub !== undefined) {
        if (r.publicOutDir !== undefined) {
          const path = join(r.publicOutDir, names.pub);
          writePublicFile('--public-out-dir', path, encodedBytes(pub, r.base64 && isBinaryFormat(r.publicFormat)), r.force);
          line.publicFile = path;
        }
        if (r.json) line.publicKey = { format: r.publicFormat, key: jsonValue(pub) };
      }
      Object.assign(line, id);
      if (r.json) io.stdout.write(JSON.stringify(line) + '\n');
      else io.stdout.write(`${line.file}\t${id.spkiSha256 ?? id.keyCheckValue}\n`);
      written++;
      bar.increment();
    } finally {
      key.destroy();
      for (const b of secrets) b.fill(0);
    }
  };

  let failure: unknown;
  try {
    await makeKeys(r, choice, stop.signal, (key) => {
      const n = ++landed;
      if (writeError !== undefined) {
        key.destroy();
        return;
      }
      chain = chain.then(() =>
        writeOne(key, n).catch((e: unknown) => {
          writeError ??= { error: e };
          stop.abort(e);
        }),
      );
    });
  } catch (e) {
    failure = e;
  } finally {
    await chain; // every key that landed is written (or destroyed after a write failed)
    unsubscribe?.();
    bar.stop();
  }
  if (writeError !== undefined) throw writeError.error;
  if (failure !== undefined) {
    if (interrupted && isKeysmithError(failure, 'ABORTED')) {
      io.stderr.write(`keysmith: cancelled: ${written} of ${r.count} ${r.spec.name} keys written${r.outDir !== undefined ? ` to ${r.outDir}` : ''}\n`);
      throw new CliExit(130);
    }
    throw failure;
  }
  const where = r.outDir !== undefined ? ` -> ${r.outDir}${r.publicOutDir !== undefined && r.publicOutDir !== r.outDir ? ` (public keys -> ${r.publicOutDir})` : ''}` : '';
  io.stderr.write(`keysmith: generated ${written} ${r.spec.name} keys (${r.usage}${isPair ? '' : ', secret'})${where}\n`);
}
