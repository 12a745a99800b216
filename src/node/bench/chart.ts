import type { BenchRow } from './run.js';
import { fmt } from './format.js';

const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#17becf', '#7f7f7f'];

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * A horizontal bar chart of mean time per key, one group per spec and one bar per backend, on a log scale
 * (keygen times span six decades, from AES to pure-JS RSA-4096). Plain SVG, no dependency.
 */
export function renderChart(rows: readonly BenchRow[], title = 'Key generation: mean time per key (log scale, shorter is faster)'): string {
  const backends = [...new Set(rows.map((r) => r.backend))];
  const color = new Map(backends.map((b, i) => [b, PALETTE[i % PALETTE.length]!]));
  const specs = [...new Set(rows.map((r) => r.spec))];
  const lo = Math.floor(Math.log10(Math.min(...rows.map((r) => r.meanMs))));
  const hi = Math.ceil(Math.log10(Math.max(...rows.map((r) => r.meanMs))));
  const left = 90, right = 110, plotW = 560, bar = 11, gap = 2, groupGap = 10, top = 40;
  const x = (ms: number) => left + ((Math.log10(ms) - lo) / Math.max(1, hi - lo)) * plotW;

  const out: string[] = [];
  let y = top;
  for (const spec of specs) {
    const group = rows.filter((r) => r.spec === spec);
    const h = group.length * (bar + gap);
    out.push(`<text x="${left - 8}" y="${y + h / 2 + 4}" text-anchor="end" font-weight="bold">${esc(spec)}</text>`);
    for (const r of group) {
      const w = Math.max(1, x(r.meanMs) - left);
      out.push(
        `<rect x="${left}" y="${y}" width="${w.toFixed(1)}" height="${bar}" fill="${color.get(r.backend)}"><title>${esc(`${r.backend}: ${fmt(r.meanMs)} ms`)}</title></rect>`,
        `<text x="${(left + w + 4).toFixed(1)}" y="${y + bar - 2}" font-size="10">${fmt(r.meanMs)} ms</text>`,
      );
      y += bar + gap;
    }
    y += groupGap;
  }
  const plotBottom = y;
  const axis: string[] = [];
  for (let e = lo; e <= hi; e++) {
    const xx = x(10 ** e).toFixed(1);
    axis.push(
      `<line x1="${xx}" y1="${top - 6}" x2="${xx}" y2="${plotBottom}" stroke="#ddd"/>`,
      `<text x="${xx}" y="${plotBottom + 14}" text-anchor="middle" font-size="10">${e >= 0 ? 10 ** e : `0.${'0'.repeat(-e - 1)}1`} ms</text>`,
    );
  }
  const legendY = plotBottom + 34;
  const legend = backends.map((b, i) => {
    const lx = left + (i % 3) * 200, ly = legendY + Math.floor(i / 3) * 16;
    return `<rect x="${lx}" y="${ly - 9}" width="10" height="10" fill="${color.get(b)}"/><text x="${lx + 14}" y="${ly}" font-size="11">${esc(b)}</text>`;
  });
  const height = legendY + Math.ceil(backends.length / 3) * 16 + 8;
  const width = left + plotW + right;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="${left}" y="20" font-size="14" font-weight="bold">${esc(title)}</text>`,
    ...axis,
    ...out,
    ...legend,
    '</svg>',
    '',
  ].join('\n');
}
