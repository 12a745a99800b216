import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  END, MATRIX_PROVIDERS, README, START, readColumns, renderCapabilityMatrix, replaceMatrix, type MatrixColumn, type MatrixProvider,
} from '../scripts/capability-matrix.js';
import { PureProvider } from '../src/provider/pure/provider.js';
import { providerFixtures } from './helpers/providers.js';

class NothingProvider extends PureProvider {
  override readonly name: string = 'nothing';
  override supports(): boolean {
    return false;
  }
}

/** A pure provider that drops one algorithm and one operation, to see the cells follow `supports`. */
class PartialProvider extends PureProvider {
  override readonly name: string = 'partial';
  override supports(...args: Parameters<PureProvider['supports']>): boolean {
    const [spec, usage, op, alg] = args;
    if (alg === 'RSAES_PKCS1_V1_5' && op === 'unwrap') return false;
    if (spec.name === 'SM4' && op === 'key-check-value') return false;
    if (alg === 'ECDSA_SHA_256' && spec.name === 'EC_P256K') return false;
    return super.supports(spec, usage, op, alg);
  }
}

const entry = (name: string, make: () => PureProvider): MatrixProvider => ({ name, source: name, open: async () => ({ provider: make(), close: async () => {} }) });

describe('capability matrix', () => {
  it('README.md holds exactly what `npm run matrix` renders from the providers present', async () => {
    const readme = readFileSync(README, 'utf8');
    expect(readme).toContain(START);
    expect(readme).toContain(END);
    const rendered = renderCapabilityMatrix(await readColumns());
    expect(readme.slice(readme.indexOf(START) + START.length, readme.indexOf(END))).toBe(`\n${rendered}\n`);
    expect(replaceMatrix(readme, rendered)).toBe(readme);
  });

  it('has a column for every provider the conformance suite runs', () => {
    expect(MATRIX_PROVIDERS.map((p) => p.name).sort()).toEqual(providerFixtures.map((f) => f.name).sort());
  });

  it('each column is read from that provider: its flags, its operations, its algorithms', async () => {
    const [pure, nothing, partial] = (await readColumns([entry('pure', () => new PureProvider()), entry('nothing', () => new NothingProvider()), entry('partial', () => new PartialProvider())])) as [MatrixColumn, MatrixColumn, MatrixColumn];
    expect(pure.honoursRandom).toBe(true);
    const md = renderCapabilityMatrix([pure, nothing, partial]);
    expect(md).toContain('| nothing | nothing | yes | yes |');
    // SM4's KCV: only pure (partial dropped it, nothing has nothing)
    expect(md).toMatch(/\| SM4 \| ENCRYPT_DECRYPT \| pure, partial \| pure, partial \|  \| pure, partial \|.*\| pure \| — \|/);
    expect(md).toContain('| `RSAES_PKCS1_V1_5` | wrap / unwrap | ✓ | — | wrap: ✓; unwrap: — |');
    expect(md).toContain('| `ECDSA_SHA_256` | sign / verify | ✓ | — | EC_P256 |');
    expect(md).toContain('| `AES_KWP` | wrap / unwrap | ✓ | — | ✓ |');
    expect(renderCapabilityMatrix([pure])).toContain('| AES_256 | ENCRYPT_DECRYPT | pure | pure |');
    expect(renderCapabilityMatrix([pure, partial])).toContain('| AES_256 | ENCRYPT_DECRYPT | all | all |');
  });

  it('a README whose section was edited by hand no longer matches; one without markers is an error', () => {
    const readme = `intro\n${START}\nstale\n${END}\nafter\n`;
    expect(replaceMatrix(readme, 'fresh')).toBe(`intro\n${START}\nfresh\n${END}\nafter\n`);
    expect(replaceMatrix(readme, 'fresh')).not.toBe(readme);
    expect(() => replaceMatrix('no markers here', 'x')).toThrow(/capability-matrix/);
  });
});
