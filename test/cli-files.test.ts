import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, cliScratchDir, mainJs } from './helpers/cli.js';

/** Secret files are written like ssh-keygen's: new and 0600, replaced only with --force, never through a link. */

const dir = cliScratchDir('keysmith-cli-files-');

const mode = (p: string) => (statSync(p).mode & 0o777).toString(8);

function field(out: string, name: string): string {
  const m = new RegExp(`^${name}: (.+)$`, 'm').exec(out);
  if (!m) throw new Error(`no ${name} in output:\n${out}`);
  return m[1]!;
}

/** A readable old file, as `echo old > k.pem; chmod 644 k.pem` leaves it. */
function oldFile(name: string): string {
  const p = join(dir, name);
  writeFileSync(p, 'old\n');
  chmodSync(p, 0o644);
  return p;
}

describe('secret key files', () => {
  let wrapPub: string;
  let wrapPriv: string;
  let ekm: string;
  beforeAll(() => {
    wrapPriv = join(dir, 'wrapping.pem');
    const p = cli(['import-params', '--for', 'aliyun', '--algorithm', 'RSAES_OAEP_SHA_256', '--private-out', wrapPriv]);
    expect(p.status, p.stderr).toBe(0);
    wrapPub = field(p.stdout, 'PublicKey');
    const w = cli(['wrap', '--for', 'aliyun', '--algorithm', 'RSAES_OAEP_SHA_256', '--public-key', wrapPub, '--spec', 'AES_256', '--key-out', join(dir, 'aes-first.bin')]);
    expect(w.status, w.stderr).toBe(0);
    ekm = field(w.stdout, 'EncryptedKeyMaterial');
  });

  const writers: [string, (out: string) => string[]][] = [
    ['generate --out', (out) => ['generate', 'EC_P256', '--out', out]],
    ['import-params --private-out', (out) => ['import-params', '--for', 'aliyun', '--algorithm', 'RSAES_OAEP_SHA_256', '--private-out', out]],
    ['wrap --key-out', (out) => ['wrap', '--for', 'aliyun', '--algorithm', 'RSAES_OAEP_SHA_256', '--public-key', wrapPub, '--spec', 'AES_256', '--key-out', out]],
    ['unwrap --out', (out) => ['unwrap', '--for', 'aliyun', '--algorithm', 'RSAES_OAEP_SHA_256', '--private-key', wrapPriv, '--spec', 'AES_256', '--out', out, ekm]],
  ];

  for (const [name, args] of writers) {
    it(`${name}: refuses an existing file, replaces it with --force as a new 0600 file`, () => {
      const file = oldFile(`${name.replace(/\W+/g, '_')}.key`);
      const refused = cli(args(file));
      expect(refused.status).toBe(2);
      expect(refused.stderr).toMatch(/error INVALID_ARGUMENT: --[a-z-]+: .* already exists; add --force to replace it \(EEXIST\)/);
      expect(readFileSync(file, 'utf8')).toBe('old\n');
      expect(mode(file)).toBe('644');

      const forced = cli([...args(file), '--force']);
      expect(forced.status, forced.stderr).toBe(0);
      expect(mode(file)).toBe('600');
      expect(readFileSync(file, 'utf8')).not.toBe('old\n');
      expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    });
  }

  it('new files are exactly 0600 (secret) and 0644 (public), whatever the umask', () => {
    const key = join(dir, 'umask.pem');
    const pub = join(dir, 'umask.pub.pem');
    const r = spawnSync('sh', ['-c', `umask 000; exec "${process.execPath}" "${mainJs}" generate SM2 --out "${key}" --public-out "${pub}"`], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(mode(key)).toBe('600');
    expect(mode(pub)).toBe('644');
    // --force over a 0600 file still gives a public key 0644
    const again = cli(['generate', 'SM2', '--out', key, '--public-out', pub, '--force']);
    expect(again.status, again.stderr).toBe(0);
    expect([mode(key), mode(pub)]).toEqual(['600', '644']);
  });

  it('never writes through a symbolic link, with or without --force', () => {
    const target = oldFile('link-target.pem');
    const link = join(dir, 'link.pem');
    symlinkSync(target, link);
    const dangling = join(dir, 'dangling.pem');
    symlinkSync(join(dir, 'not-there.pem'), dangling);
    for (const out of [link, dangling]) {
      for (const force of [[], ['--force']]) {
        const r = cli(['generate', 'EC_P256', '--out', out, ...force]);
        expect(r.status).toBe(2);
        expect(r.stderr).toMatch(/--out: .* is a symbolic link; keysmith does not write through links \(ELOOP\)/);
        expect(lstatSync(out).isSymbolicLink()).toBe(true);
      }
    }
    expect(readFileSync(target, 'utf8')).toBe('old\n');
    expect(() => statSync(join(dir, 'not-there.pem'))).toThrow();
    const pub = cli(['generate', 'EC_P256', '--out', join(dir, 'fine.pem'), '--public-out', link, '--force']);
    expect(pub.status).toBe(2);
    expect(pub.stderr).toMatch(/--public-out: .* symbolic link/);
  });
});

describe('file errors name the option and the reason, exit 2', () => {
  it('outputs, inputs and directories', () => {
    const sub = join(dir, 'a-dir');
    mkdirSync(sub);
    const cases: [string[], RegExp][] = [
      [['generate', 'EC_P256', '--out', '/no/such/dir/k.pem'], /error INVALID_ARGUMENT: --out: \/no\/such\/dir does not exist \(ENOENT\)/],
      [['generate', 'EC_P256', '--out', sub], /error INVALID_ARGUMENT: --out: .*a-dir is a directory \(EISDIR\)/],
      [['generate', 'EC_P256', '--out', join(dir, 'p.pem'), '--public-out', '/no/such/dir/p.pub'], /--public-out: \/no\/such\/dir does not exist \(ENOENT\)/],
      [['import-params', '--for', 'aws', '--private-out', sub], /--private-out: .*a-dir is a directory \(EISDIR\)/],
      [['wrap', '--for', 'aws', '--algorithm', 'RSAES_OAEP_SHA_256', '--public-key', sub, '--spec', 'AES_256'], /--public-key: .*a-dir is a directory \(EISDIR\)/],
      [['wrap', '--for', 'aws', '--algorithm', 'RSAES_OAEP_SHA_256', '--public-key', 'AAAA', '--key', '/no/such/key.bin'], /--key: \/no\/such\/key.bin does not exist \(ENOENT\)/],
      [['unwrap', '--for', 'aws', '--algorithm', 'RSAES_OAEP_SHA_256', '--private-key', sub, '--spec', 'AES_256', 'AAAA'], /--private-key: .*a-dir is a directory \(EISDIR\)/],
      [['unwrap', '--for', 'aws', '--algorithm', 'RSAES_OAEP_SHA_256', '--private-key', '/no/such/wrapping.pem', '--spec', 'AES_256', 'AAAA'], /--private-key: \/no\/such\/wrapping.pem does not exist/],
      [['inspect', sub], /error INVALID_ARGUMENT: inspect: .*a-dir is a directory \(EISDIR\)/],
      // inline base64 longer than a file name can be (ENAMETOOLONG on lstat) is key data, not a path
      [['wrap', '--for', 'aws', '--algorithm', 'RSAES_OAEP_SHA_256', '--public-key', 'A'.repeat(400), '--spec', 'AES_256'], /error INVALID_(FORMAT|KEY): /],
      [['inspect', '/no/such/key.pem'], /error INVALID_ARGUMENT: inspect: \/no\/such\/key.pem does not exist \(ENOENT\)/],
    ];
    for (const [args, err] of cases) {
      const r = cli(args);
      expect(r.status, `${args.join(' ')}\n${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(err);
      expect(r.stderr).not.toMatch(/unexpected error|\n\s+at /);
    }
  });
});
