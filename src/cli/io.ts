import { writeFileSync } from 'node:fs';
import { toBase64 } from '../bytes.js';
import type { EncodedKey } from '../encoding/formats.js';

/**
 * A key file's contents as core/detect takes them: printable text (PEM, JWK, base64) as a string, anything
 * else (DER, raw key bytes) as bytes.
 */
export function keyFileInput(data: Uint8Array): string | Uint8Array {
  const text = new TextDecoder().decode(data);
  return /^[\x09\x0a\x0d\x20-\x7e]*$/.test(text) && text.trim().length > 0 ? text : new Uint8Array(data);
}

/** Text form of an encoded key for a terminal or JSON: PEM as is, JWK as JSON, bytes as base64. */
export function asText(value: EncodedKey): string {
  if (typeof value === 'string') return value.endsWith('\n') ? value : value + '\n';
  if (value instanceof Uint8Array) return toBase64(value) + '\n';
  return JSON.stringify(value, null, 2) + '\n';
}

/** Writes key material to a file only the owner can read: bytes raw, everything else as text. */
export function writeSecretFile(path: string, value: EncodedKey): void {
  const data = value instanceof Uint8Array ? value : asText(value);
  writeFileSync(path, data, { mode: 0o600 });
}

export function writePublicFile(path: string, value: EncodedKey): void {
  writeFileSync(path, value instanceof Uint8Array ? value : asText(value), { mode: 0o644 });
}
