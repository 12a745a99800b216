import { describeValue, fail, isKeysmithError, KeysmithError } from '../errors.js';
import { specs } from '../registry/specs.js';
import { namesOf, resolveSpecName, resolveUsage, type ResolvedSpecName } from '../registry/lookup.js';
import type { KeySpec, Usage } from '../model/spec.js';
import { KEY_FORMATS, type KeyFormat } from '../encoding/formats.js';

/** Optimal string alignment distance (Damerau–Levenshtein with adjacent transpositions). */
export function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** The names closest to `given` among every name the registry answers to, case folded first. */
export function nearestSpecNames(given: string, max = 3): string[] {
  const names = [...new Set(specs.flatMap((s) => [s.name, ...namesOf(s).map((n) => n.name)]))];
  const g = given.toUpperCase().replace(/[-\s]/g, '_');
  const limit = Math.max(2, Math.floor(g.length / 4));
  return names
    .map((n) => ({ n, d: distance(g, n.toUpperCase()) }))
    .filter((x) => x.d <= limit)
    .sort((x, y) => x.d - y.d || x.n.localeCompare(y.n))
    .slice(0, max)
    .map((x) => x.n);
}

/**
 * A spec name as the user typed it, resolved by the registry (resolveSpecName), keeping the usage a cloud's
 * name implies (Tencent's ASYMMETRIC_DECRYPT_SM2 is an ENCRYPT_DECRYPT SM2 key). An unknown name gets the
 * nearest names and `keysmith specs` in its message.
 */
export function specArg(label: string, name: string): ResolvedSpecName {
  try {
    return resolveSpecName(name);
  } catch (e) {
    if (!isKeysmithError(e, 'UNKNOWN_SPEC')) throw e;
    const near = nearestSpecNames(name);
    const hint = near.length > 0 ? `; did you mean ${near.join(' or ')}?` : '';
    throw new KeysmithError('UNKNOWN_SPEC', `${label}: unknown key spec ${describeValue(name)}${hint} (\`keysmith specs\` lists them all)`, { cause: e });
  }
}

/** specArg, then the usage: --usage if given (INVALID_USAGE if it conflicts with the name's), else the name's, else the spec's default. */
export function specAndUsageArg(label: string, name: string, usage: string | undefined): { spec: KeySpec; usage: Usage } {
  const { spec, impliedUsage } = specArg(label, name);
  return { spec, usage: resolveUsage(spec, usage, impliedUsage) };
}

/** A format option, checked before any work, repeating the value given when it is unknown. */
export function formatArg(label: string, value: string): KeyFormat {
  if (!(KEY_FORMATS as readonly string[]).includes(value)) {
    fail('INVALID_ARGUMENT', `${label}: unknown format ${describeValue(value, 32)}; known: ${KEY_FORMATS.join(', ')}`);
  }
  return value as KeyFormat;
}

/** DER and raw formats are bytes; the rest (PEM, JWK) are text. */
export function isBinaryFormat(format: KeyFormat): boolean {
  return format.endsWith('-der') || format === 'raw' || format === 'raw-public';
}
