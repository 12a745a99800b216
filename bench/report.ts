// The bench report: keysmith (every provider in PROVIDERS) next to OpenSSL and the pure-JS libraries, for
// every spec, plus batch/pool scale figures. Writes bench/results.json, bench/results.md and bench/keygen.svg.
// Runs the built dist/ (worker threads load dist/node/worker.js): `npm run build` first (`npm run bench` does).
//   tsx bench/report.ts [--quick] [--spec NAME]... [--no-scale] [--write]
//   tsx bench/report.ts --render     (re-renders results.md and keygen.svg from results.json, no run)
// A --quick run prints its tables and writes nothing unless --write is given.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { fmt } from '../src/node/bench/format.js';

const dist = resolve(import.meta.dirname, '../dist/node/bench/index.js');
const core = (await import(pathToFileURL(dist).href)) as typeof import('../src/node/bench/index.js');

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    spec: { type: 'string', multiple: true },
    'no-scale': { type: 'boolean', default: false },
    write: { type: 'boolean', default: false },
    render: { type: 'boolean', default: false },
  },
});
const quick = values.quick!;
const here = (f: string) => resolve(import.meta.dirname, f);

type Saved = import('../src/node/bench/index.js').BenchResult & { scale?: import('../src/node/bench/index.js').ScaleResult };
const saved: Saved | undefined = values.render ? JSON.parse(readFileSync(here('results.json'), 'utf8')) : undefined;
const result = saved ?? await core.runBench({
  quick,
  ...(values.spec ? { specs: values.spec } : {}),
  onSpec: (spec, rows) => console.error(`${spec}: ${rows.map((r) => `${r.backend} ${fmt(r.meanMs)} ms`).join(', ')}`),
});
const scale = saved ? saved.scale : values['no-scale'] ? undefined : await core.runScale({ quick });

const md: string[] = [core.formatBenchTable(result)];
if (result.skipped.length > 0) md.push('', ...result.skipped.map((s) => `- ${s.spec}, ${s.backend}: not supported (${s.reason})`), '');
if (scale) {
  md.push(
    '',
    '| batch (`generateKeys`) | workers | keys | seconds | keys/s | cores the process got |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...scale.throughput.map((t) => `| ${t.spec} | ${t.concurrency} | ${t.keys} | ${fmt(t.seconds)} | ${fmt(t.perSecond)} | ${t.coresUsed === undefined ? '—' : fmt(t.coresUsed)} |`),
    '',
    ...scale.speedup.map((s) => `- ${s.spec}: ${s.concurrency} workers give ${fmt(s.speedup)}× the keys/s of one.`),
    ...scale.importMs.map((s) => `- ${s.spec}: the main thread spends ${fmt(s.medianMs)} ms (median) importing each batched key (validation + PCT).`),
    '',
    '| pool (`createKeyPool`) | size | takes | take() median ms | p95 ms | max ms |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...scale.take.map((t) => `| ${t.spec} | ${t.size} | ${t.takes} | ${fmt(t.medianMs)} | ${fmt(t.p95Ms)} | ${fmt(t.maxMs)} |`),
    '',
  );
}
const markdown = md.join('\n');
console.log(markdown);

if (!quick || values.write || values.render) {
  if (!saved) writeFileSync(here('results.json'), JSON.stringify({ ...result, scale }, null, 2) + '\n');
  writeFileSync(here('results.md'), markdown);
  writeFileSync(here('keygen.svg'), core.renderChart(result.rows));
  console.error('wrote bench/results.json, bench/results.md, bench/keygen.svg');
}
