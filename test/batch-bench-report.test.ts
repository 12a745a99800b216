import { describe, expect, it } from 'vitest';
import { runBench, formatBenchTable, renderChart, PROVIDERS, type BenchRow } from '../src/node/bench/index.js';
import { KeysmithError, pureProvider, type KeyMaterialProvider } from '../src/index.js';

// The bench core's shape, not its timings: timing stays out of the test suite.
describe('the bench report machinery', () => {
  it('runs keysmith and the reference for a spec, skips a provider that refuses it, and formats both', async () => {
    const refusing: KeyMaterialProvider = Object.assign(Object.create(pureProvider) as KeyMaterialProvider, {
      name: 'refusing',
      generateSecret: async () => {
        throw new KeysmithError('UNSUPPORTED', 'refusing provider makes no AES keys');
      },
    });
    const result = await runBench({ specs: ['Aliyun_AES_256'], quick: true, providers: [...PROVIDERS, { name: 'refusing', provider: refusing }] });
    expect(result.rows.map((r) => r.backend)).toEqual(['keysmith pure', 'keysmith node', 'crypto.getRandomValues']);
    expect(result.skipped).toEqual([{ spec: 'AES_256', backend: 'keysmith refusing', reason: 'refusing provider makes no AES keys' }]);
    const [ours, , ref] = result.rows as [BenchRow, BenchRow, BenchRow];
    expect(ref.ratio).toBe(1);
    expect(ours.ratio).toBeCloseTo(ours.meanMs / ref.meanMs, 12);
    for (const r of result.rows) {
      expect(r.samples).toBeGreaterThanOrEqual(5);
      expect(r.medianMs).toBeLessThanOrEqual(r.p95Ms);
      expect(r.perSecond).toBeCloseTo(1000 / r.meanMs, 6);
    }
    expect(result.machine.cores).toBeGreaterThan(0);
    expect(result.machine.node).toBe(process.version);
    expect(result.machine.loadEnd).toBeTypeOf('number');

    const md = formatBenchTable(result).split('\n');
    expect(md[0]).toMatch(/^Machine: .+, \d+ cores, .*Node v\d+.*quick run/);
    expect(md.filter((l) => l.startsWith('| AES_256 |'))).toHaveLength(3);
    expect(md.find((l) => l.includes('crypto.getRandomValues'))).toContain('1 (reference)');
  });

  it('the RSA peers include pure-JS node-forge and the EC peers noble and sm-crypto', async () => {
    const { peersFor } = await import('../src/node/bench/peers.js');
    const { getSpec } = await import('../src/index.js');
    const names = async (s: string) => (await peersFor(getSpec(s))).map((p) => p.name);
    expect(await names('RSA_4096')).toEqual(['OpenSSL (node:crypto)', 'node-forge']);
    expect(await names('EC_P384')).toEqual(['OpenSSL (node:crypto)', '@noble/curves']);
    expect(await names('EC_P256K')).toEqual(['OpenSSL (node:crypto)', '@noble/curves']);
    expect(await names('SM2')).toEqual(['OpenSSL (node:crypto)', 'sm-crypto']);
    // each EC peer does keysmith's PCT work and checks its own signature
    for (const p of await peersFor(getSpec('SM2'))) expect(() => p.run()).not.toThrow();
    for (const p of await peersFor(getSpec('EC_P256K'))) expect(() => p.run()).not.toThrow();
  });

  it('every registry spec has exactly one reference peer (ML-DSA / ML-KEM: @noble/post-quantum, OpenSSL 3.0 has neither)', async () => {
    const { peersFor } = await import('../src/node/bench/peers.js');
    const { specs } = await import('../src/registry/specs.js');
    for (const spec of specs) expect((await peersFor(spec)).filter((p) => p.reference), spec.name).toHaveLength(1);
    for (const name of ['ML_DSA_44', 'ML_KEM_768']) {
      const { getSpec } = await import('../src/index.js');
      const peers = await peersFor(getSpec(name));
      expect(peers.map((p) => p.name)).toEqual(['@noble/post-quantum']);
      for (const p of peers) expect(() => p.run()).not.toThrow();
    }
  });

  it('draws one bar per row on a log axis, labels escaped', () => {
    const row = (spec: string, backend: string, meanMs: number): BenchRow => ({
      spec, backend, keysmith: backend.startsWith('keysmith'), work: 'w', samples: 1, meanMs, medianMs: meanMs, p95Ms: meanMs,
      perSecond: 1000 / meanMs, ratio: 1, reference: 'OpenSSL (node:crypto)',
    });
    const svg = renderChart([row('RSA_2048', 'keysmith pure', 150), row('RSA_2048', 'OpenSSL (node:crypto)', 100), row('AES_256', 'a<b>&"c"', 0.004)]);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg.match(/<rect x="\d+" y="\d+" width="[\d.]+" height="11"/g)).toHaveLength(3);
    expect(svg).toContain('a&lt;b&gt;&amp;&quot;c&quot;');
    expect(svg).not.toContain('a<b>');
    // log scale: 150 ms and 100 ms differ by log10(1.5) of a decade, not by half the axis
    const widths = [...svg.matchAll(/<rect x="\d+" y="\d+" width="([\d.]+)" height="11"/g)].map((m) => Number(m[1]));
    const decade = (widths[0]! - widths[2]!) / Math.log10(150 / 0.004);
    expect(widths[0]! - widths[1]!).toBeCloseTo(decade * Math.log10(1.5), 0);
    for (const label of ['0.001 ms', '1 ms', '1000 ms']) expect(svg).toContain(`>${label}<`);
  });
});
