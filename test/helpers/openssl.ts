import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/** A test file's scratch folder, with the openssl CLI as the independent peer. */
export interface OpensslWorkspace {
  readonly dir: string;
  /** Runs `openssl args…` with `input` on stdin; its stdout as bytes. A non-zero exit throws. */
  openssl(args: string[], input?: Uint8Array | string): Uint8Array;
  /** Writes `data` to `name` in the folder; returns the path. */
  file(name: string, data: Uint8Array | string): string;
}

/** A fresh folder for one test file, removed after its tests. Call it at the top level of the file. */
export function opensslWorkspace(prefix: string): OpensslWorkspace {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return {
    dir,
    openssl: (args, input) => new Uint8Array(execFileSync('openssl', args, { input, stdio: ['pipe', 'pipe', 'pipe'] })),
    file: (name, data) => {
      const p = join(dir, name);
      writeFileSync(p, data);
      return p;
    },
  };
}
