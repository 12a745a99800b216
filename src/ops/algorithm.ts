import { describeValue, fail } from '../errors.js';
import type { KeySpec } from '../model/spec.js';
import {
  ENCRYPTION_ALGORITHMS, findEncryptionAlgorithm, findSigningAlgorithm, MESSAGE_TYPES, SIGNING_ALGORITHMS,
  type EncryptionAlgorithm, type MessageType, type SigningAlgorithm,
} from '../model/algorithms.js';

/** The signing algorithm a call uses: the caller's (checked against the spec) or the spec's default. */
export function signingAlgorithmFor(spec: KeySpec, name: unknown): SigningAlgorithm {
  if (!('signature' in spec)) fail('UNSUPPORTED', `${spec.name} keys do not sign`);
  const chosen = name === undefined ? spec.signature : name;
  const alg = findSigningAlgorithm(chosen);
  if (!alg) fail('INVALID_ARGUMENT', `unknown signing algorithm ${describeValue(chosen, 48)}; known: ${SIGNING_ALGORITHMS.join(', ')}`);
  if (!alg.appliesTo(spec)) fail('UNSUPPORTED', `${alg.name} does not apply to ${spec.name} keys`);
  return alg;
}

/** The encryption algorithm a call uses: the caller's (checked against the spec) or the spec's default. */
export function encryptionAlgorithmFor(spec: KeySpec, name: unknown): EncryptionAlgorithm {
  const chosen = name === undefined && 'encryption' in spec ? spec.encryption : name;
  if (chosen === undefined) fail('UNSUPPORTED', `${spec.name} keys have no public-key encryption`);
  const alg = findEncryptionAlgorithm(chosen);
  if (!alg) fail('INVALID_ARGUMENT', `unknown encryption algorithm ${describeValue(chosen, 48)}; known: ${ENCRYPTION_ALGORITHMS.join(', ')}`);
  if (!alg.appliesTo(spec)) fail('UNSUPPORTED', `${alg.name} does not apply to ${spec.name} keys`);
  return alg;
}

export function messageTypeOf(t: unknown): MessageType {
  if (t === undefined) return 'RAW';
  if (!(MESSAGE_TYPES as readonly unknown[]).includes(t)) fail('INVALID_ARGUMENT', `messageType must be one of ${MESSAGE_TYPES.join(', ')}`);
  return t as MessageType;
}

export function bytesArg(v: unknown, what: string): Uint8Array {
  if (!(v instanceof Uint8Array)) fail('INVALID_ARGUMENT', `${what} must be a Uint8Array`);
  return v;
}
