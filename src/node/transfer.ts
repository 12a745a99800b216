import { exportKey, importKey, type AnyKey, type KeyFormat, type KeySpec, type Usage } from '../index.js';

/**
 * How a key crosses from a worker thread to the main thread: through exportKey, the one route bytes leave a
 * key, in the private format that carries everything (PKCS#8 DER for key pairs, raw for secret keys).
 */
export function transferFormat(spec: KeySpec): KeyFormat {
  return spec.family === 'symmetric' ? 'raw' : 'pkcs8-der';
}

/**
 * Worker side: exports the key into a fresh, exactly sized buffer (so transferring it moves no unrelated
 * memory), zeroes the encoder's own buffer and destroys the key.
 */
export async function packKey(spec: KeySpec, key: AnyKey): Promise<Uint8Array> {
  try {
    const encoded = await exportKey(key, transferFormat(spec));
    if (!(encoded instanceof Uint8Array)) throw new TypeError(`${transferFormat(spec)} export is not bytes`);
    const out = new Uint8Array(new ArrayBuffer(encoded.length));
    out.set(encoded);
    encoded.fill(0);
    return out;
  } finally {
    key.destroy();
  }
}

/**
 * Main-thread side: importKey validates the bytes and, for a key pair, re-runs the pairwise consistency
 * test on the handle the caller will use. The bytes are zeroed whatever happens.
 */
export async function unpackKey(spec: KeySpec, usage: Usage, bytes: Uint8Array): Promise<AnyKey> {
  try {
    return await importKey(spec, bytes, transferFormat(spec), { usage });
  } finally {
    bytes.fill(0);
  }
}
