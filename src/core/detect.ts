import { fromBase64 } from '../bytes.js';
import { fail, isKeysmithError, KeysmithError } from '../errors.js';
import { specs } from '../registry/specs.js';
import type { KeySpec, Usage } from '../model/spec.js';
import type { KeyAttributesInput } from '../model/attributes.js';
import type { KeyMaterialProvider } from '../provider/types.js';
import { DER_FORMATS, formatOfPemLabel, type KeyFormat } from '../encoding/formats.js';
import { describeLabel, pemBlocks } from '../encoding/pem.js';
import { importKey } from './import.js';
import type { Key, KeyPair } from './key.js';

/** Key data whose spec and format are not known: DER bytes, PEM, base64 of DER, a JWK (object or JSON text). */
export type EncodedKeyInput = Uint8Array | string | object;

export interface DetectOptions {
  /** Which specs the key may have (default: any). */
  readonly accept?: (spec: KeySpec) => boolean;
  /** The usage to import with (default: ENCRYPT_DECRYPT where the spec allows it, else its default). */
  readonly usage?: Usage;
  /** Also try raw bytes (secret keys, EC private scalars); raw data says nothing of its spec, so narrow `accept`. */
  readonly allowRaw?: boolean;
  /** What the input is called in error messages. */
  readonly what?: string;
  /** The provider the key is imported into (default: the installed default provider). */
  readonly provider?: KeyMaterialProvider;
  readonly attributes?: KeyAttributesInput;
}

export interface Detected {
  readonly key: Key | KeyPair;
  readonly format: KeyFormat;
}

const MAX_TEXT = 1 << 20;

/** The formats the data may be in, from its shape alone. */
function candidates(data: EncodedKeyInput, allowRaw: boolean): { data: EncodedKeyInput; formats: readonly KeyFormat[] } {
  if (typeof data === 'string') {
    if (data.length > MAX_TEXT) fail('INVALID_FORMAT', 'key input too large');
    const text = data.trim();
    // RFC 7468 §2: text around the blocks (openssl's "Bag Attributes", a comment, npm's banner) is ignored
    const blocks = pemBlocks(text);
    if (blocks.length > 0) {
      const keyFormats = [...new Set(blocks.map((b) => formatOfPemLabel(b.label)).filter((f) => f !== undefined))];
      if (keyFormats.length === 0) {
        fail('INVALID_FORMAT', `unsupported PEM label ${[...new Set(blocks.map((b) => describeLabel(b.label)))].join(', ')}`);
      }
      // two blocks of one format are pemDecode's to judge (the same key twice, or two keys); two formats are two keys
      if (keyFormats.length > 1) fail('INVALID_FORMAT', `PEM text holds more than one key (${keyFormats.join(' and ')} blocks); give one key per input`);
      return { data: text, formats: keyFormats };
    }
    if (text.startsWith('{')) {
      let jwk: unknown;
      try {
        jwk = JSON.parse(text);
      } catch {
        // no cause: JSON.parse's message quotes the text around the error, which may be key material
        fail('INVALID_FORMAT', 'text starts with { but is not JSON');
      }
      return candidates(jwk as object, allowRaw);
    }
    return candidates(fromBase64(text), allowRaw);
  }
  if (data instanceof Uint8Array) return { data, formats: allowRaw ? [...DER_FORMATS, 'raw', 'raw-public'] : DER_FORMATS };
  if (typeof data === 'object' && data !== null && !Array.isArray(data)) {
    const isPrivate = 'd' in data || 'k' in data;
    return { data, formats: [isPrivate ? 'jwk' : 'jwk-public'] };
  }
  return fail('INVALID_ARGUMENT', 'key data must be bytes, a string or a JWK object');
}

function usageFor(spec: KeySpec, usage: Usage | undefined): Usage {
  if (usage) return usage;
  return spec.usages.includes('ENCRYPT_DECRYPT') ? 'ENCRYPT_DECRYPT' : spec.defaultUsage;
}

/**
 * Imports key data of unknown spec and format: tries every accepted spec with the formats the data's
 * shape allows, and returns the first that decodes and validates (importKey does all the checks). The
 * algorithm and curve OIDs make DER and PEM unambiguous; raw bytes are only as specific as `accept`.
 */
export async function importDetected(input: EncodedKeyInput, o: DetectOptions = {}): Promise<Detected> {
  const what = o.what ?? 'key';
  const accept = o.accept ?? (() => true);
  const { data, formats } = candidates(input, o.allowRaw ?? false);
  let best: KeysmithError | undefined;
  for (const spec of specs.filter(accept)) {
    for (const format of formats) {
      try {
        const options = { usage: usageFor(spec, o.usage), ...(o.provider ? { provider: o.provider } : {}), ...(o.attributes ? { attributes: o.attributes } : {}) };
        return { key: await importKey(spec, data, format, options), format };
      } catch (e) {
        if (!isKeysmithError(e)) throw e;
        // the most telling failure wins: a well-formed key that does not fit beats a parse error
        if (!best || (best.code !== 'INVALID_KEY' && e.code === 'INVALID_KEY')) best = e;
      }
    }
  }
  const code = best?.code === 'INVALID_KEY' ? 'INVALID_KEY' : 'INVALID_FORMAT';
  throw new KeysmithError(code, `${what}: not a key of an accepted spec in a supported encoding`, best ? { cause: best } : undefined);
}
