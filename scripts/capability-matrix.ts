// Renders the README's capability matrix from each provider's own `supports` (capabilityMatrix):
//   npm run matrix            rewrites README.md between the markers
//   npm run matrix -- --check exits 1 when README.md differs (test/capability-matrix.test.ts does the same)
import { pathToFileURL } from 'node:url';
import { README, replaceSection, updateSection } from './readme-section.js';
import { capabilityMatrix, type Capability } from '../src/provider/capabilities.js';
import type { AlgorithmName, KeyMaterialProvider } from '../src/provider/types.js';
import { OPERATIONS, type Operation } from '../src/model/operations.js';
import { encryptionAlgorithms, signingAlgorithms } from '../src/model/algorithms.js';
import { wrappingAlgorithms } from '../src/wrap/algorithms.js';
import { specs } from '../src/registry/specs.js';
import type { KeySpec } from '../src/model/spec.js';
import { PureProvider } from '../src/provider/pure/provider.js';
import { WebCryptoProvider } from '../src/provider/webcrypto/provider.js';
import { pkcs11Provider } from '../src/pkcs11/index.js';
import { softhsmToken } from '../test/helpers/softhsm.js';
import { nssDatabase } from '../test/helpers/nss.js';
import { NodeCryptoProvider } from '../src/provider/node/provider.js';

export const START = '<!-- capability-matrix:start -->';
export const END = '<!-- capability-matrix:end -->';

/**
 * One column of the matrix. `open` sets the provider up (a token, a browser page, ...) and says how to end
 * it; the matrix is read from the provider's `supports`, so a token-backed column must come from a real
 * token (its answers depend on the token's mechanism list). Add a provider by adding an entry here.
 */
export interface MatrixProvider {
  /** Short name used in the cells (the provider's `name`). */
  readonly name: string;
  /** Where the column comes from, for the legend (e.g. "SoftHSM 2.6.1"). */
  readonly source: string;
  open(): Promise<{ provider: KeyMaterialProvider; close(): Promise<void> }>;
}

export const MATRIX_PROVIDERS: MatrixProvider[] = [
  { name: 'pure', source: 'TypeScript (@noble/*, sm-crypto); any JS runtime', open: async () => ({ provider: new PureProvider(), close: async () => {} }) },
  { name: 'webcrypto', source: 'WebCrypto `SubtleCrypto` (Node ≥ 20 here; browsers)', open: async () => ({ provider: new WebCryptoProvider(globalThis.crypto.subtle), close: async () => {} }) },
  { name: 'node', source: 'node:crypto (OpenSSL 3.0), `keysmith/node`', open: async () => ({ provider: new NodeCryptoProvider(), close: async () => {} }) },
  // PKCS #11 columns come from real tokens (their mechanism lists), made as the tests make them
  { name: 'softhsm', source: 'PKCS #11 on SoftHSM 2.6.1, `keysmith/pkcs11`', open: () => openPkcs11('softhsm', softhsmToken()) },
  { name: 'nss', source: 'PKCS #11 on the NSS softoken (libsoftokn3), `keysmith/pkcs11`', open: () => openPkcs11('nss', nssDatabase()) },
];

async function openPkcs11(name: string, options: Parameters<typeof pkcs11Provider>[0]): Promise<{ provider: KeyMaterialProvider; close: () => Promise<void> }> {
  const provider = await pkcs11Provider({ ...options, name });
  return { provider, close: () => provider.close() };
}

/** What one provider states: its flags and its capability rows. */
export interface MatrixColumn {
  readonly name: string;
  readonly source: string;
  readonly honoursRandom: boolean;
  readonly extractableByDefault: boolean;
  readonly rows: readonly Capability[];
}

export async function readColumns(list: readonly MatrixProvider[] = MATRIX_PROVIDERS): Promise<MatrixColumn[]> {
  const out: MatrixColumn[] = [];
  for (const entry of list) {
    const { provider, close } = await entry.open();
    try {
      out.push({
        name: entry.name,
        source: entry.source,
        honoursRandom: provider.honoursRandom,
        extractableByDefault: provider.extractableByDefault,
        rows: capabilityMatrix(provider),
      });
    } finally {
      await close();
    }
  }
  return out;
}

const OP_HEADINGS: Readonly<Record<Operation, string>> = {
  generate: 'generate',
  import: 'import',
  'export-public': 'export public',
  'export-private': 'export private',
  sign: 'sign',
  verify: 'verify',
  encrypt: 'encrypt',
  decrypt: 'decrypt',
  wrap: 'wrap (as target)',
  unwrap: 'unwrap (as target)',
  'key-check-value': 'KCV',
  'generate-mac': 'MAC',
  'verify-mac': 'verify MAC',
  'derive-shared-secret': 'ECDH',
  encapsulate: 'encapsulate',
  decapsulate: 'decapsulate',
  persist: 'persist',
};

const rowKey = (spec: string, usage: string) => `${spec} ${usage}`;

/** "all", "none", or the names of the columns that have it. */
function who(columns: readonly MatrixColumn[], has: (c: MatrixColumn) => boolean): string {
  const yes = columns.filter(has).map((c) => c.name);
  if (yes.length === 0) return '—';
  return yes.length === columns.length && columns.length > 1 ? 'all' : yes.join(', ');
}

function operationsTable(columns: readonly MatrixColumn[]): string[] {
  const lines = [`| spec | usage | ${OPERATIONS.map((o) => OP_HEADINGS[o]).join(' | ')} |`, `| --- | --- |${OPERATIONS.map(() => ' --- |').join('')}`];
  const index = columns.map((c) => new Map(c.rows.map((r) => [`${rowKey(r.spec, r.usage)} ${r.operation}`, r])));
  for (const spec of specs) {
    for (const usage of spec.usages) {
      const cells = OPERATIONS.map((op) => {
        const defined = index.some((m) => m.has(`${rowKey(spec.name, usage)} ${op}`));
        if (!defined) return '';
        return who(columns, (c) => index[columns.indexOf(c)]!.get(`${rowKey(spec.name, usage)} ${op}`)?.supported === true);
      });
      lines.push(`| ${spec.name} | ${usage} | ${cells.join(' | ')} |`);
    }
  }
  return lines;
}

interface AlgorithmRow {
  readonly name: AlgorithmName;
  readonly operations: readonly [Operation, Operation];
  readonly appliesTo: (spec: KeySpec) => boolean;
}

function algorithmRows(): AlgorithmRow[] {
  return [
    ...signingAlgorithms().map((a) => ({ name: a.name, operations: ['sign', 'verify'] as const, appliesTo: a.appliesTo })),
    ...encryptionAlgorithms().map((a) => ({ name: a.name, operations: ['encrypt', 'decrypt'] as const, appliesTo: a.appliesTo })),
    ...wrappingAlgorithms().map((a) => ({ name: a.name, operations: ['wrap', 'unwrap'] as const, appliesTo: (s: KeySpec) => a.targets(s) })),
  ];
}

/**
 * Where `column` can do `op` with the algorithm, as a cell: "✓" for every spec it applies to, "—" for none,
 * else the specs it works for (or "✓ except" the ones it does not, when that is shorter). A spec that
 * works for only some of its usages is named with those usages.
 */
function specCell(column: MatrixColumn, alg: AlgorithmRow, op: Operation): { cell: string; set: string } {
  const applicable = column.rows.filter((r) => r.operation === op && alg.appliesTo(specs.find((s) => s.name === r.spec)!));
  const ok = (r: Capability) => r.algorithms?.includes(alg.name) === true;
  const bySpec = new Map<string, Capability[]>();
  for (const r of applicable) bySpec.set(r.spec, [...(bySpec.get(r.spec) ?? []), r]);
  const label = (rows: Capability[], want: boolean) => {
    const hit = rows.filter((r) => ok(r) === want);
    return hit.length === 0 ? undefined : hit.length === rows.length ? rows[0]!.spec : `${rows[0]!.spec} ${hit.map((r) => r.usage).join('/')}`;
  };
  const yes = [...bySpec.values()].map((rows) => label(rows, true)).filter((x) => x !== undefined);
  const no = [...bySpec.values()].map((rows) => label(rows, false)).filter((x) => x !== undefined);
  const set = applicable.filter(ok).map((r) => rowKey(r.spec, r.usage)).join(',');
  const cell = yes.length === 0 ? '—' : no.length === 0 ? '✓' : no.length < yes.length ? `✓ except ${no.join(', ')}` : yes.join(', ');
  return { cell, set };
}

function algorithmTable(columns: readonly MatrixColumn[]): string[] {
  const lines = [`| algorithm | operations | ${columns.map((c) => c.name).join(' | ')} |`, `| --- | --- |${columns.map(() => ' --- |').join('')}`];
  for (const alg of algorithmRows()) {
    const cells = columns.map((c) => {
      const [a, b] = alg.operations.map((op) => specCell(c, alg, op)) as [ReturnType<typeof specCell>, ReturnType<typeof specCell>];
      return a.set === b.set ? a.cell : `${alg.operations[0]}: ${a.cell}; ${alg.operations[1]}: ${b.cell}`;
    });
    lines.push(`| \`${alg.name}\` | ${alg.operations.join(' / ')} | ${cells.join(' | ')} |`);
  }
  return lines;
}

/** The Markdown between the markers (without them). */
export function renderCapabilityMatrix(columns: readonly MatrixColumn[]): string {
  const legend = [
    '| provider | backend | honours `random` | extractable by default |',
    '| --- | --- | --- | --- |',
    ...columns.map((c) => `| ${c.name} | ${c.source} | ${c.honoursRandom ? 'yes' : 'no'} | ${c.extractableByDefault ? 'yes' : 'no'} |`),
  ];
  return [
    '<!-- generated by `npm run matrix` from each provider\'s `supports` (capabilityMatrix); do not edit by hand -->',
    '',
    ...legend,
    '',
    'Which providers can do each operation (blank: keysmith does not define it for that spec and usage; `all`: every provider listed above):',
    '',
    ...operationsTable(columns),
    '',
    'Algorithms, per provider (`✓`: for every spec the algorithm applies to; otherwise the specs it works for, or does not; for wrapping algorithms, the spec of the key wrapped):',
    '',
    ...algorithmTable(columns),
  ].join('\n');
}

/** `readme` with the text between the markers replaced by `rendered`. */
export function replaceMatrix(readme: string, rendered: string): string {
  return replaceSection(readme, START, END, rendered);
}

export { README };

async function main(): Promise<void> {
  updateSection({ start: START, end: END, rendered: renderCapabilityMatrix(await readColumns()), what: 'capability matrix', command: 'npm run matrix' });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
