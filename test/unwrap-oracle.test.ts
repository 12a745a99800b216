import { describe, expect, it } from 'vitest';
import { generateKey, getWrappingAlgorithm, KeysmithError, unwrapKey, WRAPPING_ALGORITHMS, wrapKey, type Key, type KeyPair } from '../src/index.js';
import { keyCheckValue, spkiFingerprint } from '../src/wrap/identify.js';
import { specs } from '../src/registry/specs.js';

/**
 * Issue 6, robustness 4: every unwrap failure reads the same, the `expect` mismatch included. Under
 * RSAES_PKCS1_V1_5 a distinct message for "padding fine, wrong key" would be a Bleichenbacher oracle.
 */
async function failureOf(p: Promise<unknown>): Promise<{ code: string; message: string; cause: unknown }> {
  try {
    await p;
  } catch (e) {
    if (!(e instanceof KeysmithError)) throw e;
    return { code: e.code, message: e.message, cause: e.cause };
  }
  throw new Error('unwrap succeeded');
}

const ONE = { code: 'UNWRAP_FAILED', message: 'unwrap failed', cause: undefined };

async function wrappingKeyFor(kind: 'aes' | 'rsa' | 'sm2'): Promise<KeyPair | Key> {
  if (kind === 'aes') return generateKey('AES_256');
  return generateKey(kind === 'rsa' ? 'RSA_2048' : 'SM2', { usage: 'ENCRYPT_DECRYPT' });
}

describe('one message for every unwrap failure', () => {
  it('RSAES_PKCS1_V1_5 with expect: well-padded wrong key, bad padding and truncation read the same', async () => {
    const wrapping = (await wrappingKeyFor('rsa')) as KeyPair;
    const announced = await generateKey('AES_256');
    const other = await generateKey('AES_256');
    const o = { algorithm: 'RSAES_PKCS1_V1_5', unwrappingKey: wrapping, spec: 'AES_256', expect: await keyCheckValue(announced) } as const;
    const wellPadded = await wrapKey(other, { algorithm: 'RSAES_PKCS1_V1_5', wrappingKey: wrapping.publicKey });
    const badPadding = new Uint8Array(256).fill(0x17);
    const truncated = wellPadded.subarray(1);
    for (const blob of [wellPadded, badPadding, truncated]) expect(await failureOf(unwrapKey(blob, o))).toEqual(ONE);
  });

  it.each(WRAPPING_ALGORITHMS)('%s: an expect mismatch is the same failure as a modified blob', async (algorithm) => {
    const alg = getWrappingAlgorithm(algorithm);
    const spec = specs.find((s) => alg.targets(s) && s.family === 'symmetric') ?? specs.find((s) => alg.targets(s) && s.name === 'SM2')!;
    const wrapping = await wrappingKeyFor(alg.wrappingKey);
    const pub = 'publicKey' in wrapping ? wrapping.publicKey : wrapping;
    const key = await generateKey(spec, spec.family === 'symmetric' ? undefined : { usage: 'ENCRYPT_DECRYPT' });
    const blob = await wrapKey(key, { algorithm, wrappingKey: pub });
    const o = { algorithm, unwrappingKey: wrapping, spec, ...(spec.family === 'symmetric' ? {} : { usage: 'ENCRYPT_DECRYPT' as const }) };
    const right = spec.family === 'symmetric' ? await keyCheckValue(key as Key) : await spkiFingerprint(key as KeyPair);
    expect((await unwrapKey(blob, { ...o, expect: right })).spec).toBe(spec);
    const mismatch = await failureOf(unwrapKey(blob, { ...o, expect: '00'.repeat(right.length / 2) }));
    const flipped = blob.slice();
    flipped[0]! ^= 1;
    expect(mismatch).toEqual(ONE);
    expect(await failureOf(unwrapKey(flipped, o))).toEqual(ONE);
  });
});
