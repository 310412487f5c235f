import { hash } from 'node:crypto';

/** A SHA-256 digest (32 bytes). */
export type Hash = Buffer;

export const HASH_BYTES = 32;

const LEAF_PREFIX = Buffer.of(0x00);
const NODE_PREFIX = 0x01;

/**
 * SHA-256 of the bytes, as a Buffer: Node's one-shot `crypto.hash` (no hasher object per call), its digest taken as
 * a Latin-1 ('binary') string and copied into a pooled Buffer (asked for a Buffer, it allocates a backing store per call: twice
 * the cost of hashing a leaf).
 */
export const sha256 = (data: Buffer | string): Hash => Buffer.from(hash('sha256', data, 'binary'), 'binary');

/** The root of the empty tree: SHA-256 of nothing (RFC 6962 §2.1). */
export const EMPTY_ROOT: Hash = sha256(Buffer.alloc(0));

/** RFC 6962 leaf hash: SHA-256(0x00 || leaf). */
export const leafHash = (leaf: Buffer): Hash => sha256(Buffer.concat([LEAF_PREFIX, leaf]));

/** RFC 6962 interior node: SHA-256(0x01 || left || right). */
const nodeInput = Buffer.allocUnsafe(1 + HASH_BYTES * 2);

export const nodeHash = (left: Hash, right: Hash): Hash => {
  // One input buffer for every node: sha256 returns a new Buffer, so nothing holds on to it.
  const input = nodeInput;
  input[0] = NODE_PREFIX;
  left.copy(input, 1);
  right.copy(input, 1 + HASH_BYTES);
  return sha256(input);
};

export const isHash = (value: unknown): value is Hash => Buffer.isBuffer(value) && value.length === HASH_BYTES;

export const toHex = (digest: Hash): string => digest.toString('hex');

/** A 64-character lower- or upper-case hex digest as bytes; anything else throws. */
export const fromHex = (hex: string): Hash => {
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new TypeError(`not a SHA-256 hex digest: "${hex.slice(0, 80)}"`);
  return Buffer.from(hex, 'hex');
};
