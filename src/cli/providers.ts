import { describeValue, fail } from '../errors.js';
import type { KeyMaterialProvider } from '../provider/types.js';
import { pureProvider } from '../provider/pure/provider.js';
import { distance } from './args.js';

/** One backend the CLI's `--provider NAME` can select. */
export interface CliProviderEntry {
  /** Shown in --help and in the unknown-name message. */
  readonly description: string;
  /**
   * Makes (or returns) the provider, from the environment where it needs configuration (a PKCS#11 library
   * path, token and PIN). Called once per command, only when a key is created or read; the CLI calls the
   * provider's `close()` (if it has one) when the command ends.
   */
  open(env: Readonly<Record<string, string | undefined>>): KeyMaterialProvider | Promise<KeyMaterialProvider>;
}

export type CliProviderTable = Readonly<Record<string, CliProviderEntry>>;

/**
 * The backends `--provider` knows: one line each. `pure` is the default.
 * A backend joins with one line once its module exists; load it lazily (`await import`) so the CLI starts
 * without it, and read its configuration from `env` (PKCS#11: KEYSMITH_PKCS11_LIBRARY, _TOKEN, _PIN).
 */
export const CLI_PROVIDERS: CliProviderTable = Object.freeze({
  pure: { description: 'pure TypeScript, in this process (default)', open: () => pureProvider },
  node: { description: 'OpenSSL through node:crypto', open: async () => (await import('../node/index.js')).nodeCryptoProvider() },
  pkcs11: {
    description: 'a PKCS#11 token (KEYSMITH_PKCS11_LIBRARY, KEYSMITH_PKCS11_TOKEN, KEYSMITH_PKCS11_PIN)',
    open: async (env) => {
      const { KEYSMITH_PKCS11_LIBRARY: library, KEYSMITH_PKCS11_TOKEN: tokenLabel, KEYSMITH_PKCS11_PIN: pin } = env;
      if (!library || !tokenLabel || pin === undefined) {
        fail('INVALID_ARGUMENT', '--provider pkcs11 needs KEYSMITH_PKCS11_LIBRARY, KEYSMITH_PKCS11_TOKEN and KEYSMITH_PKCS11_PIN in the environment');
      }
      return (await import('../pkcs11/index.js')).pkcs11Provider({ library, tokenLabel, pin });
    },
  },
});

export const DEFAULT_PROVIDER = 'pure';

/** The --provider help text: every name and what it is. */
export function providerHelp(table: CliProviderTable): string {
  return `key backend: ${Object.entries(table).map(([n, e]) => `${n} (${e.description})`).join('; ')}`;
}

/**
 * The provider of one command run: the name is checked when the command starts (an unknown name gets the
 * nearest known names), the provider is opened on first use and closed by `close()`.
 */
export class ProviderChoice {
  #opened: Promise<KeyMaterialProvider> | undefined;
  readonly name: string;

  constructor(
    private readonly table: CliProviderTable,
    name: string | undefined,
    private readonly env: Readonly<Record<string, string | undefined>>,
  ) {
    const n = name ?? DEFAULT_PROVIDER;
    if (!Object.hasOwn(table, n)) {
      const known = Object.keys(table);
      const near = known.filter((k) => distance(n.toLowerCase(), k) <= Math.max(2, Math.floor(k.length / 3)));
      const hint = near.length > 0 ? `; did you mean ${near.join(' or ')}?` : '';
      fail('INVALID_ARGUMENT', `--provider: unknown provider ${describeValue(n, 32)}${hint} (known: ${known.join(', ')})`);
    }
    this.name = n;
  }

  /** The provider, opened once. */
  get(): Promise<KeyMaterialProvider> {
    this.#opened ??= Promise.resolve().then(() => this.table[this.name]!.open(this.env));
    return this.#opened;
  }

  /** Whether this is the default pure provider (the one keysmith/node's worker threads run). */
  get isPure(): boolean {
    return this.name === DEFAULT_PROVIDER;
  }

  /** Closes the provider if it was opened and can be closed. */
  async close(): Promise<void> {
    if (this.#opened === undefined) return;
    const p = await this.#opened.catch(() => undefined);
    this.#opened = undefined;
    await p?.close?.();
  }
}

/** Runs `fn` with the --provider choice of one command, and closes the provider after it. */
export async function withProvider<T>(
  ctx: { readonly providers: CliProviderTable; readonly io: { readonly env?: Readonly<Record<string, string | undefined>> } },
  name: string | undefined,
  fn: (choice: ProviderChoice) => Promise<T>,
): Promise<T> {
  const choice = new ProviderChoice(ctx.providers, name, ctx.io.env ?? {});
  try {
    return await fn(choice);
  } finally {
    await choice.close();
  }
}
