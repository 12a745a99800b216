// The bench core: `npm run bench` (bench/report.ts) and `keysmith bench` call these.
export { runBench, PROVIDERS } from './run.js';
export type { BenchOptions, BenchProvider, BenchResult, BenchRow } from './run.js';
export { formatBenchTable, formatMachine } from './format.js';
export { renderChart } from './chart.js';
export { runScale } from './scale.js';
export type { ScaleResult, ThroughputRow } from './scale.js';
export type { Machine } from './machine.js';
