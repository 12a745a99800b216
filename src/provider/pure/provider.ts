import type { AsymmetricSpec, EcSpec, KeySpec, RsaSpec, SymmetricSpec, Usage } from '../../registry/types.js';
import type { KeyComponents, PrivateComponents, PublicComponents } from '../../core/components.js';
import { publicOf, wipeComponents } from '../../core/components.js';
import type { KeyMaterialProvider, ProviderHandle, ProviderKeyPair } from '../types.js';
import type { RandomSource } from '../../random.js';
import { fail } from '../../errors.js';
import { bytesToBigInt, zeroize } from '../../bytes.js';
import { maxPrivateScalar, publicFromPrivate, scalarToBytes } from '../../ec/curves.js';
import { generateRsaPrivate } from '../../rsa/keygen.js';
import { encryptors, signers } from './schemes.js';

/** The pure provider keeps components in memory; a handle is a private copy it owns. */
function copy(c: KeyComponents): KeyComponents {
  switch (c.kind) {
    case 'secret':
      return { kind: 'secret', key: c.key.slice() };
    case 'ec-private':
      return { kind: 'ec-private', d: c.d.slice(), publicKey: c.publicKey.slice() };
    case 'ec-public':
      return { kind: 'ec-public', publicKey: c.publicKey.slice() };
    default:
      return { ...c };
  }
}

function own(handle: ProviderHandle): KeyComponents {
  if (typeof handle !== 'object' || handle === null || !('kind' in handle)) fail('INVALID_ARGUMENT', 'not a pure-provider key handle');
  return handle as KeyComponents;
}

/** Private scalar in [1, max] from fieldBytes + 8 random bytes (FIPS 186-5 A.2.1, extra random bits). */
function generateEcPrivate(spec: EcSpec, random: RandomSource): PrivateComponents {
  const c = random(spec.fieldBytes + 8);
  const d = scalarToBytes(spec, (bytesToBigInt(c) % maxPrivateScalar(spec)) + 1n);
  zeroize(c);
  return { kind: 'ec-private', d, publicKey: publicFromPrivate(spec, d) };
}

const keyPairGenerators = {
  rsa: (spec: RsaSpec, random: RandomSource): PrivateComponents => generateRsaPrivate(spec.bits, spec.publicExponent, random),
  ec: generateEcPrivate,
};

/**
 * Pure TypeScript on @noble/* and sm-crypto. Runs in any JS runtime; the default provider.
 */
export class PureProvider implements KeyMaterialProvider {
  readonly name = 'pure';

  async generateSecret(spec: SymmetricSpec, _usage: Usage, random: RandomSource): Promise<ProviderHandle> {
    const drawn = random(spec.keyBytes);
    const key = drawn.slice();
    zeroize(drawn); // the source's buffer is ours once returned; only the handle's copy may hold the key
    return { kind: 'secret', key } satisfies KeyComponents;
  }

  async generateKeyPair(spec: AsymmetricSpec, _usage: Usage, random: RandomSource): Promise<ProviderKeyPair> {
    const priv = (keyPairGenerators[spec.family] as (s: AsymmetricSpec, r: RandomSource) => PrivateComponents)(spec, random);
    return { privateKey: priv, publicKey: copy(publicOf(priv)) };
  }

  async exportComponents(_spec: KeySpec, handle: ProviderHandle): Promise<KeyComponents> {
    return copy(own(handle));
  }

  async importComponents(_spec: KeySpec, _usage: Usage, components: KeyComponents): Promise<ProviderHandle> {
    return copy(components);
  }

  async sign(spec: AsymmetricSpec, privateKey: ProviderHandle, message: Uint8Array, random: RandomSource): Promise<Uint8Array> {
    return signers[spec.signature].sign(spec, own(privateKey) as PrivateComponents, message, random);
  }

  async verify(spec: AsymmetricSpec, publicKey: ProviderHandle, message: Uint8Array, signature: Uint8Array): Promise<boolean> {
    return signers[spec.signature].verify(spec, own(publicKey) as PublicComponents, message, signature);
  }

  async encrypt(spec: AsymmetricSpec, publicKey: ProviderHandle, plaintext: Uint8Array, random: RandomSource): Promise<Uint8Array> {
    if (!spec.encryption) fail('UNSUPPORTED', `${spec.name} keys do not encrypt`);
    return encryptors[spec.encryption].encrypt(spec, own(publicKey) as PublicComponents, plaintext, random);
  }

  async decrypt(spec: AsymmetricSpec, privateKey: ProviderHandle, ciphertext: Uint8Array): Promise<Uint8Array> {
    if (!spec.encryption) fail('UNSUPPORTED', `${spec.name} keys do not decrypt`);
    return encryptors[spec.encryption].decrypt(spec, own(privateKey) as PrivateComponents, ciphertext);
  }

  destroy(handle: ProviderHandle): void {
    const c = own(handle);
    wipeComponents(c);
    // BigInts cannot be zeroed, but the handle can stop referencing them (the handle is this provider's own copy)
    if (c.kind === 'rsa-private') Object.assign(c as { -readonly [K in keyof typeof c]: (typeof c)[K] }, { d: 0n, p: 0n, q: 0n, dp: 0n, dq: 0n, qi: 0n });
  }
}

/** The default provider instance. */
export const pureProvider: KeyMaterialProvider = new PureProvider();
