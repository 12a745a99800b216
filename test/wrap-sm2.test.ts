import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import smCrypto from 'sm-crypto';
import { decodeSm2Ciphertext, encodeSm2Ciphertext, SM2_LAYOUTS } from '../src/wrap/sm2-layout.js';
import { sm2Decrypt, sm2EncryptWithNonce } from '../src/sm/sm2-encrypt.js';
import { bytesToHex, hex, utf8 } from '../src/bytes.js';
import { generateKey } from '../src/core/generate.js';
import { exportKey } from '../src/core/export.js';
import { importKey } from '../src/core/import.js';
import { KeyPair, type Key } from '../src/core/key.js';
import { wrapKey, unwrapKey } from '../src/wrap/wrap-key.js';
import { readSharedJson, sharedAvailable } from './helpers/vectors.js';
import { codeOf, codeOfSync } from './helpers/codes.js';

describe.skipIf(!sharedAvailable)('SM2 ciphertext layouts: GB/T 32918.5 Annex C example (sm2p256v1)', () => {
  // read when the suite runs, not when it is collected (the suite is skipped without ../shared)
  let e: any; // vector JSON
  let given: Record<'C1C3C2' | 'C1C2C3' | 'C1C3C2_ASN1', Uint8Array>;
  let publicPoint: Uint8Array;
  let d: Uint8Array;
  beforeAll(() => {
    const v = readSharedJson('sm/sm2_vectors.json').recommended_curve;
    e = v.encryption;
    given = {
      C1C3C2: hex(e.ciphertext_raw_C1C3C2),
      C1C2C3: hex(e.ciphertext_raw_C1C2C3),
      C1C3C2_ASN1: hex(e.ciphertext_asn1_der_GMT0009),
    };
    publicPoint = hex('04' + v.keypair.Px + v.keypair.Py);
    d = hex(e.d);
  });

  it('encryption with the example k gives the example ciphertext, in all three layouts', () => {
    const raw = sm2EncryptWithNonce(publicPoint, utf8(e.message_ascii), BigInt('0x' + e.k))!;
    expect(bytesToHex(raw)).toBe(e.ciphertext_raw_C1C3C2.toLowerCase());
    for (const layout of SM2_LAYOUTS) expect(bytesToHex(encodeSm2Ciphertext(raw, layout)), layout).toBe(bytesToHex(given[layout]));
  });

  it('each layout decodes and decrypts to the example message', () => {
    for (const layout of SM2_LAYOUTS) {
      const raw = decodeSm2Ciphertext(given[layout], layout);
      expect(new TextDecoder().decode(sm2Decrypt(d, raw)), layout).toBe(e.message_ascii);
    }
  });

  it('a blob read with the wrong layout is rejected', () => {
    for (const layout of SM2_LAYOUTS) {
      for (const other of SM2_LAYOUTS.filter((l) => l !== layout)) {
        expect(codeOfSync(() => sm2Decrypt(d, decodeSm2Ciphertext(given[layout], other))), `${layout} read as ${other}`).toBe('UNWRAP_FAILED');
      }
    }
  });
});

describe('SM2 ASN.1 layout: malformed DER', () => {
  const raw = Uint8Array.from([0x04, ...new Array(64).fill(0x11), ...new Array(32).fill(0x22), 1, 2, 3]);
  const der = encodeSm2Ciphertext(raw, 'C1C3C2_ASN1');
  const cases: [string, Uint8Array][] = [
    ['truncated', der.subarray(0, der.length - 1)],
    ['trailing byte', Uint8Array.from([...der, 0])],
    ['long-form length', Uint8Array.from([0x30, 0x81, der[1]!, ...der.subarray(2)])],
    ['empty', new Uint8Array(0)],
    ['not a sequence', Uint8Array.from([0x31, ...der.subarray(1)])],
  ];
  for (const [name, blob] of cases) {
    it(name, () => {
      expect(codeOfSync(() => decodeSm2Ciphertext(blob, 'C1C3C2_ASN1'))).toBe('UNWRAP_FAILED');
    });
  }
  it('round trip of the raw form', () => {
    expect(bytesToHex(decodeSm2Ciphertext(der, 'C1C3C2_ASN1'))).toBe(bytesToHex(raw));
  });
});

describe('SM2PKE interop', () => {
  let pair: KeyPair;
  let sm4: Key;
  const setup = async () => {
    pair ??= (await generateKey('SM2', { usage: 'ENCRYPT_DECRYPT' })) as KeyPair;
    sm4 ??= (await generateKey('SM4')) as Key;
  };

  it('sm-crypto (cipherMode 1 = C1C3C2, hex without the 04 prefix) both directions', async () => {
    await setup();
    const pubHex = bytesToHex((await exportKey(pair, 'raw-public')) as Uint8Array);
    const dHex = bytesToHex((await exportKey(pair, 'raw')) as Uint8Array);
    const sm4Raw = (await exportKey(sm4, 'raw')) as Uint8Array;
    for (let i = 0; i < 5; i++) {
      const theirs = smCrypto.sm2.doEncrypt(Array.from(sm4Raw), pubHex, 1);
      const back = await unwrapKey(hex('04' + theirs), { algorithm: 'SM2PKE', unwrappingKey: pair, spec: 'SM4' });
      expect(bytesToHex((await exportKey(back, 'raw')) as Uint8Array)).toBe(bytesToHex(sm4Raw));
      const ours = await wrapKey(sm4, { algorithm: 'SM2PKE', wrappingKey: pair });
      expect(ours[0]).toBe(0x04);
      const plain = smCrypto.sm2.doDecrypt(bytesToHex(ours.subarray(1)), dHex, 1, { output: 'array' }) as unknown as number[];
      expect(bytesToHex(Uint8Array.from(plain))).toBe(bytesToHex(sm4Raw));
      // legacy order: sm-crypto cipherMode 0
      const legacy = smCrypto.sm2.doEncrypt(Array.from(sm4Raw), pubHex, 0);
      const back2 = await unwrapKey(hex('04' + legacy), { algorithm: 'SM2PKE', unwrappingKey: pair, spec: 'SM4', layout: 'C1C2C3' });
      expect(bytesToHex((await exportKey(back2, 'raw')) as Uint8Array)).toBe(bytesToHex(sm4Raw));
      const oursLegacy = await wrapKey(sm4, { algorithm: 'SM2PKE', wrappingKey: pair, layout: 'C1C2C3' });
      const plain2 = smCrypto.sm2.doDecrypt(bytesToHex(oursLegacy.subarray(1)), dHex, 0, { output: 'array' }) as unknown as number[];
      expect(bytesToHex(Uint8Array.from(plain2))).toBe(bytesToHex(sm4Raw));
    }
  });

  it('openssl pkeyutl (GM/T 0009 DER, C1C3C2_ASN1) both directions', async () => {
    await setup();
    const dir = mkdtempSync(join(tmpdir(), 'keysmith-sm2-'));
    // the wrapping key pair comes from openssl, keysmith only reads it
    execFileSync('openssl', ['genpkey', '-algorithm', 'SM2', '-out', join(dir, 'priv.pem')], { stdio: 'pipe' });
    execFileSync('openssl', ['pkey', '-in', join(dir, 'priv.pem'), '-pubout', '-out', join(dir, 'pub.pem')]);
    const privPem = readFileSync(join(dir, 'priv.pem'), 'utf8');
    const pubPem = readFileSync(join(dir, 'pub.pem'), 'utf8');
    const sm4Raw = (await exportKey(sm4, 'raw')) as Uint8Array;
    writeFileSync(join(dir, 'key.bin'), sm4Raw);
    for (let i = 0; i < 3; i++) {
      execFileSync('openssl', ['pkeyutl', '-encrypt', '-pubin', '-inkey', join(dir, 'pub.pem'), '-in', join(dir, 'key.bin'), '-out', join(dir, 'theirs.bin')]);
      const theirs = new Uint8Array(readFileSync(join(dir, 'theirs.bin')));
      const back = await unwrapKey(theirs, { algorithm: 'SM2PKE', unwrappingKey: privPem, spec: 'SM4', layout: 'C1C3C2_ASN1' });
      expect(bytesToHex((await exportKey(back, 'raw')) as Uint8Array)).toBe(bytesToHex(sm4Raw));
      // the raw layout of the same blob is refused
      expect(await codeOf(() => unwrapKey(theirs, { algorithm: 'SM2PKE', unwrappingKey: privPem, spec: 'SM4' }))).toBe('UNWRAP_FAILED');

      const ours = await wrapKey(sm4, { algorithm: 'SM2PKE', wrappingKey: pubPem, layout: 'C1C3C2_ASN1' });
      writeFileSync(join(dir, 'ours.bin'), ours);
      const plain = execFileSync('openssl', ['pkeyutl', '-decrypt', '-inkey', join(dir, 'priv.pem'), '-in', join(dir, 'ours.bin')]);
      expect(bytesToHex(new Uint8Array(plain))).toBe(bytesToHex(sm4Raw));
    }
  });

  it('a point off the curve, a bad C3 and a short blob are UNWRAP_FAILED', async () => {
    await setup();
    const blob = await wrapKey(sm4, { algorithm: 'SM2PKE', wrappingKey: pair });
    const offCurve = blob.slice();
    offCurve[64]! ^= 1; // last byte of y
    const badC3 = blob.slice();
    badC3[70]! ^= 0x80;
    const compressed = Uint8Array.from([0x02, ...blob.subarray(1, 33), ...blob.subarray(65)]);
    for (const b of [offCurve, badC3, blob.subarray(0, 97), blob.subarray(0, 98), compressed]) {
      expect(await codeOf(() => unwrapKey(b, { algorithm: 'SM2PKE', unwrappingKey: pair, spec: 'SM4' }))).toBe('UNWRAP_FAILED');
    }
  });

  it('unwrapping with a different SM2 key fails', async () => {
    await setup();
    const other = await generateKey('SM2', { usage: 'ENCRYPT_DECRYPT' });
    const blob = await wrapKey(sm4, { algorithm: 'SM2PKE', wrappingKey: pair });
    expect(await codeOf(() => unwrapKey(blob, { algorithm: 'SM2PKE', unwrappingKey: other, spec: 'SM4' }))).toBe('UNWRAP_FAILED');
  });

  it.skipIf(!sharedAvailable)('the example key pair imports and wraps', async () => {
    const v = readSharedJson('sm/sm2_vectors.json').recommended_curve;
    const p = await importKey('SM2', hex(v.keypair.d), 'raw', { usage: 'ENCRYPT_DECRYPT' });
    expect(bytesToHex((await exportKey(p, 'raw-public')) as Uint8Array)).toBe(('04' + v.keypair.Px + v.keypair.Py).toLowerCase());
    await setup();
    const blob = await wrapKey(sm4, { algorithm: 'SM2PKE', wrappingKey: p, layout: 'C1C3C2_ASN1' });
    const back = await unwrapKey(blob, { algorithm: 'SM2PKE', unwrappingKey: p, spec: 'SM4', layout: 'C1C3C2_ASN1' });
    expect(bytesToHex((await exportKey(back, 'raw')) as Uint8Array)).toBe(bytesToHex((await exportKey(sm4, 'raw')) as Uint8Array));
  });
});
