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

/**
 * GCP's CreateCryptoKey: `purpose` plus `versionTemplate.algorithm` (a CryptoKeyVersionAlgorithm, which names
 * spec and usage together). Each purpose takes the algorithms whose names start with its prefixes
 * (google.cloud.kms.v1 CryptoKeyVersionAlgorithm: "Algorithms beginning with RSA_SIGN_ are usable with
 * purpose ASYMMETRIC_SIGN", …).
 */
interface PurposeDialect {
  readonly kind: 'purpose';
  readonly purposeParam: string;
  readonly templateParam: string;
  readonly algorithmParam: string;
  readonly purposes: Readonly<Record<string, { readonly usage: Usage; readonly prefixes: readonly string[]; readonly defaultAlgorithm?: string }>>;
}

// Parameter names and defaults as each cloud's CreateKey page states them (see ../shared/seeds/).
const dialects: Readonly<Record<CreateKeyCloud, SplitDialect | CombinedDialect | PurposeDialect>> = Object.freeze({
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
    usageValues: { ENCRYPT_DECRYPT: 'ENCRYPT_DECRYPT', SIGN_VERIFY: 'SIGN_VERIFY', GENERATE_VERIFY_MAC: 'GENERATE_VERIFY_MAC' },
    symmetricDefaultValues: [],
    defaultUsage: 'by-family',
  },
  aws: {
    kind: 'split',
    specParams: ['KeySpec', 'CustomerMasterKeySpec'],
    usageParam: 'KeyUsage',
    // HMAC specs allow only GENERATE_VERIFY_MAC and the registry gives KEY_AGREEMENT only to the NIST curves and
    // SM2, so AWS's rules (HMAC needs GENERATE_VERIFY_MAC; no KEY_AGREEMENT on secp256k1) are resolveUsage's.
    usageValues: {
      ENCRYPT_DECRYPT: 'ENCRYPT_DECRYPT', SIGN_VERIFY: 'SIGN_VERIFY', GENERATE_VERIFY_MAC: 'GENERATE_VERIFY_MAC', KEY_AGREEMENT: 'KEY_AGREEMENT',
      ENCAPSULATE_DECAPSULATE: 'ENCAPSULATE_DECAPSULATE',
    },
    symmetricDefaultValues: ['SYMMETRIC_DEFAULT'],
    defaultUsage: 'ENCRYPT_DECRYPT',
  },
  gcp: {
    kind: 'purpose',
    purposeParam: 'purpose',
    templateParam: 'versionTemplate',
    algorithmParam: 'algorithm',
    purposes: {
      // CryptoKeyVersionTemplate.algorithm: GOOGLE_SYMMETRIC_ENCRYPTION is implied when omitted with ENCRYPT_DECRYPT
      ENCRYPT_DECRYPT: { usage: 'ENCRYPT_DECRYPT', prefixes: ['GOOGLE_SYMMETRIC_ENCRYPTION'], defaultAlgorithm: 'GOOGLE_SYMMETRIC_ENCRYPTION' },
      RAW_ENCRYPT_DECRYPT: { usage: 'ENCRYPT_DECRYPT', prefixes: ['AES_'] },
      ASYMMETRIC_SIGN: { usage: 'SIGN_VERIFY', prefixes: ['RSA_SIGN_', 'EC_SIGN_', 'PQ_SIGN_'] },
      ASYMMETRIC_DECRYPT: { usage: 'ENCRYPT_DECRYPT', prefixes: ['RSA_DECRYPT_'] },
      MAC: { usage: 'GENERATE_VERIFY_MAC', prefixes: ['HMAC_'] },
    },
  },
});

/** The clouds whose CreateKey request fromCreateKey reads: every CloudName. */
type CreateKeyCloud = CloudName;

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

  if (d.kind === 'purpose') return fromPurpose(d, request);

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
    usage = d.defaultUsage === 'by-family' ? byFamily(spec) : d.defaultUsage;
  } else {
    const mapped = Object.hasOwn(d.usageValues, usageValue) ? d.usageValues[usageValue] : undefined;
    if (!mapped) fail('INVALID_USAGE', `${d.usageParam}: unknown or unsupported value ${describeValue(usageValue, 32)}`);
    usage = mapped;
  }
  return checkUsage(spec, usage, impliedUsage, usageValue === undefined ? `${d.usageParam} (default)` : d.usageParam);
}

/** Huawei: ENCRYPT_DECRYPT for symmetric keys, GENERATE_VERIFY_MAC for HMAC keys, SIGN_VERIFY for key pairs. */
function byFamily(spec: KeySpec): Usage {
  if (spec.family !== 'symmetric') return 'SIGN_VERIFY';
  return spec.algorithm === 'HMAC' ? 'GENERATE_VERIFY_MAC' : 'ENCRYPT_DECRYPT';
}

function fromPurpose(d: PurposeDialect, request: Request): CreateKeyResult {
  const purposeValue = param(request, d.purposeParam);
  if (purposeValue === undefined) fail('INVALID_ARGUMENT', `${d.purposeParam} is required`);
  const purpose = Object.hasOwn(d.purposes, purposeValue) ? d.purposes[purposeValue] : undefined;
  if (!purpose) fail('INVALID_USAGE', `${d.purposeParam}: unknown or unsupported value ${describeValue(purposeValue, 32)}`);
  let template: unknown;
  try {
    template = Object.hasOwn(request, d.templateParam) ? request[d.templateParam] : undefined;
  } catch (e) {
    return fail('INVALID_ARGUMENT', `${d.templateParam} could not be read`, e);
  }
  if (template !== undefined && template !== null && (typeof template !== 'object' || Array.isArray(template))) {
    fail('INVALID_ARGUMENT', `${d.templateParam} must be an object`);
  }
  const where = `${d.templateParam}.${d.algorithmParam}`;
  let algorithm: string | undefined;
  try {
    algorithm = template ? param(template as Request, d.algorithmParam) : undefined;
  } catch (e) {
    if (e instanceof KeysmithError) throw new KeysmithError(e.code, `${d.templateParam}.${e.message}`);
    throw e;
  }
  algorithm ??= purpose.defaultAlgorithm;
  if (algorithm === undefined) fail('INVALID_ARGUMENT', `${where} is required for ${d.purposeParam} ${purposeValue}`);
  const hit = lookupCloudName('gcp', algorithm);
  if (!hit?.usage) fail('UNKNOWN_SPEC', `${where}: unknown or unsupported algorithm ${describeValue(algorithm, 40)}`);
  if (!purpose.prefixes.some((p) => algorithm.startsWith(p))) {
    fail('INVALID_USAGE', `${where}: ${algorithm} is not usable with ${d.purposeParam} ${purposeValue}`);
  }
  return checkUsage(hit.spec, purpose.usage, hit.usage, d.purposeParam);
}

/** The clouds fromCreateKey knows: `aliyun`, `aws`, `gcp`, `huawei`, `tencent`. */
export const dialectNames: readonly CreateKeyCloud[] = Object.freeze(Object.keys(dialects) as CreateKeyCloud[]);
