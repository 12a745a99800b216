import fc from 'fast-check';
import { generateKeyPairSync } from 'node:crypto';
import {
  dialectNames, importParametersFor, encryptKeyMaterial, ErrorCode, exportKey, fromCreateKey, generateKey, getWrappingAlgorithm,
  importKey, isKeysmithError, KeyPair, namesOf, openEncryptedKeyMaterial, seededRandom, specs, unwrapKey, WRAPPING_ALGORITHMS, wrapKey,
  type ImportParameters, type Key, type KeyFormat, type WrappingAlgorithmName,
} from '../../src/index.js';
import { formatsFor } from '../../src/encoding/formats.js';
import { importDetected } from '../../src/core/detect.js';
import type { KeySpec } from '../../src/model/spec.js';

/**
 * The fuzzing harness shared by test/fuzz.test.ts (a short seeded run in `npm test`) and scripts/fuzz.ts
 * (a long campaign). It mutates valid encodings and asserts, for every input: the call either answers or
 * throws a KeysmithError with a documented code; it ends within a time bound; and no message or cause in
 * the error chain contains 8 hex digits or 8 base64 characters (6 bytes) of any key material involved.
 */

export type Target = 'importKey' | 'unwrapKey' | 'openEncryptedKeyMaterial' | 'fromCreateKey' | 'importDetected';

interface ImportEntry {
  readonly spec: KeySpec;
  readonly format: KeyFormat;
  readonly data: Uint8Array | string | object;
}

interface UnwrapEntry {
  readonly algorithm: WrappingAlgorithmName;
  readonly unwrappingKey: Key | KeyPair | Uint8Array;
  readonly spec: KeySpec;
  readonly blob: Uint8Array;
}

interface OpenEntry {
  readonly params: ImportParameters;
  readonly spec: KeySpec;
  readonly text: string;
}

export interface Corpus {
  readonly imports: readonly ImportEntry[];
  readonly unwraps: readonly UnwrapEntry[];
  readonly opens: readonly OpenEntry[];
  /** 8-character windows of every secret's hex, base64 and base64url (at each byte alignment). */
  readonly windows: ReadonlySet<string>;
}

const CODES: ReadonlySet<string> = new Set(Object.values(ErrorCode));

// ---------------------------------------------------------------------------------------------- secrets

function addWindows(out: Set<string>, bytes: Uint8Array): void {
  const texts = [Buffer.from(bytes).toString('hex')];
  for (let shift = 0; shift < 3; shift++) {
    const b = Buffer.from(bytes.subarray(shift));
    texts.push(b.toString('base64'), b.toString('base64url'));
  }
  for (const t of texts) {
    for (let i = 0; i + 8 <= t.length; i++) {
      const w = t.slice(i, i + 8);
      if (new Set(w).size > 2) out.add(w.toLowerCase() === w || !/^[0-9a-f]+$/i.test(w) ? w : w.toLowerCase());
    }
  }
}

const b64uBytes = (s: unknown): Uint8Array => (typeof s === 'string' ? new Uint8Array(Buffer.from(s, 'base64url')) : new Uint8Array(0));

async function secretBytesOf(key: Key | KeyPair): Promise<Uint8Array[]> {
  const priv = key instanceof KeyPair ? key.privateKey : key;
  if (priv.type === 'public') return [];
  if (priv.spec.jwk === undefined || priv.spec.name === 'SM2') return [(await exportKey(priv, 'raw')) as Uint8Array];
  const jwk = (await exportKey(priv, 'jwk')) as Record<string, unknown>;
  return ['k', 'd', 'p', 'q', 'dp', 'dq', 'qi'].filter((m) => typeof jwk[m] === 'string').map((m) => b64uBytes(jwk[m]));
}

/** The first secret window found in `text`, case-insensitively for hex. */
function leak(text: string, windows: ReadonlySet<string>): string | undefined {
  const lower = text.toLowerCase();
  for (let i = 0; i + 8 <= text.length; i++) {
    const w = text.slice(i, i + 8);
    if (windows.has(w) || windows.has(lower.slice(i, i + 8))) return w;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------- corpus

/** RSA keys come from node (native, fast); keysmith generates the rest from a fixed seed. */
async function keyFor(spec: KeySpec, usage?: 'ENCRYPT_DECRYPT' | 'SIGN_VERIFY'): Promise<Key | KeyPair> {
  if (spec.family === 'rsa') {
    const jwk = generateKeyPairSync('rsa', { modulusLength: spec.bits }).privateKey.export({ format: 'jwk' });
    return importKey(spec, jwk, 'jwk', usage ? { usage } : undefined);
  }
  return generateKey(spec, { random: seededRandom(`fuzz ${spec.name}`), ...(usage ? { usage } : {}) });
}

export async function buildCorpus(): Promise<Corpus> {
  const windows = new Set<string>();
  const imports: ImportEntry[] = [];
  for (const spec of specs) {
    const key = await keyFor(spec);
    for (const b of await secretBytesOf(key)) addWindows(windows, b);
    for (const format of formatsFor(spec)) {
      try {
        imports.push({ spec, format, data: await exportKey(key, format) });
      } catch (e) {
        if (!isKeysmithError(e, 'UNSUPPORTED')) throw e;
      }
      if (format.startsWith('pkcs1') && key instanceof KeyPair) imports.push({ spec, format, data: await exportKey(key.publicKey, format) });
    }
  }

  const unwraps: UnwrapEntry[] = [];
  const rsa = (await keyFor(specs.find((s) => s.name === 'RSA_2048')!, 'ENCRYPT_DECRYPT')) as KeyPair;
  const sm2 = (await keyFor(specs.find((s) => s.name === 'SM2')!, 'ENCRYPT_DECRYPT')) as KeyPair;
  const kek = seededRandom('fuzz kek')(32);
  for (const k of [rsa, sm2]) for (const b of await secretBytesOf(k)) addWindows(windows, b);
  addWindows(windows, kek);
  for (const algorithm of WRAPPING_ALGORITHMS) {
    const alg = getWrappingAlgorithm(algorithm);
    const spec = specs.find((s) => alg.targets(s) && s.family === 'symmetric') ?? specs.find((s) => alg.targets(s) && s.family === 'ec')!;
    const key = await generateKey(spec, { random: seededRandom(`fuzz payload ${algorithm}`) });
    for (const b of await secretBytesOf(key)) addWindows(windows, b);
    const unwrappingKey = alg.wrappingKey === 'aes' ? kek : alg.wrappingKey === 'rsa' ? rsa : sm2;
    const wrappingKey = unwrappingKey instanceof KeyPair ? unwrappingKey.publicKey : unwrappingKey;
    unwraps.push({ algorithm, unwrappingKey, spec, blob: await wrapKey(key, { algorithm, wrappingKey }) });
  }

  const opens: OpenEntry[] = [];
  for (const [dialect, algorithm, specName] of [
    ['aws', 'RSA_AES_KEY_WRAP_SHA_256', 'EC_P256'],
    ['aliyun', 'RSAES_OAEP_SHA_256_AES_256_ECB_PKCS7_PAD', 'EC_P256'],
    ['aliyun', 'SM2PKE_SM4_ECB', 'SM2'],
    ['tencent', 'RSAES_PKCS1_V1_5', 'AES_256'],
  ] as const) {
    const params = await importParametersFor(dialect, algorithm === 'SM2PKE_SM4_ECB' ? sm2 : rsa, { algorithm });
    const m = await encryptKeyMaterial(dialect, { publicKey: params.publicKey, algorithm, spec: specName, random: seededRandom(`fuzz open ${algorithm}`) });
    for (const b of await secretBytesOf(m.key)) addWindows(windows, b);
    opens.push({ params, spec: m.key.spec, text: m.encryptedKeyMaterial });
  }
  return { imports, unwraps, opens, windows };
}

// ---------------------------------------------------------------------------------------------- mutations

/** Positions of DER length octets in a (possibly nested) TLV structure; best effort, stops at the first oddity. */
function lengthPositions(b: Uint8Array): number[] {
  const out: number[] = [];
  const walk = (start: number, end: number, depth: number) => {
    let i = start;
    while (i + 2 <= end && depth < 8) {
      const tag = b[i]!;
      out.push(i + 1);
      let len = b[i + 1]!;
      let hdr = 2;
      if (len & 0x80) {
        const n = len & 0x7f;
        if (n === 0 || n > 3 || i + 2 + n > end) return;
        len = 0;
        for (let j = 0; j < n; j++) len = len * 256 + b[i + 2 + j]!;
        hdr += n;
      }
      if (i + hdr + len > end) return;
      if (tag & 0x20 || tag === 0x04 || tag === 0x03) walk(i + hdr + (tag === 0x03 ? 1 : 0), i + hdr + len, depth + 1);
      i += hdr + len;
    }
  };
  walk(0, b.length, 0);
  return out;
}

const derLength = (n: number): number[] => (n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : n < 0x10000 ? [0x82, n >> 8, n & 0xff] : [0x83, n >> 16, (n >> 8) & 0xff, n & 0xff]);

/** One mutation of a byte string: bit flips, truncation, splices, DER length tampering, deep nesting, huge lengths. */
const bytesMutation: fc.Arbitrary<(b: Uint8Array) => Uint8Array> = fc.oneof(
  fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 7 })), { minLength: 1, maxLength: 4 }).map((flips) => (b: Uint8Array) => {
    const c = b.slice();
    for (const [i, bit] of flips) if (c.length) c[i % c.length]! ^= 1 << bit;
    return c;
  }),
  fc.nat().map((n) => (b: Uint8Array) => b.slice(0, b.length ? n % b.length : 0)),
  fc.tuple(fc.nat(), fc.uint8Array({ maxLength: 24 }), fc.nat({ max: 8 })).map(([at, ins, del]) => (b: Uint8Array) => {
    const i = b.length ? at % b.length : 0;
    return new Uint8Array([...b.subarray(0, i), ...ins, ...b.subarray(Math.min(b.length, i + del))]);
  }),
  fc.tuple(fc.nat(), fc.constantFrom([0x80], [0x81, 0xff], [0x84, 0x7f, 0xff, 0xff, 0xff], [0x89, 1, 2, 3, 4, 5, 6, 7, 8, 9], [0x00], [0xff]), fc.integer({ min: -2, max: 2 }))
    .map(([which, repl, delta]) => (b: Uint8Array) => {
      const pos = lengthPositions(b);
      if (pos.length === 0) return b;
      const p = pos[which % pos.length]!;
      const c = [...b];
      if (delta !== 0 && c[p]! < 0x80) c[p] = (c[p]! + delta) & 0x7f;
      else c.splice(p, 1, ...repl);
      return new Uint8Array(c);
    }),
  fc.integer({ min: 1, max: 4000 }).map((depth) => (b: Uint8Array) => {
    // SEQUENCE { SEQUENCE { … b … } }, `depth` deep, with correct lengths: headers built inside out
    const headers: number[][] = [];
    let len = b.length;
    for (let i = 0; i < depth; i++) {
      const h = [0x30, ...derLength(len)];
      headers.push(h);
      len += h.length;
    }
    const out = new Uint8Array(len);
    let at = 0;
    for (let i = headers.length - 1; i >= 0; i--) {
      out.set(headers[i]!, at);
      at += headers[i]!.length;
    }
    out.set(b, at);
    return out;
  }),
  fc.integer({ min: 1, max: 5000 }).map((depth) => (b: Uint8Array) => {
    const open = new Uint8Array(depth * 2);
    for (let i = 0; i < depth; i++) open.set([0x30, 0x80], 2 * i);
    return new Uint8Array([...open, ...b]);
  }),
  fc.constantFrom(1 << 12, 1 << 16, 1 << 20, 5 << 20).map((size) => (b: Uint8Array) => {
    const out = new Uint8Array(size + 6);
    out.set([0x30, 0x84, (size >>> 24) & 0xff, (size >>> 16) & 0xff, (size >>> 8) & 0xff, size & 0xff]);
    out.set(b.subarray(0, Math.min(b.length, size)), 6);
    return out;
  }),
);

const textMutation: fc.Arbitrary<(s: string) => string> = fc.oneof(
  bytesMutation.map((m) => (s: string) => {
    // mutate the DER inside the PEM body and re-armour it under the same label
    const label = /-----BEGIN ([^-]+)-----/.exec(s)?.[1];
    const body = s.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
    const der = m(new Uint8Array(Buffer.from(body, 'base64')));
    if (!label) return Buffer.from(der).toString('base64');
    const b64 = Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n');
    return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
  }),
  fc.tuple(fc.nat(), fc.string({ maxLength: 40 })).map(([at, ins]) => (s: string) => s.slice(0, at % (s.length + 1)) + ins + s.slice(at % (s.length + 1))),
  fc.tuple(fc.nat(), fc.nat({ max: 30 })).map(([at, del]) => (s: string) => s.slice(0, at % (s.length + 1)) + s.slice((at % (s.length + 1)) + del)),
  fc.constantFrom('RSA PRIVATE KEY', 'CERTIFICATE', 'X'.repeat(70), 'ENCRYPTED PRIVATE KEY', 'PRIVATE  KEY').map((label) => (s: string) => s.replace(/(BEGIN|END) [A-Z0-9 ]+-----/g, `$1 ${label}-----`)),
  fc.constantFrom(1 << 10, 1 << 16, 1 << 20).map((n) => (s: string) => 'Bag Attributes\n'.repeat(Math.ceil(n / 15)) + s),
  fc.constant((s: string) => s + s.replace(/[A-Za-z](?=[A-Za-z0-9+/]{10}\n)/, (c) => (c === 'A' ? 'B' : 'A'))),
);

const HUGE = 'A'.repeat(5 << 20);
const weirdValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({ maxDepth: 2 }),
  fc.constantFrom(HUGE, HUGE.slice(0, 700), '', '====', 'AQAB', 'P-256', 'RSA', 'oct', null, 0, -1, 1e308, true),
  fc.nat({ max: 2 ** 32 - 1 }).map((n) => new Array(n)),
  fc.sparseArray(fc.string(), { maxLength: 100, maxNumElements: 3 }),
);

const jwkMutation: fc.Arbitrary<(j: Record<string, unknown>) => unknown> = fc.oneof(
  fc.tuple(fc.constantFrom('kty', 'crv', 'n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi', 'x', 'y', 'k', 'key_ops', 'use', 'alg', 'ext', 'oth', 'kid'), weirdValue)
    .map(([m, v]) => (j: Record<string, unknown>) => ({ ...j, [m]: v })),
  fc.tuple(fc.constantFrom('kty', 'crv'), fc.constantFrom('d', 'k', 'p', 'x')).map(([to, from]) => (j: Record<string, unknown>) => ({ ...j, [to]: j[from] })),
  fc.constantFrom('kty', 'crv', 'n', 'e', 'd', 'k', 'x', 'y', 'qi').map((m) => (j: Record<string, unknown>) => {
    const c = { ...j };
    delete c[m];
    return c;
  }),
  fc.constant((j: Record<string, unknown>) => JSON.parse(JSON.stringify(j).replace('{', '{"__proto__":{"k":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA","d":"AA"},'))),
  fc.constant((j: Record<string, unknown>) => JSON.stringify(j).replace('{', '{"__proto__":{"kty":"oct"},')),
  fc.tuple(fc.nat(), fc.integer({ min: 0, max: 5 })).map(([at, bit]) => (j: Record<string, unknown>) => {
    const text = JSON.stringify(j);
    const i = at % text.length;
    return text.slice(0, i) + String.fromCharCode(text.charCodeAt(i) ^ (1 << bit)) + text.slice(i + 1);
  }),
);

/** A mutated copy of `data`, of the same kind (bytes, text or object). */
export function mutatedArb(data: Uint8Array | string | object): fc.Arbitrary<unknown> {
  if (data instanceof Uint8Array) return bytesMutation.map((m) => m(data));
  if (typeof data === 'string') return textMutation.map((m) => m(data));
  return jwkMutation.map((m) => m(data as Record<string, unknown>));
}

const cloudName: fc.Arbitrary<string> = fc.constantFrom(...specs.flatMap((s) => [s.name, ...namesOf(s).map((n) => n.name)]), 'SYMMETRIC_DEFAULT', 'ENCRYPT_DECRYPT');
export const createKeyArb: fc.Arbitrary<[unknown, unknown, unknown]> = fc.tuple(
  fc.oneof(fc.constantFrom(...dialectNames), fc.anything({ maxDepth: 1 })),
  fc.oneof(
    fc.dictionary(
      fc.constantFrom('KeySpec', 'KeyUsage', 'keyUsage', 'key_spec', 'key_usage', 'CustomerMasterKeySpec', '__proto__', 'toString'),
      fc.oneof(cloudName, fc.constantFrom('ENCRYPT/DECRYPT', 'SIGN/VERIFY', 'SIGN_VERIFY', 'ENCRYPT_DECRYPT'), weirdValue),
    ),
    fc.constant(JSON.parse('{"__proto__":{"KeySpec":"EC_SM2"},"KeyUsage":"SIGN/VERIFY"}')),
    fc.anything({ maxDepth: 2 }),
  ),
  fc.oneof(fc.constant(undefined), fc.record({ symmetricDefault: fc.oneof(fc.constantFrom('SM4', 'AES_256', 'RSA_2048'), weirdValue) })),
);

// ---------------------------------------------------------------------------------------------- the property

/** The slowest input seen so far (for the campaign's report). */
export const slowest = { ms: 0, what: '' };

export interface Outcome {
  readonly ok: boolean;
  readonly code?: string;
  readonly ms: number;
}

/**
 * Runs one call and checks the three promises; returns the outcome, or throws an Error describing the
 * breach (fast-check then shrinks and reports the seed and path).
 */
export async function checkCall(what: string, call: () => unknown, windows: ReadonlySet<string>, maxMs: number): Promise<Outcome> {
  const t = performance.now();
  let thrown: unknown;
  let ok = true;
  try {
    const r = await call();
    if (r && typeof r === 'object' && 'destroy' in r && typeof (r as Key).destroy === 'function') (r as Key).destroy();
  } catch (e) {
    thrown = e;
    ok = false;
  }
  const ms = performance.now() - t;
  if (ms > slowest.ms) Object.assign(slowest, { ms, what });
  if (ms > maxMs) throw new Error(`${what}: took ${ms.toFixed(0)} ms (bound ${maxMs} ms)`);
  if (ok) return { ok, ms };
  if (!isKeysmithError(thrown)) throw new Error(`${what}: raw ${(thrown as Error)?.name ?? typeof thrown} escaped: ${String((thrown as Error)?.message ?? thrown).slice(0, 200)}`);
  if (!CODES.has(thrown.code)) throw new Error(`${what}: undocumented code ${thrown.code}`);
  let e: unknown = thrown;
  for (let depth = 0; e !== undefined && e !== null && depth < 16; depth++) {
    const text = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    const w = leak(text, windows);
    if (w) throw new Error(`${what}: key material (${w}…) in ${depth === 0 ? 'message' : `cause #${depth}`}: ${text.slice(0, 200)}`);
    e = e instanceof Error ? e.cause : undefined;
  }
  return { ok, code: thrown.code, ms };
}

/** The properties over one corpus, one per target, each as (runs) → fast-check property. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each target's property has its own argument tuple
export function properties(corpus: Corpus, maxMs: number): Record<Target, fc.IAsyncProperty<any>> {
  const { imports, unwraps, opens, windows } = corpus;
  const importEntry = fc.nat({ max: imports.length - 1 }).chain((i) => fc.tuple(fc.constant(imports[i]!), mutatedArb(imports[i]!.data)));
  return {
    importKey: fc.asyncProperty(importEntry, async ([entry, data]) => {
      await checkCall(`importKey(${entry.spec.name}, ${entry.format})`, () => importKey(entry.spec, data as never, entry.format), windows, maxMs);
    }),
    importDetected: fc.asyncProperty(importEntry, fc.boolean(), async ([entry, data], allowRaw) => {
      const input = data instanceof Uint8Array || typeof data === 'string' || (typeof data === 'object' && data !== null) ? data : String(data);
      await checkCall(`importDetected(${entry.spec.name} ${entry.format})`, () => importDetected(input as object, { allowRaw }), windows, maxMs);
    }),
    unwrapKey: fc.asyncProperty(
      fc.nat({ max: unwraps.length - 1 }).chain((i) => fc.tuple(fc.constant(unwraps[i]!), bytesMutation.map((m) => m(unwraps[i]!.blob)))),
      async ([u, blob]) => {
        await checkCall(`unwrapKey(${u.algorithm})`, () => unwrapKey(blob, { algorithm: u.algorithm, unwrappingKey: u.unwrappingKey, spec: u.spec }), windows, maxMs);
      },
    ),
    openEncryptedKeyMaterial: fc.asyncProperty(
      fc.nat({ max: opens.length - 1 }).chain((i) => fc.tuple(fc.constant(opens[i]!), fc.oneof(textMutation.map((m) => m(opens[i]!.text)), bytesMutation.map((m) => Buffer.from(m(new Uint8Array(Buffer.from(opens[i]!.text, 'base64')))).toString('base64'))))),
      async ([o, text]) => {
        await checkCall(`openEncryptedKeyMaterial(${o.params.dialect} ${o.params.algorithm})`, () => openEncryptedKeyMaterial(o.params, text, { spec: o.spec }), windows, maxMs);
      },
    ),
    fromCreateKey: fc.asyncProperty(createKeyArb, async ([dialect, request, options]) => {
      await checkCall('fromCreateKey', () => fromCreateKey(dialect as never, request as never, options as never), windows, maxMs);
    }),
  };
}

export const DEFAULT_SEED = 0x6b657973; // "keys"
