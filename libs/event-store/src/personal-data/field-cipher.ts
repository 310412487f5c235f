import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/*
 * A personal field as stored: `{ "$pii": "v1:<keyId>:<iv>:<ciphertext>:<tag>" }` in place of its value.
 * - v1: AES-256-GCM (node:crypto), a 96-bit random IV per field, a 128-bit tag; iv, ciphertext and tag base64url.
 * - keyId: the uuid of the data key in the key table (not the subject's id, which would itself be personal).
 * - plaintext: the value's JSON (so strings, numbers and null round-trip exactly).
 * - associated data: `v1:<keyId>:<event type>:<field>`, so a ciphertext copied to another field or type fails.
 * The hash chain and the Merkle leaves cover this stored form.
 */

export const PII_ENVELOPE_FIELD = '$pii';
const VERSION = 'v1';
const IV_BYTES = 12;
export const DATA_KEY_BYTES = 32;

export interface PiiEnvelope {
  [PII_ENVELOPE_FIELD]: string;
}

export interface ParsedEnvelope {
  keyId: string;
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

export const isPiiEnvelope = (value: unknown): value is PiiEnvelope =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  typeof (value as Record<string, unknown>)[PII_ENVELOPE_FIELD] === 'string' &&
  Object.keys(value).length === 1;

const associatedData = (keyId: string, type: string, field: string) => Buffer.from(`${VERSION}:${keyId}:${type}:${field}`, 'utf8');

export const encryptField = (key: Buffer, keyId: string, type: string, field: string, value: unknown): PiiEnvelope => {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(associatedData(keyId, type, field));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(value ?? null), 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return { [PII_ENVELOPE_FIELD]: [VERSION, keyId, iv.toString('base64url'), ciphertext.toString('base64url'), tag.toString('base64url')].join(':') };
};

export class InvalidPiiEnvelopeError extends Error {
  constructor(reason: string) {
    super(`Invalid personal-data envelope: ${reason}`);
    this.name = 'InvalidPiiEnvelopeError';
  }
}

export const parseEnvelope = (envelope: PiiEnvelope): ParsedEnvelope => {
  const parts = envelope[PII_ENVELOPE_FIELD].split(':');
  if (parts.length !== 5 || parts[0] !== VERSION) throw new InvalidPiiEnvelopeError(`expected ${VERSION}:<keyId>:<iv>:<ciphertext>:<tag>`);
  const [, keyId, iv, ciphertext, tag] = parts;
  return { keyId, iv: Buffer.from(iv, 'base64url'), ciphertext: Buffer.from(ciphertext, 'base64url'), tag: Buffer.from(tag, 'base64url') };
};

/** The field's value; throws when the key, the field or the ciphertext is not the one it was sealed with. */
export const decryptField = (key: Buffer, envelope: ParsedEnvelope, type: string, field: string): unknown => {
  const decipher = createDecipheriv('aes-256-gcm', key, envelope.iv);
  decipher.setAAD(associatedData(envelope.keyId, type, field));
  decipher.setAuthTag(envelope.tag);
  const plaintext = Buffer.concat([decipher.update(envelope.ciphertext), decipher.final()]);
  return JSON.parse(plaintext.toString('utf8'));
};

export const newDataKey = (): Buffer => randomBytes(DATA_KEY_BYTES);
