import { weierstrass, type WeierstrassOpts } from '@noble/curves/abstract/weierstrass.js';

/** sm2p256v1 domain parameters, GB/T 32918.5-2017 §5 (recommended curve). */
export const SM2_PARAMS: WeierstrassOpts<bigint> = Object.freeze({
  p: 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn,
  n: 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n,
  h: 1n,
  a: 0xfffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffcn,
  b: 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n,
  Gx: 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n,
  Gy: 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n,
});

/** The SM2 point group: noble's generic short-Weierstrass implementation over SM2_PARAMS. */
export const sm2Point = weierstrass(SM2_PARAMS);
