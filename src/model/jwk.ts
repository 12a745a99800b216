/**
 * A JSON Web Key as keysmith writes and reads it (RFC 7517 §4; members of RFC 7518 §6, RFC 8037 §2 and the
 * AKP draft). keysmith's own type: it needs no DOM lib (`JsonWebKey`). Every member is a string except
 * `key_ops` and `ext`; keysmith writes only the members of the key's type (`kty`, then `k`; `n`, `e` and the
 * private CRT members; `crv`, `x`, `y`, `d`) and reads `use`, `alg`, `kid`, `ext`, `key_ops` only to type-check
 * them. Unknown members are allowed on input and ignored.
 */
export interface Jwk {
  /** Key type: `oct` (secret keys), `RSA`, `EC` (keysmith writes these); `OKP`, `AKP` for newer specs. */
  kty: 'oct' | 'RSA' | 'EC' | 'OKP' | 'AKP' | (string & {});
  /** `oct`: the key, base64url. */
  k?: string;
  /** `RSA`: modulus and public exponent (Base64urlUInt, RFC 7518 §2). */
  n?: string;
  e?: string;
  /** `RSA`: private exponent; `EC`/`OKP`: private scalar or seed. */
  d?: string;
  /** `RSA` private CRT members. */
  p?: string;
  q?: string;
  dp?: string;
  dq?: string;
  qi?: string;
  /** `EC`/`OKP`: curve (`P-256`, `P-384`, `secp256k1`, `Ed25519`). */
  crv?: string;
  /** `EC`/`OKP`: public coordinates. */
  x?: string;
  y?: string;
  /** `AKP`: public and private key. */
  pub?: string;
  priv?: string;
  alg?: string;
  use?: string;
  kid?: string;
  key_ops?: string[];
  ext?: boolean;
  [member: string]: unknown;
}
