import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportKey, generateKey, importKey, KeysmithError } from '../src/index.js';
import { pemDecode } from '../src/encoding/pem.js';
import { codeOf } from './helpers/codes.js';

/**
 * RFC 7468 §2: "Data before the encapsulation boundaries are permitted, and parsers MUST NOT malfunction
 * when processing such data." keysmith reads the key block out of text around it, and refuses a text that
 * holds two different keys rather than pick one.
 */
let dir = '';
const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'keysmith-pem-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function messageOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof KeysmithError) return e.message;
    throw e;
  }
  return 'no error';
}

describe('PEM with text outside the encapsulation boundaries', () => {
  it('reads `openssl pkcs12 -nodes` output: Bag Attributes, a certificate and the key', async () => {
    openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', 'k.pem');
    openssl('req', '-new', '-x509', '-key', 'k.pem', '-subj', '/CN=keysmith test', '-days', '2', '-out', 'c.pem');
    openssl('pkcs12', '-export', '-inkey', 'k.pem', '-in', 'c.pem', '-name', 'keysmith', '-passout', 'pass:x', '-out', 'k.p12');
    openssl('pkcs12', '-in', 'k.p12', '-nodes', '-passin', 'pass:x', '-out', 'dump.pem');
    const dump = readFileSync(join(dir, 'dump.pem'), 'utf8');
    expect(dump).toMatch(/^Bag Attributes/);
    expect(dump).toContain('-----BEGIN CERTIFICATE-----');
    const key = await importKey('EC_P256', dump, 'pkcs8-pem');
    expect(await exportKey(key, 'pkcs8-pem')).toBe(readFileSync(join(dir, 'k.pem'), 'utf8'));
  });

  it('reads a key after a comment, after npm\'s run banner, and with text after END', async () => {
    const pair = await generateKey('EC_P256');
    const pem = (await exportKey(pair, 'pkcs8-pem')) as string;
    const banner = '\n> keysmith@0.1.0 keysmith\n> node dist/cli/main.js generate EC_P256\n\n';
    for (const text of [`# my signing key, 2024\n${pem}`, banner + pem, `${pem}trailing notes\n-- end --\n`, `Subject: key\r\n\r\n${pem.replace(/\n/g, '\r\n')}`]) {
      expect(await exportKey(await importKey('EC_P256', text, 'pkcs8-pem'), 'pkcs8-pem')).toBe(pem);
    }
  });

  it('refuses two different keys with a clear message; takes the same key given twice', async () => {
    const a = (await exportKey(await generateKey('EC_P256'), 'pkcs8-pem')) as string;
    const b = (await exportKey(await generateKey('EC_P256'), 'pkcs8-pem')) as string;
    expect(await codeOf(importKey('EC_P256', a + b, 'pkcs8-pem'))).toBe('INVALID_FORMAT');
    expect(await messageOf(importKey('EC_P256', `comment\n${a}\nmore\n${b}`, 'pkcs8-pem'))).toMatch(/more than one key/);
    expect(await exportKey(await importKey('EC_P256', `${a}\n${a}`, 'pkcs8-pem'), 'pkcs8-pem')).toBe(a);
  });

  it('still refuses what is not one clean block: no block, no END, a header, mismatched labels', () => {
    const body = 'MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg';
    const cases = [
      'just some text',
      `-----BEGIN PRIVATE KEY-----\n${body}\n`,
      `-----BEGIN PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n${body}\n-----END PRIVATE KEY-----\n`,
      `-----BEGIN PRIVATE KEY-----\n${body}\n-----END PUBLIC KEY-----\n`,
      `-----BEGIN PRIVATE KEY-----\n${body}\n-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----\n`,
    ];
    for (const text of cases) expect(() => pemDecode(text, ['PRIVATE KEY'])).toThrowError(KeysmithError);
  });
});
