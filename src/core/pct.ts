import { equalBytes } from '../bytes.js';
import { fail, KeysmithError } from '../errors.js';
import type { AsymmetricSpec, EcSpec, Usage } from '../model/spec.js';
import type { KeyMaterialProvider, ProviderKeyPair } from '../provider/types.js';
import { systemRandom } from '../random.js';
import { encryptionAlgorithms, signingAlgorithms } from '../model/algorithms.js';
import { bytesToBigInt } from '../bytes.js';
import { maxPrivateScalar, publicFromPrivate, scalarToBytes } from '../ec/curves.js';
import { ecdhSharedSecret } from '../ec/ecdh.js';

/**
 * KEY_AGREEMENT pairs: SP 800-56A r3 §5.6.2.1.4 asks that Q be recomputed from d and compared. A provider need
 * not hand d out (non-extractable keys), so the check runs through its own ECDH: with a fresh e and E = e·G,
 * the provider's x(d·E) must equal x(e·Q). For a group of prime order n this holds exactly when d·G = Q
 * (e·(d·G) = e·Q and e is invertible mod n), so it is the §5.6.2.1.4 check done inside the provider.
 */
async function agreementCheck(provider: KeyMaterialProvider, spec: EcSpec, pair: ProviderKeyPair): Promise<void> {
  if (typeof provider.deriveSharedSecret !== 'function') fail('PCT_FAILED', `${spec.name}: provider has no key agreement`);
  const q = (await provider.exportPublic(spec, pair.publicKey)) as { kind: string; publicKey?: Uint8Array };
  if (q.kind !== 'ec-public' || !q.publicKey) fail('PCT_FAILED', `${spec.name}: public half is not an EC point`);
  const drawn = systemRandom(spec.fieldBytes + 8);
  const e = scalarToBytes(spec, (bytesToBigInt(drawn) % maxPrivateScalar(spec)) + 1n);
  drawn.fill(0);
  try {
    const theirs = await provider.deriveSharedSecret(spec, pair.privateKey, publicFromPrivate(spec, e));
    const ours = ecdhSharedSecret(spec, e, q.publicKey);
    const same = equalBytes(theirs, ours);
    theirs.fill(0);
    ours.fill(0);
    if (!same) fail('PCT_FAILED', `${spec.name}: the private key does not match the public key (SP 800-56A r3 §5.6.2.1.4)`);
  } finally {
    e.fill(0);
  }
}

/**
 * Pairwise consistency test (FIPS 140-3 IG 10.3.A; SP 800-56B §6.4.1.1): the private half must undo
 * what the public half does, for the usage the key is for, with the spec's default algorithm, or, where the
 * provider lacks it (SoftHSM's OAEP is SHA-1 only), the first algorithm of the spec the provider has. It draws from
 * the system CSPRNG, never from the caller's (possibly seeded) stream, so that seeded keys do not depend on
 * how a backend tests. It runs inside the provider, so it works for keys that cannot leave it.
 * ML-KEM: encapsulate to the public half, decapsulate with the private half, same 32-byte secret (FIPS 203 §7.1
 * note on pairwise tests; SP 800-140C).
 */
export async function pairwiseConsistencyTest(provider: KeyMaterialProvider, spec: AsymmetricSpec, usage: Usage, pair: ProviderKeyPair): Promise<void> {
  try {
    const probe = systemRandom(32);
    if (usage === 'KEY_AGREEMENT') {
      if (spec.family !== 'ec') fail('PCT_FAILED', `${spec.name}: key agreement needs an EC key`);
      await agreementCheck(provider, spec, pair);
    } else if (usage === 'SIGN_VERIFY') {
      if (!('signature' in spec)) fail('PCT_FAILED', `${spec.name} has no signature scheme`);
      const rawSigners = signingAlgorithms().filter((a) => a.messageTypes.includes('RAW'));
      const alg = pick(provider, spec, usage, spec.signature, rawSigners, 'sign', 'verify');
      const sig = await provider.sign(spec, pair.privateKey, alg, probe, 'RAW', systemRandom);
      if (!(await provider.verify(spec, pair.publicKey, alg, probe, 'RAW', sig))) fail('PCT_FAILED', `${spec.name}: signature did not verify`);
      probe[0]! ^= 1;
      if (await provider.verify(spec, pair.publicKey, alg, probe, 'RAW', sig)) fail('PCT_FAILED', `${spec.name}: signature verified a different message`);
    } else if (usage === 'ENCAPSULATE_DECAPSULATE') {
      if (spec.family !== 'ml-kem') fail('PCT_FAILED', `${spec.name} is not a KEM`);
      if (typeof provider.encapsulate !== 'function' || typeof provider.decapsulate !== 'function') fail('PCT_FAILED', `${provider.name} provider cannot encapsulate`);
      const { ciphertext, sharedSecret } = await provider.encapsulate(spec, pair.publicKey, systemRandom);
      const back = await provider.decapsulate(spec, pair.privateKey, ciphertext);
      const ok = equalBytes(back, sharedSecret);
      back.fill(0);
      sharedSecret.fill(0);
      if (!ok) fail('PCT_FAILED', `${spec.name}: decapsulation did not return the encapsulated secret`);
    } else {
      const preferred = 'encryption' in spec ? spec.encryption : undefined;
      if (!preferred) fail('PCT_FAILED', `${spec.name} has no encryption scheme`);
      const alg = pick(provider, spec, usage, preferred, encryptionAlgorithms(), 'encrypt', 'decrypt');
      const ct = await provider.encrypt(spec, pair.publicKey, alg, probe, systemRandom);
      if (ct.length >= probe.length && equalBytes(ct.subarray(0, probe.length), probe)) fail('PCT_FAILED', `${spec.name}: ciphertext carries the plaintext`);
      const back = await provider.decrypt(spec, pair.privateKey, alg, ct);
      if (!equalBytes(back, probe)) fail('PCT_FAILED', `${spec.name}: decryption did not return the plaintext`);
      back.fill(0);
    }
  } catch (e) {
    if (e instanceof KeysmithError && e.code === 'PCT_FAILED') throw e;
    throw new KeysmithError('PCT_FAILED', `${spec.name}: pairwise consistency test failed`, { cause: e });
  }
}

/** The spec's default algorithm if the provider has it both ways, else the first of the spec's algorithms it has, else the default. */
function pick<N extends string>(
  provider: KeyMaterialProvider, spec: AsymmetricSpec, usage: Usage, preferred: N,
  table: readonly { name: N; appliesTo(s: AsymmetricSpec): boolean }[], a: 'sign' | 'encrypt', b: 'verify' | 'decrypt',
): N {
  const has = (n: N) => provider.supports(spec, usage, a, n as never) && provider.supports(spec, usage, b, n as never);
  if (has(preferred)) return preferred;
  return table.find((x) => x.appliesTo(spec) && has(x.name))?.name ?? preferred;
}
