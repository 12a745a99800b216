// Node Buffers are Uint8Arrays whose slice() is a view, not a copy: keysmith must copy caller bytes before it
// keeps or wipes them, or it zeroes the caller's buffer (or its own key along with the caller's source).
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { exportKey, generateKey, importKey, wrapKey } from '../src/index.js';

describe('Node Buffer inputs are copied, never aliased', () => {
  it('a random source returning Buffers gives a real key, not the zeroed draw', async () => {
    const key = await generateKey('AES_256', { random: (n: number) => randomBytes(n) });
    const raw = (await exportKey(key, 'raw')) as Uint8Array;
    expect(raw.some((b) => b !== 0)).toBe(true);
  });

  it('wrapKey leaves the caller\'s raw KEK Buffer as it was', async () => {
    const kek = randomBytes(32);
    const before = Buffer.from(kek);
    const target = await generateKey('AES_256');
    await wrapKey(target, { algorithm: 'AES_KW', wrappingKey: kek });
    expect(Buffer.compare(kek, before)).toBe(0);
  });

  it('importKey of raw bytes in a Buffer leaves the Buffer as it was, after the key is destroyed', async () => {
    const bytes = randomBytes(32);
    const before = Buffer.from(bytes);
    const key = await importKey('AES_256', bytes, 'raw');
    key.destroy();
    expect(Buffer.compare(bytes, before)).toBe(0);
  });
});
