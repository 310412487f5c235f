import { hash } from 'node:crypto';
import { canonicalHashedJsonWithData, type RecordedEvent } from '@itsm/event-sourcing';
import { sha256, type Hash } from '../merkle/hashes';
import { canonicalJson } from './canonical-json';

/** The first byte of every leaf: the layout of docs/audit-hashing.md. A new layout gets a new number. */
export const LEAF_LAYOUT_VERSION = 0x01;

/** RFC 6962's leaf prefix, written in front of the leaf bytes so one buffer is hashed. */
const LEAF_HASH_PREFIX = 0x00;

/** The canonical JSON pieces of one event, computed once for the chain hash and the leaf. */
export interface CanonicalEvent {
  /** RFC 8785 JSON of `data`. */
  data: string;
  /** RFC 8785 JSON of the envelope fields other than data, stream and type: the leaf's metadata. */
  metadata: string;
  /** RFC 8785 JSON of the fields the chain hash covers (`hashedFieldsOf` of the kernel). */
  hashed: string;
}

const member = (key: string, json: string | undefined): string => (json === undefined ? '' : `,"${key}":${json}`);
const optional = (value: unknown): string | undefined => (value === undefined ? undefined : canonicalJson(value));

/**
 * The canonical pieces of an event. The metadata's keys are written here in their sorted order by hand, each value by
 * `canonicalJson`; the hashed fields' text is the kernel's (`canonicalHashedJsonWithData`), so `data` is serialized
 * once for both uses (a property spec compares the chain hash with the kernel's `computeEventHash`).
 */
export const canonicalEvent = (event: RecordedEvent): CanonicalEvent => {
  const data = optional(event.data);
  const actor = optional(event.actor);
  const causationId = optional(event.causationId);
  const correlationId = optional(event.correlationId);
  const eventId = optional(event.eventId);
  const occurredAt = optional(event.occurredAt);
  const recordedAt = optional(event.recordedAt);
  const schemaVersion = optional(event.schemaVersion);
  const traceparent = optional(event.traceparent);
  const metadataMembers =
    member('actor', actor) +
    member('causationId', causationId) +
    member('correlationId', correlationId) +
    member('eventId', eventId) +
    member('occurredAt', occurredAt) +
    member('recordedAt', recordedAt) +
    member('schemaVersion', schemaVersion) +
    member('traceparent', traceparent);
  return {
    data: data ?? 'null',
    metadata: `{${metadataMembers.slice(1)}}`,
    hashed: canonicalHashedJsonWithData(event, data ?? 'null'),
  };
};

/** What the leaf and the failures name of an event besides its canonical texts. */
export type HashedEventCoordinates = Pick<RecordedEvent, 'globalPosition' | 'streamId' | 'streamRevision' | 'eventId' | 'type' | 'hash'>;

/** The event's chain hash given the previous one in its stream: equal to the kernel's `computeEventHash`. */
export const chainHashOf = (previousHash: string, canonical: CanonicalEvent): string => hash('sha256', previousHash + canonical.hashed, 'hex');

const U32 = 4;
const U64 = 8;

/**
 * The leaf of an event as stored, with RFC 6962's 0x00 prefix in front (docs/audit-hashing.md):
 * 0x00 ‖ 0x01 ‖ u64 position ‖ str streamId ‖ u32 revision ‖ str type ‖ str data ‖ str metadata ‖ str hash,
 * where str is a u32 byte length and the UTF-8 bytes, and every integer is big-endian.
 */
export const prefixedLeafOf = (event: HashedEventCoordinates, canonical: CanonicalEvent): Buffer => {
  const streamId = event.streamId;
  const type = event.type;
  const hash = event.hash;
  const lengths = [
    Buffer.byteLength(streamId),
    Buffer.byteLength(type),
    Buffer.byteLength(canonical.data),
    Buffer.byteLength(canonical.metadata),
    Buffer.byteLength(hash),
  ];
  const size = 2 + U64 + U32 + lengths[0] + U32 + U32 + lengths[1] + U32 + lengths[2] + U32 + lengths[3] + U32 + lengths[4];
  const bytes = Buffer.allocUnsafe(size);
  bytes[0] = LEAF_HASH_PREFIX;
  bytes[1] = LEAF_LAYOUT_VERSION;
  let at = 2;
  const position = event.globalPosition;
  if (!Number.isSafeInteger(position) || position < 0) throw new RangeError(`global position ${position} cannot be written as u64`);
  at = bytes.writeUInt32BE(Math.floor(position / 2 ** 32), at);
  at = bytes.writeUInt32BE(position % 2 ** 32, at);
  const writeText = (text: string, length: number) => {
    at = bytes.writeUInt32BE(length, at);
    at += bytes.write(text, at, 'utf8');
  };
  writeText(streamId, lengths[0]);
  at = bytes.writeUInt32BE(event.streamRevision, at);
  writeText(type, lengths[1]);
  writeText(canonical.data, lengths[2]);
  writeText(canonical.metadata, lengths[3]);
  writeText(hash, lengths[4]);
  return bytes;
};

/** The leaf bytes alone (without RFC 6962's prefix), as docs/audit-hashing.md defines them. */
export const leafOf = (event: RecordedEvent, canonical: CanonicalEvent = canonicalEvent(event)): Buffer => prefixedLeafOf(event, canonical).subarray(1);

/** The event's RFC 6962 leaf hash: SHA-256(0x00 ‖ leaf). */
export const eventLeafHash = (event: RecordedEvent, canonical: CanonicalEvent = canonicalEvent(event)): Hash => sha256(prefixedLeafOf(event, canonical));
