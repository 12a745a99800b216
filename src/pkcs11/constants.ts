/**
 * PKCS #11 v2.40 numbers keysmith uses (Base Specification §2; Current Mechanisms §2), and the v3.0 Edwards
 * ones (CKK_EC_EDWARDS, CKM_EC_EDWARDS_KEY_PAIR_GEN, CKM_EDDSA: PKCS #11 v3.0 Current Mechanisms, "EC Edwards"). Kept here so
 * that importing keysmith/pkcs11 does not load the native addon before a provider is opened.
 */
export const CKO = { PUBLIC_KEY: 2, PRIVATE_KEY: 3, SECRET_KEY: 4 } as const;
export const CKK = { RSA: 0x00, EC: 0x03, GENERIC_SECRET: 0x10, AES: 0x1f, EC_EDWARDS: 0x40 } as const;
export const CKA = {
  CLASS: 0x000, TOKEN: 0x001, PRIVATE: 0x002, LABEL: 0x003, VALUE: 0x011, KEY_TYPE: 0x100, ID: 0x102,
  SENSITIVE: 0x103, ENCRYPT: 0x104, DECRYPT: 0x105, WRAP: 0x106, UNWRAP: 0x107, SIGN: 0x108, VERIFY: 0x10a, DERIVE: 0x10c,
  MODULUS: 0x120, MODULUS_BITS: 0x121, PUBLIC_EXPONENT: 0x122, PRIVATE_EXPONENT: 0x123, PRIME_1: 0x124,
  PRIME_2: 0x125, EXPONENT_1: 0x126, EXPONENT_2: 0x127, COEFFICIENT: 0x128, VALUE_LEN: 0x161,
  EXTRACTABLE: 0x162, EC_PARAMS: 0x180, EC_POINT: 0x181,
} as const;
export const CKM = {
  RSA_PKCS_KEY_PAIR_GEN: 0x0000, RSA_PKCS: 0x0001, RSA_PKCS_OAEP: 0x0009, RSA_PKCS_PSS: 0x000d,
  SHA256_RSA_PKCS: 0x0040, SHA384_RSA_PKCS: 0x0041, SHA512_RSA_PKCS: 0x0042,
  SHA_1: 0x0220, SHA256: 0x0250, SHA256_HMAC: 0x0251, SHA224_HMAC: 0x0256, SHA384: 0x0260, SHA384_HMAC: 0x0261,
  SHA512: 0x0270, SHA512_HMAC: 0x0271, GENERIC_SECRET_KEY_GEN: 0x0350,
  EC_KEY_PAIR_GEN: 0x1040, ECDSA: 0x1041, ECDH1_DERIVE: 0x1050, EC_EDWARDS_KEY_PAIR_GEN: 0x1055, EDDSA: 0x1057,
  AES_KEY_GEN: 0x1080, AES_CMAC: 0x108a,
  AES_KEY_WRAP: 0x2109, AES_KEY_WRAP_PAD: 0x210a, AES_KEY_WRAP_KWP: 0x210b,
} as const;
/** MGF1 with each hash (CKG_MGF1_SHA1 … ), and CKZ_DATA_SPECIFIED for the OAEP label source. */
export const CKG = { MGF1_SHA1: 1, MGF1_SHA256: 2, MGF1_SHA384: 3, MGF1_SHA512: 4 } as const;
export const CKZ_DATA_SPECIFIED = 1;
/** CK_ECDH1_DERIVE_PARAMS.kdf: no KDF, the raw shared secret (Current Mechanisms v2.40, CK_ECDH1_DERIVE_PARAMS). */
export const CKD_NULL = 1;
export const CKF = { RW_SESSION: 0x2, SERIAL_SESSION: 0x4 } as const;
export const CKU_USER = 1;
export const CKR = {
  PIN_INCORRECT: 0xa0, PIN_LEN_RANGE: 0xa2, SIGNATURE_INVALID: 0xc0, SIGNATURE_LEN_RANGE: 0xc1,
  USER_ALREADY_LOGGED_IN: 0x100, CRYPTOKI_ALREADY_INITIALIZED: 0x191,
} as const;

/** Mechanism names for messages (UNSUPPORTED names the missing one). */
export const MECHANISM_NAMES: Readonly<Record<number, string>> = Object.freeze(
  Object.fromEntries(Object.entries(CKM).map(([k, v]) => [v, `CKM_${k} (0x${v.toString(16).toUpperCase()})`])),
);
