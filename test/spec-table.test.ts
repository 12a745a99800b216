import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { END, README, START, renderSpecTable, replaceSpecTable } from '../scripts/spec-table.js';
import { specs } from '../src/registry/specs.js';
import { namesOf } from '../src/registry/lookup.js';

describe('README spec table', () => {
  it('holds exactly what `npm run spec-table` renders from the registry', () => {
    const readme = readFileSync(README, 'utf8');
    const rendered = renderSpecTable();
    expect(readme.slice(readme.indexOf(START) + START.length, readme.indexOf(END))).toBe(`\n${rendered}\n`);
    expect(replaceSpecTable(readme, rendered)).toBe(readme);
  });

  it('has one row per registry spec, in registry order, each with every cloud name', () => {
    const rows = renderSpecTable().split('\n').filter((l) => l.startsWith('| `'));
    expect(rows.map((r) => /^\| `([^`]+)`/.exec(r)![1])).toEqual(specs.map((s) => s.name));
    for (const [i, s] of specs.entries()) for (const n of namesOf(s)) expect(rows[i], `${s.name} ${n.cloud}`).toContain(`\`${n.name}\``);
  });

  it('refuses a README without the markers', () => {
    expect(() => replaceSpecTable('# no table here', 'x')).toThrow(/spec-table:start/);
  });
});
