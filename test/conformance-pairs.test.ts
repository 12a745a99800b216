import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKey } from '../src/core/generate.js';
import { exportKey } from '../src/core/export.js';
import { importKey } from '../src/core/import.js';
import { KeyPair } from '../src/core/key.js';
import { specs } from '../src/registry/specs.js';
import type { Usage } from '../src/model/spec.js';
import { operationApplies, type Operation } from '../src/model/operations.js';
import { encryptionAlgorithms, macAlgorithms, signingAlgorithms } from '../src/model/algorithms.js';
import { sign, verify } from '../src/ops/sign.js';
import { decrypt, encrypt } from '../src/ops/encrypt.js';
import { generateMac, verifyMac } from '../src/ops/mac.js';
import { deriveSharedSecret } from '../src/ops/agreement.js';
import { decapsulate, encapsulate } from '../src/ops/kem.js';
import { wrapKey, unwrapKey } from '../src/wrap/wrap-key.js';
import { wrappingAlgorithms } from '../src/wrap/algorithms.js';
import { keyIdentifier } from '../src/wrap/identify.js';
import type { AlgorithmName, KeyMaterialProvider } from '../src/provider/types.js';
import { providerFixtures } from './helpers/providers.js';
import { MESSAGE, materialFormat, messageFor, noCounts, publicHalf, referenceKey, releaseReferenceKeys, wrappingKeyOn, type OpCounts } from './helpers/conformance.js';

const pairSpecs = specs.filter((s) => s.family !== 'rsa' || s.bits === 2048);

/**
 * Which MAC, ECDH and KEM checks the pair test below runs for A → B, read from `supports` alone (the same
 * conditions as the test), so the last test can require that each of them ran.
 */
function expectedCounts(a: KeyMaterialProvider, b: KeyMaterialProvider): OpCounts {
  const n = noCounts();
  for (const spec of pairSpecs) {
    for (const usage of spec.usages) {
      const can = (p: KeyMaterialProvider, op: Operation, alg?: AlgorithmName) => p.supports(spec, usage, op, alg);
      if (!can(a, 'generate') || !can(a, 'export-private') || !can(b, 'import')) continue;
      for (const alg of macAlgorithms().filter((m) => m.appliesTo(spec) && operationApplies(spec, usage, 'generate-mac'))) {
        if (can(a, 'generate-mac', alg.name) && (can(b, 'generate-mac', alg.name) || can(b, 'verify-mac', alg.name))) n.mac++;
      }
      if (can(a, 'derive-shared-secret') && can(b, 'derive-shared-secret')) n.ecdh++;
      if ((can(a, 'encapsulate') && can(b, 'decapsulate')) || (can(b, 'encapsulate') && can(a, 'decapsulate'))) n.kem++;
    }
  }
  return n;
}

/** Every MAC algorithm × spec, KEY_AGREEMENT spec and ML-KEM spec keysmith defines (what pure → pure must cover). */
function definedCounts(): OpCounts {
  const n = noCounts();
  for (const spec of pairSpecs) {
    for (const usage of spec.usages as readonly Usage[]) {
      n.mac += macAlgorithms().filter((m) => m.appliesTo(spec) && operationApplies(spec, usage, 'generate-mac')).length;
      if (operationApplies(spec, usage, 'derive-shared-secret')) n.ecdh++;
      if (operationApplies(spec, usage, 'encapsulate')) n.kem++;
    }
  }
  return n;
}

/**
 * Across providers: a key made by A and exported imports into B with the same public key (or KCV);
 * signatures made by one verify with the other, ciphertexts made by one decrypt with the other, and a key
 * wrapped by A under B's wrapping public key unwraps in B; MACs are equal, ECDH with a third party's key gives
 * the same secret, and what one encapsulates the other decapsulates. With one fixture this runs A = B.
 */
const pairs = providerFixtures.flatMap((a) => providerFixtures.map((b) => [`${a.name} → ${b.name}`, a, b] as const));
describe.each(pairs)('cross-provider: %s', (_name, fa, fb) => {
  let a: KeyMaterialProvider;
  let b: KeyMaterialProvider;
  /** MAC, ECDH and KEM checks that ran to the end, checked against `supports` by the last test. */
  const ran = noCounts();
  beforeAll(async () => {
    a = await fa.create();
    b = fb === fa ? a : await fb.create();
  });
  afterAll(async () => {
    await releaseReferenceKeys();
    await fa.dispose();
    if (fb !== fa) await fb.dispose();
  });

  for (const spec of pairSpecs) {
    for (const usage of spec.usages) {
      it(`${fa.name} → ${fb.name}: ${spec.name} ${usage}`, async () => {
        const can = (p: KeyMaterialProvider, op: Operation, alg?: AlgorithmName) => p.supports(spec, usage, op, alg);
        if (!can(a, 'generate') || !can(a, 'export-private') || !can(b, 'import')) return;
        const ka = await generateKey(spec, { usage, provider: a, attributes: { extractable: true } }); // PKCS#11 keys are sensitive unless asked
        const f = materialFormat(spec);
        const kb = await importKey(spec, await exportKey(ka, f), f, { usage, provider: b });
        expect((await keyIdentifier(kb)).value).toBe((await keyIdentifier(ka)).value);
        for (const alg of signingAlgorithms().filter((x) => x.appliesTo(spec) && operationApplies(spec, usage, 'sign'))) {
          const { message, o } = messageFor(alg);
          if (can(a, 'sign', alg.name) && can(b, 'verify', alg.name)) expect(await verify(kb, message, await sign(ka, message, o), o)).toBe(true);
          if (can(b, 'sign', alg.name) && can(a, 'verify', alg.name)) expect(await verify(ka, message, await sign(kb, message, o), o)).toBe(true);
        }
        for (const alg of encryptionAlgorithms().filter((x) => x.appliesTo(spec) && operationApplies(spec, usage, 'encrypt'))) {
          if (can(a, 'encrypt', alg.name) && can(b, 'decrypt', alg.name)) expect(await decrypt(kb, await encrypt(ka, MESSAGE, { algorithm: alg.name }), { algorithm: alg.name })).toEqual(MESSAGE);
          if (can(b, 'encrypt', alg.name) && can(a, 'decrypt', alg.name)) expect(await decrypt(ka, await encrypt(kb, MESSAGE, { algorithm: alg.name }), { algorithm: alg.name })).toEqual(MESSAGE);
        }
        for (const name of ['RSA_AES_KEY_WRAP_SHA_256', 'SM2PKE', 'AES_KWP'] as const) {
          const alg = wrappingAlgorithms().find((x) => x.name === name)!;
          if (!alg.targets(spec) || !can(a, 'wrap', name) || !can(b, 'unwrap', name)) continue;
          const wkB = await wrappingKeyOn(b, alg);
          if (!wkB || (!(wkB instanceof KeyPair) && !wkB.extractable)) continue; // a KEK that cannot leave B cannot reach A
          // B's wrapping key reaches A as bytes (SPKI, or the raw KEK), never as a key object
          const wrappingKey = wkB instanceof KeyPair ? ((await exportKey(wkB, 'spki-der')) as Uint8Array) : ((await exportKey(wkB, 'raw')) as Uint8Array);
          const blob = await wrapKey(ka, { algorithm: name, wrappingKey });
          const back = await unwrapKey(blob, { algorithm: name, unwrappingKey: wkB, spec, usage });
          expect((await keyIdentifier(back)).value, name).toBe((await keyIdentifier(ka)).value);
        }
        for (const alg of macAlgorithms().filter((x) => x.appliesTo(spec) && operationApplies(spec, usage, 'generate-mac'))) {
          const o = { algorithm: alg.name };
          if (!can(a, 'generate-mac', alg.name) || !(can(b, 'generate-mac', alg.name) || can(b, 'verify-mac', alg.name))) continue;
          const tagA = await generateMac(ka, MESSAGE, o);
          if (can(b, 'generate-mac', alg.name)) expect(await generateMac(kb, MESSAGE, o), alg.name).toEqual(tagA);
          if (can(b, 'verify-mac', alg.name)) expect(await verifyMac(kb, MESSAGE, tagA, o), alg.name).toBe(true);
          if (can(b, 'generate-mac', alg.name) && can(a, 'verify-mac', alg.name)) expect(await verifyMac(ka, MESSAGE, await generateMac(kb, MESSAGE, o), o)).toBe(true);
          ran.mac++;
        }
        if (can(a, 'derive-shared-secret') && can(b, 'derive-shared-secret')) {
          // a third party's key (the reference provider's): both copies agree with it, and it with them
          const peer = await referenceKey(spec, usage);
          const z = await deriveSharedSecret(ka, publicHalf(peer));
          expect(await deriveSharedSecret(kb, publicHalf(peer))).toEqual(z);
          expect(await deriveSharedSecret(peer, publicHalf(kb))).toEqual(z);
          // and B's copy with a key made on B, seen from A's side
          const other = await generateKey(spec, { usage, provider: can(b, 'generate') ? b : a });
          expect(await deriveSharedSecret(ka, (await exportKey(publicHalf(other), 'spki-der')) as Uint8Array)).toEqual(await deriveSharedSecret(other, publicHalf(kb)));
          await other.release();
          ran.ecdh++;
        }
        if ((can(a, 'encapsulate') && can(b, 'decapsulate')) || (can(b, 'encapsulate') && can(a, 'decapsulate'))) {
          if (can(a, 'encapsulate') && can(b, 'decapsulate')) {
            const e = await encapsulate(ka);
            expect(await decapsulate(kb, e.ciphertext), 'A encapsulates, B decapsulates').toEqual(e.sharedSecret);
          }
          if (can(b, 'encapsulate') && can(a, 'decapsulate')) {
            const e = await encapsulate(publicHalf(kb));
            expect(await decapsulate(ka, e.ciphertext), 'B encapsulates, A decapsulates').toEqual(e.sharedSecret);
            if (can(b, 'decapsulate')) {
              const flipped = e.ciphertext.slice();
              flipped[flipped.length - 1]! ^= 1;
              expect(await decapsulate(kb, flipped), 'the same implicit rejection').toEqual(await decapsulate(ka, flipped));
            }
          }
          ran.kem++;
        }
        await ka.release();
        await kb.release();
      });
    }
  }
  it(`${fa.name} → ${fb.name}: ran every MAC, ECDH and KEM check both providers support (pure → pure: every one keysmith defines)`, () => {
    expect(ran).toEqual(expectedCounts(a, b));
    if (fa.name === 'pure' && fb.name === 'pure') {
      const defined = definedCounts();
      expect(defined.mac * defined.ecdh * defined.kem).toBeGreaterThan(0);
      expect(ran).toEqual(defined);
    }
  });
});
