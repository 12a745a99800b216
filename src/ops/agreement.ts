import { fail } from '../errors.js';
import type { EcSpec } from '../model/spec.js';
import type { EcPublicComponents } from '../model/components.js';
import { assertKey, handleOf, isKeyPair, Key, type AnyKey } from '../core/key.js';
import { callProvider, requireSupport } from '../core/options.js';
import { exportKey } from '../core/export.js';
import { validateComponents } from '../core/validate.js';
import { decodeComponents } from '../encoding/formats.js';

/** A peer's public key: a keysmith public Key or KeyPair, SPKI DER bytes, or SPKI PEM text (what AWS's `PublicKey` takes). */
export type PeerPublicKey = AnyKey | Uint8Array | string;

/**
 * The peer's point, uncompressed, after SP 800-56A r3 §5.6.2.3.3 full public-key validation (on `spec`'s
 * curve, not infinity; the order check is implied by the prime-order groups). Any failure is INVALID_KEY
 * (a key on another curve, or not an EC key) or INVALID_FORMAT (bytes that are not an SPKI).
 */
async function peerPoint(spec: EcSpec, peer: unknown): Promise<Uint8Array> {
  if (peer instanceof Key || isKeyPair(peer)) {
    const pk = isKeyPair(peer) ? peer.publicKey : peer;
    if (pk.spec.family !== 'ec' || pk.spec.curve !== spec.curve) {
      fail('INVALID_KEY', `the peer key is ${pk.spec.name}; ${spec.name} agrees only with keys on ${spec.curve}`);
    }
    peer = (await exportKey(pk, 'raw-public')) as Uint8Array;
    return (validateComponents(spec, { kind: 'ec-public', publicKey: peer as Uint8Array }) as EcPublicComponents).publicKey;
  }
  let decoded;
  if (peer instanceof Uint8Array) decoded = decodeComponents(spec, peer, 'spki-der');
  else if (typeof peer === 'string') decoded = decodeComponents(spec, peer, 'spki-pem');
  else return fail('INVALID_ARGUMENT', 'peerPublicKey must be a keysmith Key or KeyPair, SPKI DER bytes or SPKI PEM text');
  return (validateComponents(spec, decoded) as EcPublicComponents).publicKey;
}

/**
 * Raw ECDH (AWS KMS DeriveSharedSecret with KeyAgreementAlgorithm ECDH): the x-coordinate of d·Q_peer,
 * `fieldBytes` long, with no KDF — derive keys from it yourself (SP 800-56C). Needs a KEY_AGREEMENT key pair
 * or private key (EC_P256, EC_P384, EC_P521, SM2); the peer key is validated first. For SM2 this is plain
 * ECDH on sm2p256v1, as AWS's China Regions do, not the GB/T 32918.3 SM2 key-exchange protocol.
 */
export async function deriveSharedSecret(privateKey: AnyKey, peerPublicKey: PeerPublicKey): Promise<Uint8Array> {
  assertKey(privateKey);
  if (privateKey.usage !== 'KEY_AGREEMENT') {
    fail('INVALID_USAGE', `deriveSharedSecret needs a KEY_AGREEMENT key; this ${privateKey.spec.name} key is ${privateKey.usage}`);
  }
  const k = isKeyPair(privateKey) ? privateKey.privateKey : privateKey;
  if (k.type !== 'private' || k.spec.family !== 'ec') fail('INVALID_ARGUMENT', 'deriveSharedSecret needs the private key or the key pair');
  const spec = k.spec;
  handleOf(k); // a destroyed key fails before the peer is read
  requireSupport(k.provider, spec, k.usage, 'derive-shared-secret');
  const point = await peerPoint(spec, peerPublicKey);
  const p = k.provider;
  if (typeof p.deriveSharedSecret !== 'function') fail('UNSUPPORTED', `${p.name} provider has no key agreement`);
  const handle = handleOf(k);
  const z = await callProvider(p, 'deriveSharedSecret', () => p.deriveSharedSecret!(spec, handle, point));
  if (!(z instanceof Uint8Array) || z.length !== spec.fieldBytes) fail('PROVIDER_ERROR', `${p.name} provider: a shared secret on ${spec.curve} is ${spec.fieldBytes} bytes`);
  return z;
}
