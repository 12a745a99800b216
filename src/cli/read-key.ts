import { isKeysmithError } from '../errors.js';
import { importDetected, type DetectOptions, type Detected, type EncodedKeyInput } from '../core/detect.js';
import { importKey } from '../core/import.js';
import type { KeyMaterialProvider } from '../provider/types.js';
import { pureProvider } from '../provider/pure/provider.js';

/**
 * A key input of unknown spec and format, imported into the --provider's backend. Detection tries every
 * accepted spec, so a provider that cannot hold the key's spec fails every try and the reason would be
 * lost among parse errors. Then the reference decoder (the pure provider, which only decodes here: the
 * key it makes is destroyed at once) says which spec and format the data is, and importing that into the
 * chosen provider fails with the library's own reason (UNSUPPORTED). Never a fallback: the key returned is
 * always on `provider`.
 */
export async function readKeyWith(input: EncodedKeyInput, o: DetectOptions, provider: KeyMaterialProvider): Promise<Detected> {
  try {
    return await importDetected(input, { ...o, provider });
  } catch (e) {
    if (!isKeysmithError(e) || provider === pureProvider) throw e;
    const seen = await importDetected(input, { ...o, provider: pureProvider }).catch(() => undefined);
    if (seen === undefined) throw e;
    const { spec, usage } = seen.key;
    seen.key.destroy();
    const data = typeof input === 'string' && !input.includes('-----BEGIN') && !input.trim().startsWith('{') ? undefined : input;
    if (data === undefined) throw e; // base64 text: detection decoded it; its own error stands
    return { key: await importKey(spec, data, seen.format, { usage, provider, ...(o.attributes ? { attributes: o.attributes } : {}) }), format: seen.format };
  }
}
