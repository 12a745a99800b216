// What a user would run instead of keysmith, per spec: OpenSSL through node:crypto (the reference the ratios
// are taken against), and the pure-JS libraries they would pick. Each peer does the same work keysmith's
// generateKey does for that family: EC and SM2 peers generate, sign and verify (keysmith runs that PCT);
// RSA peers only generate (keysmith's RSA PCT is one sign + verify, a few ms of a keygen).
import { generateKeyPairSync, sign, verify, webcrypto } from 'node:crypto';
import type { KeySpec } from '../../index.js';

export interface Peer {
  /** Backend label in the table and chart. */
  readonly name: string;
  readonly work: string;
  /** The ratio column divides by this peer's mean. */
  readonly reference: boolean;
  readonly run: () => void;
}

const MESSAGE = new TextEncoder().encode('keysmith bench message');

function hashOf(spec: KeySpec): string {
  const sig = 'signature' in spec ? spec.signature : undefined;
  if (sig === 'SM2DSA') return 'sm3';
  const m = /SHA_(\d+)$/.exec(sig ?? '');
  return m ? `sha${m[1]}` : 'sha256';
}

function opensslPeer(spec: KeySpec): Peer | undefined {
  if (spec.family === 'symmetric') {
    const n = spec.keyBytes;
    return { name: 'crypto.getRandomValues', work: `${n} random bytes`, reference: true, run: () => webcrypto.getRandomValues(new Uint8Array(n)) };
  }
  if (spec.family === 'rsa') {
    const modulusLength = spec.bits;
    return {
      name: 'OpenSSL (node:crypto)', work: 'generate', reference: true,
      run: () => generateKeyPairSync('rsa', { modulusLength, publicExponent: 65537 }),
    };
  }
  if (spec.family === 'edwards') {
    return {
      name: 'OpenSSL (node:crypto)', work: 'generate + sign + verify (Ed25519)', reference: true,
      run: () => {
        const { privateKey, publicKey } = generateKeyPairSync('ed25519');
        if (!verify(null, MESSAGE, publicKey, sign(null, MESSAGE, privateKey))) throw new Error('OpenSSL verify failed');
      },
    };
  }
  // OpenSSL 3.0 (Node 20) has no ML-DSA or ML-KEM
  if (spec.family !== 'ec') return undefined;
  const namedCurve = spec.opensslCurve;
  const hash = hashOf(spec);
  return {
    name: 'OpenSSL (node:crypto)', work: `generate + sign + verify (${hash})`, reference: true,
    run: () => {
      const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve });
      if (!verify(hash, MESSAGE, publicKey, sign(hash, MESSAGE, privateKey))) throw new Error('OpenSSL verify failed');
    },
  };
}

/** node-forge is a devDependency: where it is not installed (an installed keysmith), its rows are left out. */
async function forgePeer(spec: KeySpec): Promise<Peer | undefined> {
  if (spec.family !== 'rsa') return undefined;
  let forge: typeof import('node-forge');
  try {
    forge = ((await import('node-forge')) as { default: typeof import('node-forge') }).default;
  } catch {
    return undefined;
  }
  // Otherwise forge hands generation to node:crypto when it can, and we would be timing OpenSSL again.
  (forge as unknown as { options: { usePureJavaScript: boolean } }).options.usePureJavaScript = true;
  const bits = spec.bits;
  return { name: 'node-forge', work: 'generate (pure JS)', reference: false, run: () => forge.pki.rsa.generateKeyPair({ bits, e: 0x10001 }) };
}

async function ecLibraryPeer(spec: KeySpec): Promise<Peer | undefined> {
  if (spec.family !== 'ec') return undefined;
  if (spec.curve === 'sm2p256v1') {
    const { sm2 } = (await import('sm-crypto')).default;
    const msg = 'keysmith bench message';
    return {
      name: 'sm-crypto', work: 'generate + sign + verify (sm3, Z_A)', reference: false,
      run: () => {
        const kp = sm2.generateKeyPairHex();
        const sig = sm2.doSignature(msg, kp.privateKey, { hash: true });
        if (!sm2.doVerifySignature(msg, sig, kp.publicKey, { hash: true })) throw new Error('sm-crypto verify failed');
      },
    };
  }
  const { p256, p384, p521 } = await import('@noble/curves/nist.js');
  const { secp256k1 } = await import('@noble/curves/secp256k1.js');
  const curve = { 'P-256': p256, 'P-384': p384, secp256k1, 'P-521': p521 }[spec.curve];
  if (!curve) return undefined;
  return {
    name: '@noble/curves', work: `keygen + sign + verify (${hashOf(spec)}, defaults)`, reference: false,
    run: () => {
      const { secretKey, publicKey } = curve.keygen();
      if (!curve.verify(curve.sign(MESSAGE, secretKey), MESSAGE, publicKey)) throw new Error('noble verify failed');
    },
  };
}

/**
 * ML-DSA and ML-KEM: OpenSSL 3.0 has neither, so the reference is @noble/post-quantum itself (what keysmith's pure
 * provider runs on) doing the same work keysmith's generateKey does: keygen plus the pairwise consistency test
 * (sign + verify; encapsulate + decapsulate). The ratio is then keysmith's own overhead over the primitive.
 */
async function pqPeer(spec: KeySpec): Promise<Peer | undefined> {
  if (spec.family === 'ml-dsa') {
    const { ml_dsa44, ml_dsa65, ml_dsa87 } = await import('@noble/post-quantum/ml-dsa.js');
    const dsa = { 44: ml_dsa44, 65: ml_dsa65, 87: ml_dsa87 }[spec.level];
    return {
      name: '@noble/post-quantum', work: 'keygen + sign + verify (no OpenSSL 3.0 peer)', reference: true,
      run: () => {
        const { secretKey, publicKey } = dsa.keygen();
        if (!dsa.verify(dsa.sign(MESSAGE, secretKey), MESSAGE, publicKey)) throw new Error('noble ML-DSA verify failed');
      },
    };
  }
  if (spec.family === 'ml-kem') {
    const { ml_kem512, ml_kem768, ml_kem1024 } = await import('@noble/post-quantum/ml-kem.js');
    const kem = { 512: ml_kem512, 768: ml_kem768, 1024: ml_kem1024 }[spec.level];
    return {
      name: '@noble/post-quantum', work: 'keygen + encapsulate + decapsulate (no OpenSSL 3.0 peer)', reference: true,
      run: () => {
        const { secretKey, publicKey } = kem.keygen();
        const { cipherText, sharedSecret } = kem.encapsulate(publicKey);
        const back = kem.decapsulate(cipherText, secretKey);
        if (back.length !== sharedSecret.length || back.some((b, i) => b !== sharedSecret[i])) throw new Error('noble ML-KEM decapsulate failed');
      },
    };
  }
  return undefined;
}

/** The reference first (every spec has exactly one), then whichever pure-JS libraries apply. */
export async function peersFor(spec: KeySpec): Promise<Peer[]> {
  const more = await Promise.all([pqPeer(spec), forgePeer(spec), ecLibraryPeer(spec)]);
  return [opensslPeer(spec), ...more].filter((p): p is Peer => p !== undefined);
}
