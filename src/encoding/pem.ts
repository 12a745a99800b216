import { fromBase64, toBase64 } from '../bytes.js';
import { fail } from '../errors.js';

export type PemLabel = 'PRIVATE KEY' | 'PUBLIC KEY' | 'RSA PRIVATE KEY' | 'RSA PUBLIC KEY' | 'EC PRIVATE KEY' | 'SM2 PRIVATE KEY';

/** RFC 7468 §2 "strict" generation: 64-character base64 lines, LF line ends, trailing newline (as OpenSSL writes). */
export function pemEncode(label: PemLabel, der: Uint8Array): string {
  const b64 = toBase64(der);
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 64) lines.push(b64.slice(i, i + 64));
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

const ARMOR = /^-----BEGIN ([A-Z0-9 ]+)-----\r?\n([A-Za-z0-9+/=\r\n\t ]*?)\r?\n?-----END ([A-Z0-9 ]+)-----$/;

/**
 * Reads one PEM block. Tolerates surrounding whitespace, CRLF and blank/whitespace-padded base64 lines
 * (RFC 7468 §3 "lax" body); refuses explanatory text, headers (encrypted PEM), several blocks, a label
 * other than one of `labels`, and bad base64. Returns the label found and the DER.
 */
export function pemDecode(text: unknown, labels: readonly PemLabel[]): { label: PemLabel; der: Uint8Array } {
  if (typeof text !== 'string') fail('INVALID_FORMAT', 'PEM input must be a string');
  if (text.length > 1 << 20) fail('INVALID_FORMAT', 'PEM input too large');
  const m = ARMOR.exec(text.trim());
  if (!m) fail('INVALID_FORMAT', 'not a PEM block');
  const [, begin, body, end] = m;
  if (begin !== end) fail('INVALID_FORMAT', 'PEM BEGIN and END labels differ');
  if (!(labels as readonly string[]).includes(begin!)) {
    fail('INVALID_FORMAT', `PEM label ${JSON.stringify(begin)} does not match the format (expected ${labels.join(' or ')})`);
  }
  const der = fromBase64(body!);
  if (der.length === 0) fail('INVALID_FORMAT', 'empty PEM body');
  return { label: begin as PemLabel, der };
}
