import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { sha256 } from '../merkle/hashes';

/**
 * Ed25519 keys in the text forms of C2SP signed notes (golang.org/x/mod/sumdb/note), so a checkpoint can be
 * checked with that ecosystem's tools as well as ours:
 *  - signer key   `PRIVATE+KEY+<name>+<key id, 8 hex>+<base64(0x01 ‖ 32-byte seed)>`
 *  - verifier key `<name>+<key id, 8 hex>+<base64(0x01 ‖ 32-byte public key)>`
 * where the key id is the first 4 bytes of SHA-256(name ‖ "\n" ‖ 0x01 ‖ public key).
 */

const ED25519 = 0x01;
/** DER prefixes of an Ed25519 PKCS#8 private key and SPKI public key around the raw 32 bytes (RFC 8410). */
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** A key name: printable, no spaces or plus signs (they separate the fields of a key and a signature line). */
const KEY_NAME = /^[\x21-\x2a\x2c-\x7e]+$/;

export class InvalidNoteKey extends Error {
  override readonly name = 'InvalidNoteKey';
}

export interface NoteVerifier {
  readonly name: string;
  /** 4 bytes, as the big-endian number in a signature line. */
  readonly keyId: Buffer;
  /** `<name>+<id>+<base64>`: what auditors keep to check checkpoints. */
  readonly text: string;
  /** The raw 32-byte Ed25519 public key. */
  readonly publicKey: Buffer;
  verify(message: Buffer, signature: Buffer): boolean;
}

export interface NoteSigner {
  readonly name: string;
  readonly keyId: Buffer;
  readonly verifier: NoteVerifier;
  sign(message: Buffer): Buffer;
  /** `PRIVATE+KEY+…`: how the key is kept (environment or the data directory's file). */
  readonly text: string;
}

const assertName = (name: string): string => {
  if (!KEY_NAME.test(name)) throw new InvalidNoteKey(`a key name is printable ASCII without spaces or "+", got "${name}"`);
  return name;
};

export const keyIdOf = (name: string, publicKey: Buffer): Buffer =>
  sha256(Buffer.concat([Buffer.from(`${name}\n`, 'utf8'), Buffer.of(ED25519), publicKey])).subarray(0, 4);

const publicKeyObject = (raw: Buffer): KeyObject => createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });

const verifierOf = (name: string, publicKey: Buffer): NoteVerifier => {
  const key = publicKeyObject(publicKey);
  const keyId = keyIdOf(name, publicKey);
  return {
    name,
    keyId,
    publicKey,
    text: `${name}+${keyId.toString('hex')}+${Buffer.concat([Buffer.of(ED25519), publicKey]).toString('base64')}`,
    verify: (message, signature) => signature.length === 64 && verify(null, message, key, signature),
  };
};

/** A signer from the 32-byte Ed25519 seed (the private key of RFC 8032). */
export const noteSignerFromSeed = (name: string, seed: Buffer): NoteSigner => {
  assertName(name);
  if (seed.length !== 32) throw new InvalidNoteKey(`an Ed25519 seed is 32 bytes, got ${seed.length}`);
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  const publicKey = createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).subarray(SPKI_PREFIX.length);
  const verifier = verifierOf(name, Buffer.from(publicKey));
  return {
    name,
    keyId: verifier.keyId,
    verifier,
    sign: (message) => sign(null, message, privateKey),
    text: `PRIVATE+KEY+${name}+${verifier.keyId.toString('hex')}+${Buffer.concat([Buffer.of(ED25519), seed]).toString('base64')}`,
  };
};

const decodeKeyField = (base64: string, what: string): Buffer => {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length !== 33 || bytes[0] !== ED25519 || bytes.toString('base64') !== base64) {
    throw new InvalidNoteKey(`${what} is not base64 of 0x01 and a 32-byte Ed25519 key`);
  }
  return bytes.subarray(1);
};

const checkedId = (name: string, publicKey: Buffer, idHex: string, what: string): void => {
  if (!/^[0-9a-f]{8}$/.test(idHex) || keyIdOf(name, publicKey).toString('hex') !== idHex) {
    throw new InvalidNoteKey(`${what}: its key id does not match its name and key`);
  }
};

/** The first `count - 1` plus-separated fields and the rest (base64 holds "+" too). */
const fieldsOf = (text: string, count: number): string[] => {
  const fields: string[] = [];
  let rest = text.trim();
  while (fields.length < count - 1) {
    const at = rest.indexOf('+');
    if (at < 0) break;
    fields.push(rest.slice(0, at));
    rest = rest.slice(at + 1);
  }
  return [...fields, rest];
};

/** Reads `PRIVATE+KEY+<name>+<id>+<key>`; throws InvalidNoteKey naming what is wrong (never the key itself). */
export const parseNoteSigner = (text: string): NoteSigner => {
  const fields = fieldsOf(text, 5);
  if (fields.length !== 5 || fields[0] !== 'PRIVATE' || fields[1] !== 'KEY') {
    throw new InvalidNoteKey('a signer key reads PRIVATE+KEY+<name>+<key id>+<base64 key>');
  }
  const [, , name, idHex, key] = fields;
  const signer = noteSignerFromSeed(assertName(name), decodeKeyField(key, 'the signer key'));
  checkedId(name, signer.verifier.publicKey, idHex, 'the signer key');
  return signer;
};

/** Reads `<name>+<id>+<key>`. */
export const parseNoteVerifier = (text: string): NoteVerifier => {
  const fields = fieldsOf(text, 3);
  if (fields.length !== 3) throw new InvalidNoteKey('a verifier key reads <name>+<key id>+<base64 key>');
  const [name, idHex, key] = fields;
  const publicKey = decodeKeyField(key, 'the verifier key');
  checkedId(assertName(name), publicKey, idHex, 'the verifier key');
  return verifierOf(name, publicKey);
};
