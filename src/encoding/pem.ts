import { equalBytes, fromBase64, toBase64 } from '../bytes.js';
import { fail } from '../errors.js';
import { textCap } from './limits.js';

export type PemLabel = 'PRIVATE KEY' | 'PUBLIC KEY' | 'RSA PRIVATE KEY' | 'RSA PUBLIC KEY' | 'EC PRIVATE KEY' | 'SM2 PRIVATE KEY';

/** RFC 7468 §2 "strict" generation: 64-character base64 lines, LF line ends, trailing newline (as OpenSSL writes). */
export function pemEncode(label: PemLabel, der: Uint8Array): string {
  const b64 = toBase64(der);
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 64) lines.push(b64.slice(i, i + 64));
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/**
 * Labels an error message may quote (RFC 7468 §5–§13 and OpenSSL's traditional ones). Any other label is
 * described by its length only: a label is caller text, and a message never echoes caller text that could
 * be anything (a key pasted in the wrong place included).
 */
const QUOTABLE_LABELS: ReadonlySet<string> = new Set([
  'CERTIFICATE', 'X509 CRL', 'CERTIFICATE REQUEST', 'NEW CERTIFICATE REQUEST', 'TRUSTED CERTIFICATE', 'PKCS7', 'CMS',
  'ATTRIBUTE CERTIFICATE', 'PRIVATE KEY', 'ENCRYPTED PRIVATE KEY', 'PUBLIC KEY', 'RSA PRIVATE KEY', 'RSA PUBLIC KEY',
  'EC PRIVATE KEY', 'EC PARAMETERS', 'SM2 PRIVATE KEY', 'DSA PRIVATE KEY', 'DH PARAMETERS', 'X9.42 DH PARAMETERS',
  'OPENSSH PRIVATE KEY', 'SSH2 PUBLIC KEY', 'PGP PRIVATE KEY BLOCK', 'PGP PUBLIC KEY BLOCK',
]);

/** A PEM label for a message: quoted when it is a well-known label, else only its length. */
export function describeLabel(label: string): string {
  return QUOTABLE_LABELS.has(label) ? JSON.stringify(label) : `of ${label.length} characters (not a known PEM label)`;
}

export interface PemBlock {
  readonly label: string;
  /** The base64 text between the boundaries, not yet decoded. */
  readonly body: string;
}

// RFC 7468 §3: label characters are printable ASCII except '-', with single spaces between words. Bounded
// so no line can make the scan quadratic; a longer label is not a boundary at all.
const BEGIN = /^-----BEGIN ([\x21-\x2C\x2E-\x7E](?:[ \x21-\x2C\x2E-\x7E]{0,62}[\x21-\x2C\x2E-\x7E])?)-----[ \t]*$/;
const END = /^-----END ([\x21-\x2C\x2E-\x7E](?:[ \x21-\x2C\x2E-\x7E]{0,62}[\x21-\x2C\x2E-\x7E])?)-----[ \t]*$/;
const BODY_LINE = /^[A-Za-z0-9+/=\t ]*$/;

/**
 * Every encapsulated block in `text`, in order. Text outside the boundaries is ignored, as RFC 7468 §2
 * requires ("Data before the encapsulation boundaries are permitted, and parsers MUST NOT malfunction when
 * processing such data"): `openssl pkcs12 -nodes` "Bag Attributes" lines, comments, npm's run banner.
 * Inside a block only base64 and whitespace may appear (RFC 7468 §3 "lax" body), so headers (RFC 1421
 * encrypted PEM) are refused; BEGIN and END labels must match.
 */
export function pemBlocks(text: unknown): PemBlock[] {
  if (typeof text !== 'string') fail('INVALID_FORMAT', 'PEM input must be a string');
  const cap = textCap();
  if (text.length > cap) fail('INVALID_FORMAT', `PEM input of ${text.length} characters is larger than any key file it can be (at most ${cap})`);
  const blocks: PemBlock[] = [];
  let open: { label: string; body: string[] } | undefined;
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = raw.trim();
    if (open === undefined) {
      const m = BEGIN.exec(line);
      if (m) open = { label: m[1]!, body: [] };
      continue;
    }
    const end = END.exec(line);
    if (end) {
      if (end[1] !== open.label) fail('INVALID_FORMAT', `PEM BEGIN and END labels differ (BEGIN label ${describeLabel(open.label)}, END label ${describeLabel(end[1]!)})`);
      blocks.push({ label: open.label, body: open.body.join('') });
      open = undefined;
      continue;
    }
    if (BEGIN.test(line)) fail('INVALID_FORMAT', `PEM block with label ${describeLabel(open.label)} has no END line before the next BEGIN`);
    if (!BODY_LINE.test(line)) {
      fail('INVALID_FORMAT', `PEM block with label ${describeLabel(open.label)} has a line that is not base64 (encrypted PEM and PEM headers are not supported)`);
    }
    open.body.push(line);
  }
  if (open) fail('INVALID_FORMAT', `PEM block with label ${describeLabel(open.label)} has no END line`);
  return blocks;
}

/**
 * Reads the one key in a PEM text whose label is one of `labels`. Text and blocks with other labels
 * (certificates, parameters) around it are ignored. Several blocks with an accepted label must all hold the
 * same DER (the same key pasted twice is that key); two different keys are refused rather than one picked.
 * Returns the label found and the DER.
 */
export function pemDecode(text: unknown, labels: readonly PemLabel[]): { label: PemLabel; der: Uint8Array } {
  const blocks = pemBlocks(text);
  if (blocks.length === 0) fail('INVALID_FORMAT', 'not PEM: no -----BEGIN …----- / -----END …----- block');
  const ours = blocks.filter((b) => (labels as readonly string[]).includes(b.label));
  if (ours.length === 0) {
    const found = [...new Set(blocks.map((b) => describeLabel(b.label)))].join(', ');
    fail('INVALID_FORMAT', `PEM label ${found} does not match the format (expected ${labels.join(' or ')})`);
  }
  let first: { label: PemLabel; der: Uint8Array } | undefined;
  for (const b of ours) {
    const der = fromBase64(b.body);
    if (der.length === 0) fail('INVALID_FORMAT', 'empty PEM body');
    if (first === undefined) first = { label: b.label as PemLabel, der };
    else if (b.label !== first.label || !equalBytes(der, first.der)) {
      fail('INVALID_FORMAT', `PEM text holds more than one key (${ours.length} ${labels.join(' or ')} blocks that differ); give one key per input`);
    }
  }
  return first!;
}
