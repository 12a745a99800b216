import { describeValue, fail, KeysmithError } from '../errors.js';
import { getSpec, lookupCloudName, resolveUsage } from './lookup.js';
import type { CloudName, KeySpec, SymmetricSpec, Usage } from '../model/spec.js';
import type { SymmetricSpecName } from './names.js';

/** @deprecated Use `CloudName`. Kept for one release (0.x); removed in the next. */
export type Dialect = CloudName;

export interface CreateKeyOptions {
  /**
   * The spec a cloud's generic symmetric request creates: `AES_256` (default) or `SM4`, as in the SM
   * regions (Tencent's ENCRYPT_DECRYPT, AWS's SYMMETRIC_DEFAULT in China regions, omitted KeySpec).
   */
  readonly symmetricDefault?: SymmetricSpecName | SymmetricSpec | (string & {}) | undefined;
}

export interface CreateKeyResult {
  readonly spec: KeySpec;
  readonly usage: Usage;
}

type Request = Readonly<Record<string, unknown>>;

interface SplitDialect {
  readonly kind: 'split';
  /** Parameter names that carry the spec, first match wins (AWS keeps the deprecated name). */
  readonly specParams: readonly string[];
  readonly usageParam: string;
  /** The cloud's spellings of each usage; anything else is rejected. */
  readonly usageValues: Readonly<Record<string, Usage>>;
  /** Spec values that mean "the symmetric default"; also used when the spec parameter is absent. */
  readonly symmetricDefaultValues: readonly string[];
  /** The usage when the request names none: fixed, or by key family (Huawei). */
  readonly defaultUsage: Usage | 'by-family';
}

/** Tencent's KeyUsage names spec and usage together. */
interface CombinedDialect {
  readonly kind: 'combined';
  readonly params: readonly string[];
  readonly symmetricValues: readonly string[];
}

// Parameter names and defaults as each cloud's CreateKey page states them (see ../shared/seeds/).
const dialects = Object.freeze({
  tencent: {
    kind: 'combined',
    // `KeyUsage` (API 2019-01-18) and the legacy v2 API's `keyUsage`.
    params: ['KeyUsage', 'keyUsage'],
    symmetricValues: ['ENCRYPT_DECRYPT', 'ENCRYPT/DECRYPT'],
  },
  aliyun: {
    kind: 'split',
    specParams: ['KeySpec'],
    usageParam: 'KeyUsage',
    usageValues: { 'ENCRYPT/DECRYPT': 'ENCRYPT_DECRYPT', 'SIGN/VERIFY': 'SIGN_VERIFY' },
    symmetricDefaultValues: [],
    defaultUsage: 'ENCRYPT_DECRYPT',
  },
  huawei: {
    kind: 'split',
    specParams: ['key_spec'],
    usageParam: 'key_usage',
    usageValues: { ENCRYPT_DECRYPT: 'ENCRYPT_DECRYPT', SIGN_VERIFY: 'SIGN_VERIFY' },
    symmetricDefaultValues: [],
    defaultUsage: 'by-family',
  },
  aws: {
    kind: 'split',
    specParams: ['KeySpec', 'CustomerMasterKeySpec'],
    usageParam: 'KeyUsage',
    usageValues: { ENCRYPT_DECRYPT: 'ENCRYPT_DECRYPT', SIGN_VERIFY: 'SIGN_VERIFY' },
    symmetricDefaultValues: ['SYMMETRIC_DEFAULT'],
    defaultUsage: 'ENCRYPT_DECRYPT',
  },
} satisfies Partial<Record<CloudName, SplitDialect | CombinedDialect>>) as Readonly<Record<CreateKeyCloud, SplitDialect | CombinedDialect>>;

/** The clouds whose CreateKey request fromCreateKey reads (every CloudName but GCP so far). */
type CreateKeyCloud = 'aliyun' | 'aws' | 'huawei' | 'tencent';

function param(request: Request, name: string): string | undefined {
  let v: unknown;
  try {
    // own members only: a polluted Object.prototype must not fill in a request parameter
    v = Object.hasOwn(request, name) ? request[name] : undefined;
  } catch (e) {
    return fail('INVALID_ARGUMENT', `${name} could not be read`, e);
  }
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') fail('INVALID_ARGUMENT', `${name} must be a string`);
  return v;
}

/** The registry's resolveUsage (the one place that knows implied usages), with the request's parameter named. */
function checkUsage(spec: KeySpec, usage: Usage | undefined, impliedUsage: Usage | undefined, paramName: string): CreateKeyResult {
  try {
    return { spec, usage: resolveUsage(spec, usage, impliedUsage) };
  } catch (e) {
    if (e instanceof KeysmithError) throw new KeysmithError(e.code, `${paramName}: ${e.message}`);
    throw e;
  }
}

function symmetricDefault(options: CreateKeyOptions | undefined): KeySpec {
  let name: unknown;
  try {
    name = options?.symmetricDefault ?? 'AES_256';
  } catch (e) {
    return fail('INVALID_ARGUMENT', 'symmetricDefault could not be read', e);
  }
  let spec: KeySpec;
  try {
    spec = getSpec(name as string);
  } catch (e) {
    throw new KeysmithError('INVALID_ARGUMENT', `symmetricDefault: unknown spec ${describeValue(name)}`, { cause: e });
  }
  if (spec.family !== 'symmetric') fail('INVALID_ARGUMENT', 'symmetricDefault must name a symmetric spec');
  return spec;
}

/**
 * Maps a CreateKey request, in a cloud's own parameter names, to the spec and usage to generate.
 * Throws a KeysmithError naming the offending parameter; a disallowed usage is an error, never fixed up.
 */
export function fromCreateKey(dialect: CreateKeyCloud, request: Request, options?: CreateKeyOptions): CreateKeyResult {
  const d = typeof dialect === 'string' && Object.hasOwn(dialects, dialect) ? dialects[dialect] : undefined;
  if (!d) fail('INVALID_ARGUMENT', `unknown dialect ${describeValue(dialect)}; known: ${Object.keys(dialects).join(', ')}`);
  if (typeof request !== 'object' || request === null || Array.isArray(request)) fail('INVALID_ARGUMENT', 'request must be an object');

  if (d.kind === 'combined') {
    const [name, value] = d.params.map((p) => [p, param(request, p)] as const).find(([, v]) => v !== undefined) ?? [d.params[0]!, undefined];
    if (value === undefined || d.symmetricValues.includes(value)) return { spec: symmetricDefault(options), usage: 'ENCRYPT_DECRYPT' };
    const hit = lookupCloudName(dialect, value);
    if (!hit?.usage) fail('UNKNOWN_SPEC', `${name}: unknown value ${describeValue(value)}`);
    return checkUsage(hit.spec, undefined, hit.usage, name);
  }

  const specParam = d.specParams.find((p) => param(request, p) !== undefined) ?? d.specParams[0]!;
  const specValue = param(request, specParam);
  let spec: KeySpec;
  let impliedUsage: Usage | undefined;
  if (specValue === undefined || d.symmetricDefaultValues.includes(specValue)) {
    spec = symmetricDefault(options);
  } else {
    const hit = lookupCloudName(dialect, specValue);
    if (!hit) fail('UNKNOWN_SPEC', `${specParam}: unknown or unsupported key spec ${describeValue(specValue, 32)}`);
    spec = hit.spec;
    impliedUsage = hit.usage;
  }

  const usageValue = param(request, d.usageParam);
  let usage: Usage;
  if (usageValue === undefined) {
    if (impliedUsage !== undefined) return checkUsage(spec, undefined, impliedUsage, specParam);
    usage = d.defaultUsage === 'by-family' ? (spec.family === 'symmetric' ? 'ENCRYPT_DECRYPT' : 'SIGN_VERIFY') : d.defaultUsage;
  } else {
    const mapped = Object.hasOwn(d.usageValues, usageValue) ? d.usageValues[usageValue] : undefined;
    if (!mapped) fail('INVALID_USAGE', `${d.usageParam}: unknown or unsupported value ${describeValue(usageValue, 32)}`);
    usage = mapped;
  }
  return checkUsage(spec, usage, impliedUsage, usageValue === undefined ? `${d.usageParam} (default)` : d.usageParam);
}

/** The clouds fromCreateKey knows: `aliyun`, `aws`, `huawei`, `tencent`. */
export const dialectNames: readonly CreateKeyCloud[] = Object.freeze(Object.keys(dialects) as CreateKeyCloud[]);
