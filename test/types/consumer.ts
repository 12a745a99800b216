// Compiled by test/types.test.ts against keysmith as installed from `npm pack`, in a project without the DOM
// lib (tsconfig.json here). Each `@ts-expect-error` line is a mistake the types must refuse: if one compiles,
// tsc reports the directive as unused and the test fails.
import {
  createImportParameters, encryptKeyMaterial, exportKey, generateKey, importKey, isKeyPair, isKeysmithError, KeyPair, spkiFingerprint,
  type AsymmetricSpecName, type CloudName, type CloudSpecName, type DialectAlgorithmName, type EncodedKey, type ErrorCode, type Jwk,
  type Key, type KeyFormat, type PublicKey, type SecretKey, type SpecName, type SymmetricSpecName, type Usage, type WrappingAlgorithmName,
} from 'keysmith';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(_: T): void {}

export async function positive(fromOutside: string, formatFromOutside: string): Promise<void> {
  // generateKey: the result follows the spec name, keysmith's or any cloud's
  const aes = await generateKey('AES_256');
  assertType<Equal<typeof aes, SecretKey>>(true);
  const aws = await generateKey('SYMMETRIC_DEFAULT');
  assertType<Equal<typeof aws, SecretKey>>(true);
  const rsa = await generateKey('RSA_2048', { usage: 'ENCRYPT_DECRYPT' });
  assertType<Equal<typeof rsa, KeyPair>>(true);
  const tencent = await generateKey('ASYMMETRIC_DECRYPT_RSA_2048');
  assertType<Equal<typeof tencent, KeyPair>>(true);
  const ec = await generateKey('ECC_NIST_P256', { usage: undefined, random: undefined, provider: undefined, attributes: { extractable: true, label: undefined } });
  assertType<Equal<typeof ec, KeyPair>>(true);
  assertType<Equal<typeof rsa.privateKey, Key<'private'>>>(true);
  assertType<Equal<typeof rsa.publicKey, PublicKey>>(true);

  // exportKey: the result follows the format
  const pem = await exportKey(rsa, 'pkcs8-pem');
  assertType<Equal<typeof pem, string>>(true);
  const der = await exportKey(rsa, 'spki-der');
  assertType<Equal<typeof der, Uint8Array>>(true);
  const raw = await exportKey(aes, 'raw');
  assertType<Equal<typeof raw, Uint8Array>>(true);
  const jwk = await exportKey(ec, 'jwk');
  assertType<Equal<typeof jwk, Jwk>>(true);
  const crv: string | undefined = jwk.crv;
  const pubPem: string = await exportKey(rsa.publicKey, 'spki-pem');
  const secretJwk: Jwk = await exportKey(aes, 'jwk');
  void crv, pubPem, secretJwk;

  // a string from outside goes through the wide overloads, with the wide results
  const wide = await generateKey(fromOutside);
  assertType<Equal<typeof wide, SecretKey | KeyPair>>(true);
  if (isKeyPair(wide)) {
    assertType<Equal<typeof wide, KeyPair>>(true);
    await spkiFingerprint(wide);
  }
  const encoded = await exportKey(wide, formatFromOutside);
  assertType<Equal<typeof encoded, EncodedKey>>(true);
  const imported = await importKey(fromOutside, encoded, formatFromOutside);
  void imported;
  for (const f of ['spki-der', 'jwk-public'] as KeyFormat[]) await exportKey(rsa.publicKey, f);

  // importKey: secret, pair or public key by spec and format
  const importedAes = await importKey('AES_256', raw, 'raw');
  assertType<Equal<typeof importedAes, SecretKey>>(true);
  const importedPair = await importKey('RSA_2048', pem, 'pkcs8-pem', { usage: 'SIGN_VERIFY' });
  assertType<Equal<typeof importedPair, KeyPair>>(true);
  const importedPublic = await importKey('EC_P256', der, 'spki-der');
  assertType<Equal<typeof importedPublic, PublicKey>>(true);

  await spkiFingerprint(rsa);
  await spkiFingerprint(rsa.publicKey);

  // errors: the code narrows
  try {
    await generateKey(fromOutside);
  } catch (e) {
    if (isKeysmithError(e, 'UNKNOWN_SPEC')) assertType<Equal<typeof e.code, 'UNKNOWN_SPEC'>>(true);
    if (isKeysmithError(e)) assertType<Equal<typeof e.code, ErrorCode>>(true);
  }

  // wrapping: each cloud's own algorithm names; defaults need no options
  const params = await createImportParameters('aws');
  const withAlg = await createImportParameters('aliyun', { algorithm: 'RSAES_PKCS1_V1_5', wrappingSpec: 'RSA_2048', random: undefined });
  await createImportParameters('aws', { algorithm: fromOutside });
  await createImportParameters(fromOutside, { algorithm: fromOutside });
  await encryptKeyMaterial('aws', { publicKey: params.publicKey, algorithm: 'RSA_AES_KEY_WRAP_SHA_256', spec: 'AES_256', usage: undefined });
  void withAlg;

  // the literal unions, read from the registry
  const cloud: CloudName = 'gcp';
  const awsName: CloudSpecName<'aws'> = 'ECC_SECG_P256K1';
  const sym: SymmetricSpecName = 'SM4';
  const asym: AsymmetricSpecName = 'EC_SM2';
  const name: SpecName = 'Aliyun_AES_256';
  const usage: Usage = 'SIGN_VERIFY';
  const alg: DialectAlgorithmName<'tencent'> = 'C1C3C2_ASN1';
  const wrapAlg: WrappingAlgorithmName = 'AES_KWP';
  void cloud, awsName, sym, asym, name, usage, alg, wrapAlg;
}

export async function mistakes(aes: SecretKey, pair: KeyPair, pub: PublicKey): Promise<void> {
  // @ts-expect-error a misspelt spec name
  await generateKey('RSA_2084');
  // @ts-expect-error a secret key has no PKCS#8
  await exportKey(aes, 'pkcs8-pem');
  // @ts-expect-error a public key has no private format
  await exportKey(pub, 'pkcs8-der');
  // @ts-expect-error a secret key has no SPKI
  await spkiFingerprint(aes);
  // @ts-expect-error AWS stopped accepting RSAES_PKCS1_V1_5
  await createImportParameters('aws', { algorithm: 'RSAES_PKCS1_V1_5' });
  // @ts-expect-error not one of AWS's wrapping key specs
  await createImportParameters('aws', { wrappingSpec: 'EC_SM2' });
  // @ts-expect-error not a cloud
  await createImportParameters('azure');
  // @ts-expect-error not one of AWS's algorithm names
  await encryptKeyMaterial('aws', { publicKey: '', algorithm: 'SM2_ENCRYPT', spec: 'AES_256' });
  // @ts-expect-error a PEM is a string, not a number (the DOM's JsonWebKey made this `any` without lib DOM)
  const n: number = await exportKey(pair, 'pkcs8-pem');
  // @ts-expect-error JWK is an object
  const s: string = await exportKey(pair, 'jwk');
  // @ts-expect-error EC_P256 keys sign only
  await generateKey('EC_P256', { usage: 'ENCRYPT_DECRYPT' });
  // @ts-expect-error the name implies ENCRYPT_DECRYPT
  await generateKey('ASYMMETRIC_DECRYPT_SM2', { usage: 'SIGN_VERIFY' });
  // @ts-expect-error a secret key comes as raw or jwk
  await importKey('AES_256', new Uint8Array(32), 'pkcs8-der');
  // @ts-expect-error not a format
  await exportKey(pair, 'pem');
  // @ts-expect-error not a usage
  const u: Usage = 'ENCRYPT';
  // @ts-expect-error not a wrapping algorithm
  const w: WrappingAlgorithmName = 'AES_GCM';
  // @ts-expect-error not a keysmith cloud
  const c: CloudName = 'azure';
  // @ts-expect-error a symmetric name is not asymmetric
  const a: AsymmetricSpecName = 'AES_256';
  // @ts-expect-error a secret key is not a KeyPair
  const p: KeyPair = await generateKey('SM4');
  void n, s, u, w, c, a, p;
}
