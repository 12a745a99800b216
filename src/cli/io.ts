import { readFileSync } from 'node:fs';
import { toBase64 } from '../bytes.js';
import { fail } from '../errors.js';
import type { EncodedKey } from '../encoding/formats.js';
import { ioFail } from './files.js';
import type { CliProviderTable } from './providers.js';

/** One output stream of the CLI. `fd` is set for real descriptors (the progress indicator writes to it directly). */
export interface CliOutput {
  write(chunk: string | Uint8Array): void;
  readonly isTTY: boolean;
  readonly fd?: number;
  /** Terminal width, where known. */
  readonly columns?: number;
}

/**
 * Everything the CLI touches outside its arguments and files. `nodeIO()` is the process; tests pass their
 * own to play a terminal (`isTTY`) without one.
 */
export interface CliIO {
  readonly stdout: CliOutput;
  readonly stderr: CliOutput;
  readStdin(): Promise<Uint8Array>;
  /** Milliseconds of work before the progress indicator appears (default 300). */
  readonly progressDelayMs?: number;
  /** Calls `listener` on Ctrl-C (SIGINT) until the returned function is called; absent: no cancellation. */
  onInterrupt?(listener: () => void): () => void;
  /** Environment variables (provider configuration); default: none. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export function nodeIO(): CliIO {
  return {
    stdout: { write: (c) => void process.stdout.write(c), isTTY: process.stdout.isTTY === true, fd: 1 },
    stderr: {
      write: (c) => void process.stderr.write(c),
      isTTY: process.stderr.isTTY === true,
      fd: 2,
      get columns() {
        return process.stderr.columns;
      },
    },
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      return new Uint8Array(Buffer.concat(chunks));
    },
    onInterrupt: (listener) => {
      process.on('SIGINT', listener);
      return () => void process.off('SIGINT', listener);
    },
    env: process.env,
  };
}

/**
 * A key file's contents as core/detect takes them: printable text (PEM, JWK, base64) as a string, anything
 * else (DER, raw key bytes) as bytes.
 */
export function keyFileInput(data: Uint8Array): string | Uint8Array {
  const text = new TextDecoder().decode(data);
  return /^[\x09\x0a\x0d\x20-\x7e]*$/.test(text) && text.trim().length > 0 ? text : new Uint8Array(data);
}

/**
 * Reads one input argument: `-` is standard input (once per command), anything else a file. `label` is the
 * option's name as the user typed it; it starts every error message. Empty input is refused here, where
 * the message can say so.
 */
export class InputReader {
  private stdinTakenBy: string | undefined;

  constructor(private readonly io: CliIO) {}

  async read(label: string, arg: string): Promise<Uint8Array> {
    let data: Uint8Array;
    if (arg === '-') {
      if (this.stdinTakenBy !== undefined) fail('INVALID_ARGUMENT', `${label}: standard input is already ${this.stdinTakenBy}; only one input can be -`);
      this.stdinTakenBy = label;
      data = await this.io.readStdin();
    } else {
      try {
        data = new Uint8Array(readFileSync(arg));
      } catch (e) {
        ioFail(label, arg, e, 'read');
      }
    }
    if (new TextDecoder().decode(data).trim().length === 0) fail('INVALID_FORMAT', `${label}: empty input${arg === '-' ? ' on standard input' : ` in ${arg}`}`);
    return data;
  }
}

/** Text form of an encoded key for a terminal or JSON: PEM as is, JWK as JSON, bytes as base64. */
export function asText(value: EncodedKey): string {
  if (typeof value === 'string') return value.endsWith('\n') ? value : value + '\n';
  if (value instanceof Uint8Array) return toBase64(value) + '\n';
  return JSON.stringify(value, null, 2) + '\n';
}

/** What goes into a file or a pipe: bytes as they are (or as base64 text), text formats as UTF-8 text. */
export function encodedBytes(value: EncodedKey, base64 = false): Uint8Array {
  if (value instanceof Uint8Array && !base64) return value;
  return new TextEncoder().encode(asText(value));
}

/** Per-run state the commands share: the streams, standard input (which only one argument may take), the --provider table. */
export interface CliContext {
  readonly io: CliIO;
  readonly input: InputReader;
  readonly providers: CliProviderTable;
}

/** Ends the command with this exit status after its own message (Ctrl-C: 130). */
export class CliExit extends Error {
  constructor(readonly status: number) {
    super(`exit ${status}`);
  }
}

export function warn(io: CliIO, message: string): void {
  io.stderr.write(`keysmith: warning: ${message}\n`);
}
