import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { ECPrivateKey } from '@peculiar/asn1-ecc';
import { PrivateKeyInfo, PrivateKey } from '@peculiar/asn1-pkcs8';
import { exportKey, importKey, seededRandom, specs } from '../src/index.js';
import type { EcSpec } from '../src/model/spec.js';
import { codeOf } from './helpers/codes.js';

/**
 * Botan 2.x writes the ECPrivateKey privateKey OCTET STRING without its leading zero bytes (RFC 5915 §3
 * asks for the full length). keysmith reads such keys from PKCS#8 and SEC 1, keeps `raw` strict and always
 * writes the full length. The test keys are real keys whose scalar starts with a zero byte, re-encoded
 * with that byte stripped, as Botan writes them.
 */
const ecSpecs = specs.filter((s): s is EcSpec => s.family === 'ec');

/** A valid scalar whose first byte is zero: 00 ‖ seeded bytes (far below every curve order). */
function shortScalarKey(spec: EcSpec, strip: number): Uint8Array {
  const d = new Uint8Array(spec.fieldBytes);
  d.set(seededRandom(`short scalar ${spec.name}`)(spec.fieldBytes - strip), strip);
  d[strip] ||= 1;
  return d;
}

function stripSec1(der: Uint8Array, strip: number): Uint8Array {
  const k = AsnConvert.parse(der, ECPrivateKey);
  const d = new Uint8Array(k.privateKey.buffer);
  expect(d.subarray(0, strip).every((b) => b === 0)).toBe(true);
  k.privateKey = new OctetString(d.slice(strip));
  return new Uint8Array(AsnConvert.serialize(k));
}

function stripPkcs8(der: Uint8Array, strip: number): Uint8Array {
  const info = AsnConvert.parse(der, PrivateKeyInfo);
  info.privateKey = new PrivateKey(stripSec1(new Uint8Array(info.privateKey.buffer), strip));
  return new Uint8Array(AsnConvert.serialize(info));
}

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'keysmith-short-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(ecSpecs)('$name: a scalar stored without its leading zero bytes', (spec) => {
  for (const strip of [1, 2]) {
    it(`imports from PKCS#8 and SEC 1 (${strip} byte(s) short), exports the full length, refuses it as raw`, async () => {
      const d = shortScalarKey(spec, strip);
      const pair = await importKey(spec, d, 'raw');
      const sec1 = (await exportKey(pair, 'sec1-der')) as Uint8Array;
      const pkcs8 = (await exportKey(pair, 'pkcs8-der')) as Uint8Array;
      const shortSec1 = stripSec1(sec1, strip);
      const shortPkcs8 = stripPkcs8(pkcs8, strip);
      expect(shortSec1.length).toBe(sec1.length - strip);

      for (const [data, format] of [[shortSec1, 'sec1-der'], [shortPkcs8, 'pkcs8-der']] as const) {
        const back = await importKey(spec, data, format);
        expect(await exportKey(back, 'sec1-der')).toEqual(sec1);
        expect(await exportKey(back, 'pkcs8-der')).toEqual(pkcs8);
        expect(await exportKey(back, 'raw')).toEqual(d);
      }
      expect(await codeOf(importKey(spec, d.slice(strip), 'raw'))).toBe('INVALID_KEY');
      // a scalar that is short and out of range is still validated after padding
      const zero = stripSec1(sec1, strip);
      const k = AsnConvert.parse(zero, ECPrivateKey);
      k.privateKey = new OctetString(new Uint8Array(spec.fieldBytes - strip));
      expect(await codeOf(importKey(spec, new Uint8Array(AsnConvert.serialize(k)), 'sec1-der'))).toBe('INVALID_KEY');
    });
  }

  it('OpenSSL reads the same short encoding (the peer keysmith now agrees with)', async () => {
    if (spec.name === 'SM2') return; // OpenSSL 3.0's `pkey` reads SM2 SEC 1 only under its own label
    const d = shortScalarKey(spec, 1);
    const pair = await importKey(spec, d, 'raw');
    const short = stripPkcs8((await exportKey(pair, 'pkcs8-der')) as Uint8Array, 1);
    writeFileSync(join(dir, 'short.der'), short);
    const out = execFileSync('openssl', ['pkey', '-inform', 'DER', '-in', join(dir, 'short.der')], { stdio: ['ignore', 'pipe', 'pipe'] });
    const full = await importKey(spec, out.toString('utf8'), 'pkcs8-pem');
    expect(full).toBeDefined();
    expect(await exportKey(full, 'raw')).toEqual(d);
  });
});
