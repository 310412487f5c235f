import { hash } from 'node:crypto';
import type { Hash } from '../merkle/hashes';
import { LEAF_LAYOUT_VERSION, type HashedEventCoordinates } from './event-hashing';

/**
 * An event as its row stores it, every JSON member already canonical text: `data` the text the appender hashed,
 * `actor` the canonical JSON of the actor; the rest plain column values.
 */
export interface StoredEventTexts extends HashedEventCoordinates {
  data: string;
  actor: string;
  causationId: string | null;
  correlationId: string;
  occurredAt: string;
  recordedAt: string;
  schemaVersion: number;
  traceparent: string | null;
}

/** What the verifier asks of an event: its chain hash on the stream's previous hash, then its leaf hash. */
export interface EventHashes {
  chainHash(previousHash: string): string;
  leafHash(): Hash;
}

const U32 = 4;
/** The constant pieces of the texts, encoded once: copying bytes costs a fraction of encoding a string. */
const ACTOR_MEMBER = Buffer.from('{"actor":');
const CAUSATION_MEMBER = Buffer.from(',"causationId":');
const CORRELATION_MEMBER = Buffer.from(',"correlationId":');
const EVENT_ID_MEMBER = Buffer.from(',"eventId":');
const OCCURRED_AT_MEMBER = Buffer.from(',"occurredAt":');
const RECORDED_AT_MEMBER = Buffer.from(',"recordedAt":');
const SCHEMA_VERSION_MEMBER = Buffer.from(',"schemaVersion":');
const TRACEPARENT_MEMBER = Buffer.from(',"traceparent":');
const DATA_MEMBER = Buffer.from(',"data":');
const STREAM_ID_MEMBER = Buffer.from(',"streamId":');
const STREAM_REVISION_MEMBER = Buffer.from(',"streamRevision":');
const TYPE_MEMBER = Buffer.from(',"type":');
const CLOSE_OBJECT = Buffer.from('}');
const NULL_LITERAL = Buffer.from('null');
/** A string JSON.stringify writes as is between quotes: printable ASCII without `"` and `\`. */
const PLAIN_JSON_STRING = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/**
 * The chain hash and the leaf hash of stored events (docs/audit-hashing.md §1 and §2, the same bytes as
 * `chainHashOf` and `prefixedLeafOf` over `canonicalEvent`), written straight into one reused buffer: no JSON
 * text is built as a string per event, so a verification over millions of rows leaves the garbage collector
 * only the rows themselves (string building was most of its work). One event at a time: `load` it, then ask.
 */
export class StoredEventHasher implements EventHashes {
  private bytes = Buffer.allocUnsafe(16 * 1024);
  private event: StoredEventTexts | undefined;
  /** Where the leaf (with RFC 6962's 0x00 prefix) ends and, inside it, the metadata's pieces the chain reuses. */
  private leafEnd = 0;
  private dataStart = 0;
  private dataEnd = 0;
  private metadataStart = 0;
  private afterCorrelation = 0;
  private afterSchemaVersion = 0;
  private metadataEnd = 0;

  /** Writes the event's leaf; `chainHash` and `leafHash` then answer for it. */
  load(event: StoredEventTexts): this {
    this.event = event;
    // UTF-8 takes at most 3 bytes per UTF-16 unit; JSON escapes at most 6 (\u001f): room for the leaf and the chain.
    const units = event.streamId.length + event.type.length + event.data.length + event.actor.length + event.eventId.length + event.correlationId.length +
      (event.causationId?.length ?? 4) + (event.traceparent?.length ?? 4) + event.occurredAt.length + event.recordedAt.length + event.hash.length;
    const room = 2 * (6 * units + 512);
    if (this.bytes.length < room) this.bytes = Buffer.allocUnsafe(2 * room);
    const bytes = this.bytes;
    bytes[0] = 0x00;
    bytes[1] = LEAF_LAYOUT_VERSION;
    const position = event.globalPosition;
    if (!Number.isSafeInteger(position) || position < 0) throw new RangeError(`global position ${position} cannot be written as u64`);
    let at = bytes.writeUInt32BE(Math.floor(position / 2 ** 32), 2);
    at = bytes.writeUInt32BE(position % 2 ** 32, at);
    at = this.str(at, event.streamId);
    at = bytes.writeUInt32BE(event.streamRevision, at);
    at = this.str(at, event.type);
    this.dataStart = at + U32;
    at = this.str(at, event.data);
    this.dataEnd = at;
    this.metadataStart = at + U32;
    {
      let end = this.metadataStart;
      end = this.bytesOf(end, ACTOR_MEMBER);
      end = this.raw(end, event.actor);
      end = this.bytesOf(end, CAUSATION_MEMBER);
      end = this.jsonStringOrNull(end, event.causationId);
      end = this.bytesOf(end, CORRELATION_MEMBER);
      end = this.jsonString(end, event.correlationId);
      this.afterCorrelation = end;
      end = this.bytesOf(end, EVENT_ID_MEMBER);
      end = this.jsonString(end, event.eventId);
      end = this.bytesOf(end, OCCURRED_AT_MEMBER);
      end = this.jsonString(end, event.occurredAt);
      end = this.bytesOf(end, RECORDED_AT_MEMBER);
      end = this.jsonString(end, event.recordedAt);
      end = this.bytesOf(end, SCHEMA_VERSION_MEMBER);
      end = this.raw(end, String(event.schemaVersion));
      this.afterSchemaVersion = end;
      end = this.bytesOf(end, TRACEPARENT_MEMBER);
      end = this.jsonStringOrNull(end, event.traceparent);
      end = this.bytesOf(end, CLOSE_OBJECT);
      this.metadataEnd = end;
      bytes.writeUInt32BE(end - this.metadataStart, at);
      at = end;
    }
    at = this.str(at, event.hash);
    this.leafEnd = at;
    return this;
  }

  /**
   * sha256(previousHash ‖ JCS(hashed fields)) as hex: the metadata's members with data, stream id and revision and
   * type put in their sorted places (the hashed fields are the metadata's plus those four).
   */
  chainHash(previousHash: string): string {
    const event = this.loaded();
    const bytes = this.bytes;
    const start = this.leafEnd;
    let at = this.raw(start, previousHash);
    at += bytes.copy(bytes, at, this.metadataStart, this.afterCorrelation);
    at = this.bytesOf(at, DATA_MEMBER);
    at += bytes.copy(bytes, at, this.dataStart, this.dataEnd);
    at += bytes.copy(bytes, at, this.afterCorrelation, this.afterSchemaVersion);
    at = this.bytesOf(at, STREAM_ID_MEMBER);
    at = this.jsonString(at, event.streamId);
    at = this.bytesOf(at, STREAM_REVISION_MEMBER);
    at = this.raw(at, String(event.streamRevision));
    // `,"traceparent":…` without the metadata's closing brace.
    at += bytes.copy(bytes, at, this.afterSchemaVersion, this.metadataEnd - 1);
    at = this.bytesOf(at, TYPE_MEMBER);
    at = this.jsonString(at, event.type);
    at = this.bytesOf(at, CLOSE_OBJECT);
    return hash('sha256', bytes.subarray(start, at), 'hex');
  }

  /** SHA-256(0x00 ‖ leaf): the event's RFC 6962 leaf hash. */
  leafHash(): Hash {
    this.loaded();
    return hash('sha256', this.bytes.subarray(0, this.leafEnd), 'buffer') as unknown as Buffer;
  }

  /** The leaf bytes (with the 0x00 prefix), for specs. */
  prefixedLeaf(): Buffer {
    this.loaded();
    return Buffer.from(this.bytes.subarray(0, this.leafEnd));
  }

  private loaded(): StoredEventTexts {
    if (!this.event) throw new Error('no event loaded');
    return this.event;
  }

  /** A `str` of the layout: u32 byte length, then the UTF-8 bytes. */
  private str(at: number, text: string): number {
    const length = this.bytes.write(text, at + U32, 'utf8');
    this.bytes.writeUInt32BE(length, at);
    return at + U32 + length;
  }

  private bytesOf(at: number, encoded: Buffer): number {
    this.bytes.set(encoded, at);
    return at + encoded.length;
  }

  private raw(at: number, text: string): number {
    return at + this.bytes.write(text, at, 'utf8');
  }

  /** RFC 8785 text of a string (JSON.stringify's), with no string built when nothing needs escaping. */
  private jsonString(at: number, value: string): number {
    if (!PLAIN_JSON_STRING.test(value)) return this.raw(at, JSON.stringify(value));
    this.bytes[at] = 0x22;
    const end = at + 1 + this.bytes.write(value, at + 1, 'latin1');
    this.bytes[end] = 0x22;
    return end + 1;
  }

  private jsonStringOrNull(at: number, value: string | null): number {
    return value === null ? this.bytesOf(at, NULL_LITERAL) : this.jsonString(at, value);
  }
}
