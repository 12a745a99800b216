import type { Machine } from './machine.js';
import type { BenchResult, BenchRow } from './run.js';

/** Three significant figures, no exponent. */
export function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const digits = Math.max(0, 2 - Math.floor(Math.log10(Math.abs(x))));
  return x.toFixed(Math.min(digits, 4));
}

export function formatMachine(m: Machine): string {
  const load = m.loadEnd === undefined ? `${m.loadStart}` : `${m.loadStart} → ${m.loadEnd}`;
  return `${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.platform}, Node ${m.node}; 1-min load average ${load}`;
}

/**
 * The Markdown table of a run: time per key, keys per second, and the ratio to the reference (OpenSSL via
 * node:crypto; crypto.getRandomValues for secret keys) measured in the same run. Ratio < 1: faster.
 */
export function formatBenchTable(result: Pick<BenchResult, 'machine' | 'rows' | 'quick'>): string {
  const head = [
    `Machine: ${formatMachine(result.machine)}${result.quick ? ' (quick run: few samples, not figures to quote)' : ''}`,
    '',
    '| spec | backend | work per key | samples | mean ms | median ms | p95 ms | keys/s | time ÷ reference |',
    '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  const line = (r: BenchRow) =>
    `| ${r.spec} | ${r.keysmith ? `**${r.backend}**` : r.backend} | ${r.work} | ${r.samples} | ${fmt(r.meanMs)} | ${fmt(r.medianMs)} | ${fmt(r.p95Ms)} | ${fmt(r.perSecond)} | ${r.backend === r.reference ? '1 (reference)' : `${fmt(r.ratio)}×`} |`;
  return [...head, ...result.rows.map(line)].join('\n') + '\n';
}
