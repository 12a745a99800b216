import type { WrappingAlgorithmName } from './algorithms.js';
import type { Sm2Layout } from './sm2-layout.js';
import type { CloudName } from '../model/spec.js';

/** @deprecated Use `CloudName`. Kept for one release (0.x); removed in the next. */
export type ImportDialect = CloudName;

/** Which key material a cloud takes with an algorithm. */
export type MaterialClass = 'symmetric' | 'asymmetric' | 'any';

export interface CloudWrappingAlgorithm {
  /** The cloud's name for it (the value of its WrappingAlgorithm / wrapping_algorithm / importMethod). */
  readonly name: string;
  readonly algorithm: WrappingAlgorithmName;
  /** SM2 ciphertext layout the cloud uses. */
  readonly layout?: Sm2Layout;
  /** Cloud names of the wrapping key specs allowed with it (keys of `wrappingKeySpecs`). */
  readonly wrappingKeySpecs: readonly string[];
  readonly material: MaterialClass;
}

export interface DialectEntry {
  readonly name: CloudName;
  /** The cloud's wrapping-key spec names → keysmith spec names. */
  readonly wrappingKeySpecs: Readonly<Record<string, string>>;
  readonly algorithms: readonly CloudWrappingAlgorithm[];
  readonly defaults: { readonly wrappingKeySpec: string; readonly algorithm: string };
  /** How the cloud hands out the wrapping public key. */
  readonly publicKeyEncoding: 'base64-der' | 'pem';
  /** Where the names come from. */
  readonly sources: readonly string[];
  /** Choices keysmith made where the cloud's documentation is silent. Which specs a cloud imports is the registry's `imports`. */
  readonly notes: readonly string[];
}

const RSA_ALL = ['RSA_2048', 'RSA_3072', 'RSA_4096'] as const;

/**
 * Each cloud's import flow (GetParametersForImport → ImportKeyMaterial). Payload everywhere: the raw
 * bytes of a symmetric key, PKCS#8 DER of an asymmetric private key, except Alibaba's SM2PKE_SM4_ECB,
 * which carries the raw 32-byte SM2 private scalar.
 *
 * `as const`: the name types below (ImportCloud, DialectAlgorithmName, …) are read from it; keep entries literal.
 */
const table = [
  {
    name: 'aws',
    wrappingKeySpecs: { RSA_2048: 'RSA_2048', RSA_3072: 'RSA_3072', RSA_4096: 'RSA_4096', SM2: 'SM2' },
    algorithms: [
      // RSAES_OAEP_*: all key material except RSA private keys; RSA_AES_KEY_WRAP_*: everything.
      { name: 'RSAES_OAEP_SHA_1', algorithm: 'RSAES_OAEP_SHA_1', wrappingKeySpecs: RSA_ALL, material: 'any' },
      { name: 'RSAES_OAEP_SHA_256', algorithm: 'RSAES_OAEP_SHA_256', wrappingKeySpecs: RSA_ALL, material: 'any' },
      { name: 'RSA_AES_KEY_WRAP_SHA_1', algorithm: 'RSA_AES_KEY_WRAP_SHA_1', wrappingKeySpecs: RSA_ALL, material: 'any' },
      { name: 'RSA_AES_KEY_WRAP_SHA_256', algorithm: 'RSA_AES_KEY_WRAP_SHA_256', wrappingKeySpecs: RSA_ALL, material: 'any' },
      { name: 'SM2PKE', algorithm: 'SM2PKE', layout: 'C1C3C2_ASN1', wrappingKeySpecs: ['SM2'], material: 'any' },
    ],
    defaults: { wrappingKeySpec: 'RSA_4096', algorithm: 'RSA_AES_KEY_WRAP_SHA_256' },
    publicKeyEncoding: 'base64-der',
    sources: [
      'https://docs.aws.amazon.com/kms/latest/APIReference/API_GetParametersForImport.html',
      'https://docs.aws.amazon.com/kms/latest/developerguide/importing-keys-get-public-key-and-token.html',
      'https://docs.aws.amazon.com/kms/latest/developerguide/importing-keys-encrypt-key-material.html',
    ],
    notes: [
      'RSAES_PKCS1_V1_5 is left out: AWS stopped accepting it on 2023-10-10.',
      'SM2PKE (China Regions): layout C1C3C2_ASN1 (GM/T 0009 DER) is keysmith\'s choice; the API reference does not state it. Override with `layout`.',
    ],
  },
  {
    name: 'aliyun',
    wrappingKeySpecs: { RSA_2048: 'RSA_2048', EC_SM2: 'SM2' },
    algorithms: [
      { name: 'RSAES_PKCS1_V1_5', algorithm: 'RSAES_PKCS1_V1_5', wrappingKeySpecs: ['RSA_2048'], material: 'symmetric' },
      { name: 'RSAES_OAEP_SHA_1', algorithm: 'RSAES_OAEP_SHA_1', wrappingKeySpecs: ['RSA_2048'], material: 'symmetric' },
      { name: 'RSAES_OAEP_SHA_256', algorithm: 'RSAES_OAEP_SHA_256', wrappingKeySpecs: ['RSA_2048'], material: 'symmetric' },
      { name: 'SM2PKE', algorithm: 'SM2PKE', layout: 'C1C3C2', wrappingKeySpecs: ['EC_SM2'], material: 'symmetric' },
      {
        name: 'RSAES_OAEP_SHA_256_AES_256_ECB_PKCS7_PAD',
        algorithm: 'RSAES_OAEP_SHA_256_AES_256_ECB_PKCS7_PAD',
        wrappingKeySpecs: ['RSA_2048'],
        material: 'asymmetric',
      },
      { name: 'SM2PKE_SM4_ECB', algorithm: 'SM2PKE_SM4_ECB', layout: 'C1C3C2', wrappingKeySpecs: ['EC_SM2'], material: 'asymmetric' },
    ],
    defaults: { wrappingKeySpec: 'RSA_2048', algorithm: 'RSAES_OAEP_SHA_256' },
    publicKeyEncoding: 'base64-der',
    sources: [
      'https://help.aliyun.com/document_detail/68621.html (GetParametersForImport: RSA_2048 with RSAES_PKCS1_V1_5 / RSAES_OAEP_SHA_1 / RSAES_OAEP_SHA_256, EC_SM2 with SM2PKE)',
      'https://www.alibabacloud.com/help/en/kms/key-management-service/user-guide/import-key-material-into-an-asymmetric-key',
    ],
    notes: [
      'RSAES_OAEP_SHA_256_AES_256_ECB_PKCS7_PAD: RSA ciphertext (modulus length) first, then the AES-256-ECB/PKCS#7 ciphertext of the PKCS#8 DER.',
      'SM2PKE_SM4_ECB: SM2 ciphertext of the 16-byte SM4 key (raw C1C3C2, 113 bytes) first, then SM4-ECB of the 32-byte private scalar without padding (32 bytes are whole blocks).',
    ],
  },
  {
    name: 'tencent',
    wrappingKeySpecs: { RSA_2048: 'RSA_2048', SM2: 'SM2' },
    algorithms: [
      { name: 'RSAES_PKCS1_V1_5', algorithm: 'RSAES_PKCS1_V1_5', wrappingKeySpecs: ['RSA_2048'], material: 'symmetric' },
      { name: 'RSAES_OAEP_SHA_1', algorithm: 'RSAES_OAEP_SHA_1', wrappingKeySpecs: ['RSA_2048'], material: 'symmetric' },
      { name: 'RSAES_OAEP_SHA_256', algorithm: 'RSAES_OAEP_SHA_256', wrappingKeySpecs: ['RSA_2048'], material: 'symmetric' },
      { name: 'SM2', algorithm: 'SM2PKE', layout: 'C1C3C2', wrappingKeySpecs: ['SM2'], material: 'symmetric' },
      { name: 'C1C3C2_ASN1', algorithm: 'SM2PKE', layout: 'C1C3C2_ASN1', wrappingKeySpecs: ['SM2'], material: 'symmetric' },
    ],
    defaults: { wrappingKeySpec: 'RSA_2048', algorithm: 'RSAES_OAEP_SHA_256' },
    publicKeyEncoding: 'base64-der',
    sources: ['https://www.tencentcloud.com/document/product/1030/33536 (GetParametersForImport, API 2019-01-18)'],
    notes: ['Tencent imports key material into symmetric keys only.'],
  },
  {
    name: 'huawei',
    wrappingKeySpecs: { RSA_2048: 'RSA_2048', SM2: 'SM2' },
    algorithms: [
      { name: 'RSAES_OAEP_SHA_256', algorithm: 'RSAES_OAEP_SHA_256', wrappingKeySpecs: ['RSA_2048'], material: 'symmetric' },
      { name: 'SM2_ENCRYPT', algorithm: 'SM2PKE', layout: 'C1C3C2_ASN1', wrappingKeySpecs: ['SM2'], material: 'symmetric' },
    ],
    defaults: { wrappingKeySpec: 'RSA_2048', algorithm: 'RSAES_OAEP_SHA_256' },
    publicKeyEncoding: 'base64-der',
    sources: ['https://support.huaweicloud.com/intl/en-us/api-dew/CreateParametersForImport.html (POST /v1.0/{project_id}/kms/get-parameters-for-import)'],
    notes: [
      'The wrapping key spec follows from wrapping_algorithm (RSA_2048 by default, an SM2 key for SM2_ENCRYPT).',
      'SM2_ENCRYPT layout C1C3C2_ASN1 is keysmith\'s choice; the API reference does not state it. Override with `layout`.',
      'Asymmetric import (encrypted_privatekey) is not modelled.',
    ],
  },
  {
    name: 'gcp',
    wrappingKeySpecs: { RSA_3072: 'RSA_3072', RSA_4096: 'RSA_4096' },
    algorithms: [
      { name: 'RSA_OAEP_3072_SHA1_AES_256', algorithm: 'RSA_AES_KEY_WRAP_SHA_1', wrappingKeySpecs: ['RSA_3072'], material: 'any' },
      { name: 'RSA_OAEP_4096_SHA1_AES_256', algorithm: 'RSA_AES_KEY_WRAP_SHA_1', wrappingKeySpecs: ['RSA_4096'], material: 'any' },
      { name: 'RSA_OAEP_3072_SHA256_AES_256', algorithm: 'RSA_AES_KEY_WRAP_SHA_256', wrappingKeySpecs: ['RSA_3072'], material: 'any' },
      { name: 'RSA_OAEP_4096_SHA256_AES_256', algorithm: 'RSA_AES_KEY_WRAP_SHA_256', wrappingKeySpecs: ['RSA_4096'], material: 'any' },
      { name: 'RSA_OAEP_3072_SHA256', algorithm: 'RSAES_OAEP_SHA_256', wrappingKeySpecs: ['RSA_3072'], material: 'symmetric' },
      { name: 'RSA_OAEP_4096_SHA256', algorithm: 'RSAES_OAEP_SHA_256', wrappingKeySpecs: ['RSA_4096'], material: 'symmetric' },
    ],
    defaults: { wrappingKeySpec: 'RSA_3072', algorithm: 'RSA_OAEP_3072_SHA256_AES_256' },
    publicKeyEncoding: 'pem',
    sources: ['https://cloud.google.com/kms/docs/reference/rest/v1/projects.locations.keyRings.importJobs (ImportMethod)'],
    notes: ['GCP names the wrapping key size inside the import method; the ImportJob returns the public key as PEM.'],
  },
] as const satisfies readonly DialectEntry[];

type DialectOf<C> = Extract<(typeof table)[number], { readonly name: C }>;

/** The clouds with an import flow (createImportParameters, encryptKeyMaterial): every CloudName. */
export type ImportCloud = (typeof table)[number]['name'];

/**
 * A cloud's names for its wrapping algorithms (`DialectAlgorithmName<'aws'>`: `RSAES_OAEP_SHA_1`,
 * `RSAES_OAEP_SHA_256`, `RSA_AES_KEY_WRAP_SHA_1`, `RSA_AES_KEY_WRAP_SHA_256`, `SM2PKE`). Default: every cloud's.
 */
export type DialectAlgorithmName<C extends ImportCloud = ImportCloud> = DialectOf<C>['algorithms'][number]['name'];

/** A cloud's names for its wrapping key specs (`DialectWrappingSpecName<'aliyun'>`: `RSA_2048`, `EC_SM2`). */
export type DialectWrappingSpecName<C extends ImportCloud = ImportCloud> = keyof DialectOf<C>['wrappingKeySpecs'] & string;

/** A cloud's default wrapping algorithm (`DialectDefaults<'aws'>['algorithm']` is `'RSA_AES_KEY_WRAP_SHA_256'`). */
export type DialectDefaults<C extends ImportCloud> = DialectOf<C>['defaults'];

const byName = new Map<string, DialectEntry>(table.map((d) => [d.name, d]));

/** The clouds with an import flow, in table order: `aws`, `aliyun`, `tencent`, `huawei`, `gcp`. */
export const IMPORT_DIALECTS: readonly ImportCloud[] = Object.freeze(table.map((d) => d.name));

/** Every cloud's import flow: its algorithms, wrapping key specs, defaults, sources and notes (for listings). */
export function importDialects(): readonly DialectEntry[] {
  return table;
}

export function getImportDialect(name: unknown): DialectEntry | undefined {
  return typeof name === 'string' ? byName.get(name) : undefined;
}
