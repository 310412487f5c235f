import { hash } from 'node:crypto';
import { sha256, type Hash } from '../merkle/hashes';
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

/** The text members of a stored event, by their index in `StoredEventFields`. */
export const StoredTextField = {
  streamId: 0,
  type: 1,
  data: 2,
  actor: 3,
  causationId: 4,
  correlationId: 5,
  eventId: 6,
  occurredAt: 7,
  recordedAt: 8,
  traceparent: 9,
  hash: 10,
} as const;

export const STORED_TEXT_FIELD_COUNT = 11;

/**
 * A stored event as bytes, as a database hands them over (its texts well-formed UTF-8): text member `f` is
 * `sources[f]` from `starts[f]` to `ends[f]` (`starts[f]` −1 for SQL NULL), `data` the appender's canonical text and
 * `actor` canonical JSON, the rest plain column values. The arrays may be reused from one event to the next.
 */
export interface StoredEventFields {
  globalPosition: number;
  streamRevision: number;
  schemaVersion: number;
  sources: Buffer[];
  starts: Int32Array;
  ends: Int32Array;
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
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Copies up to this many bytes in JavaScript: a call into Buffer.copy costs more than the loop for the short texts. */
const SHORT_COPY = 16;

/** Copies source[start, end) to target at `at`; returns where the copy ends. */
const copyBytes = (source: Buffer, start: number, end: number, target: Buffer, at: number): number => {
  if (end - start > SHORT_COPY) return at + source.copy(target, at, start, end);
  for (let from = start; from < end; from++) target[at++] = source[from];
  return at;
};

/** Writes a number as String() does; returns where it ends. */
const writeDecimal = (target: Buffer, at: number, value: number): number => {
  if (value >= 0 && value <= 9 && (value | 0) === value) {
    target[at] = 0x30 + value;
    return at + 1;
  }
  return at + target.write(String(value), at, 'latin1');
};

/**
 * Writes the bytes between quotes as JSON.stringify would when they are printable ASCII without `"` and `\\` (the
 * copy and the check in one pass); returns where the closing quote ends, or −1 when a byte needs escaping.
 */
const copyPlainJsonString = (source: Buffer, start: number, end: number, target: Buffer, at: number): number => {
  target[at++] = QUOTE;
  for (let from = start; from < end; from++) {
    const byte = source[from];
    if (byte < 0x20 || byte > 0x7e || byte === QUOTE || byte === BACKSLASH) return -1;
    target[at++] = byte;
  }
  target[at++] = QUOTE;
  return at;
};

/**
 * The chain hash and the leaf hash of stored events (docs/audit-hashing.md §1 and §2, the same bytes as
 * `chainHashOf` and `prefixedLeafOf` over `canonicalEvent`), written from the stored bytes into one reused buffer:
 * no JSON text is built as a string per event, and a reader handing over the database's bytes as they came
 * (`loadFields`) has no string decoded either. One event at a time: load it, then ask.
 */
export class StoredEventHasher implements EventHashes {
  private bytes = Buffer.allocUnsafe(16 * 1024);
  private fields: StoredEventFields | undefined;
  /** Where the leaf (with RFC 6962's 0x00 prefix) ends and, inside it, the pieces the chain text reuses. */
  private leafEnd = 0;
  private streamIdStart = 0;
  private typeStart = 0;
  private dataStart = 0;
  private dataEnd = 0;
  private metadataStart = 0;
  private afterCorrelation = 0;
  private afterSchemaVersion = 0;
  private metadataEnd = 0;
  /** `load`'s staging: the texts of an event given as strings, written as the bytes `loadFields` takes. */
  private staged = Buffer.allocUnsafe(4 * 1024);
  private readonly stagedFields: StoredEventFields = {
    globalPosition: 0,
    streamRevision: 0,
    schemaVersion: 0,
    sources: new Array<Buffer>(STORED_TEXT_FIELD_COUNT).fill(this.staged),
    starts: new Int32Array(STORED_TEXT_FIELD_COUNT),
    ends: new Int32Array(STORED_TEXT_FIELD_COUNT),
  };

  /** Loads an event given as strings; `chainHash` and `leafHash` then answer for it. */
  load(event: StoredEventTexts): this {
    const texts = [event.streamId, event.type, event.data, event.actor, event.causationId, event.correlationId, event.eventId, event.occurredAt, event.recordedAt, event.traceparent, event.hash];
    let room = 0;
    for (const text of texts) room += 3 * (text?.length ?? 0);
    if (this.staged.length < room) {
      this.staged = Buffer.allocUnsafe(2 * room);
      this.stagedFields.sources.fill(this.staged);
    }
    const fields = this.stagedFields;
    let at = 0;
    texts.forEach((text, field) => {
      fields.starts[field] = text === null ? -1 : at;
      if (text !== null) at += this.staged.write(text, at, 'utf8');
      fields.ends[field] = at;
    });
    fields.globalPosition = event.globalPosition;
    fields.streamRevision = event.streamRevision;
    fields.schemaVersion = event.schemaVersion;
    return this.loadFields(fields);
  }

  /** Loads an event given as bytes (see `StoredEventFields`): writes its leaf; `chainHash` and `leafHash` then answer for it. */
  loadFields(fields: StoredEventFields): this {
    this.fields = fields;
    const { starts, ends } = fields;
    let textBytes = 0;
    for (let field = 0; field < STORED_TEXT_FIELD_COUNT; field++) if (starts[field] >= 0) textBytes += ends[field] - starts[field];
    // Escaping a byte takes at most 6 (\u001f); the chain reuses the leaf's pieces: room for both.
    const room = 2 * (6 * textBytes + 512);
    if (this.bytes.length < room) this.bytes = Buffer.allocUnsafe(2 * room);
    const bytes = this.bytes;
    bytes[0] = 0x00;
    bytes[1] = LEAF_LAYOUT_VERSION;
    const position = fields.globalPosition;
    if (!Number.isSafeInteger(position) || position < 0) throw new RangeError(`global position ${position} cannot be written as u64`);
    let at = bytes.writeUInt32BE(Math.floor(position / 2 ** 32), 2);
    at = bytes.writeUInt32BE(position % 2 ** 32, at);
    this.streamIdStart = at + U32;
    at = this.str(at, StoredTextField.streamId);
    at = bytes.writeUInt32BE(fields.streamRevision, at);
    this.typeStart = at + U32;
    at = this.str(at, StoredTextField.type);
    this.dataStart = at + U32;
    at = this.str(at, StoredTextField.data);
    this.dataEnd = at;
    this.metadataStart = at + U32;
    {
      let end = this.metadataStart;
      end = this.bytesOf(end, ACTOR_MEMBER);
      end = this.copy(end, StoredTextField.actor);
      end = this.bytesOf(end, CAUSATION_MEMBER);
      end = this.jsonString(end, StoredTextField.causationId);
      end = this.bytesOf(end, CORRELATION_MEMBER);
      end = this.jsonString(end, StoredTextField.correlationId);
      this.afterCorrelation = end;
      end = this.bytesOf(end, EVENT_ID_MEMBER);
      end = this.jsonString(end, StoredTextField.eventId);
      end = this.bytesOf(end, OCCURRED_AT_MEMBER);
      end = this.jsonString(end, StoredTextField.occurredAt);
      end = this.bytesOf(end, RECORDED_AT_MEMBER);
      end = this.jsonString(end, StoredTextField.recordedAt);
      end = this.bytesOf(end, SCHEMA_VERSION_MEMBER);
      end = writeDecimal(this.bytes, end, fields.schemaVersion);
      this.afterSchemaVersion = end;
      end = this.bytesOf(end, TRACEPARENT_MEMBER);
      end = this.jsonString(end, StoredTextField.traceparent);
      end = this.bytesOf(end, CLOSE_OBJECT);
      this.metadataEnd = end;
      bytes.writeUInt32BE(end - this.metadataStart, at);
      at = end;
    }
    at = this.str(at, StoredTextField.hash);
    this.leafEnd = at;
    return this;
  }

  /**
   * sha256(previousHash ‖ JCS(hashed fields)) as hex: the metadata's members with data, stream id and revision and
   * type put in their sorted places (the hashed fields are the metadata's plus those four).
   */
  chainHash(previousHash: string): string {
    const fields = this.loaded();
    const bytes = this.bytes;
    const start = this.leafEnd;
    let at = this.raw(start, previousHash);
    at += bytes.copy(bytes, at, this.metadataStart, this.afterCorrelation);
    at = this.bytesOf(at, DATA_MEMBER);
    at += bytes.copy(bytes, at, this.dataStart, this.dataEnd);
    at += bytes.copy(bytes, at, this.afterCorrelation, this.afterSchemaVersion);
    at = this.bytesOf(at, STREAM_ID_MEMBER);
    at = this.jsonStringOfLeaf(at, this.streamIdStart);
    at = this.bytesOf(at, STREAM_REVISION_MEMBER);
    at = writeDecimal(bytes, at, fields.streamRevision);
    // `,"traceparent":…` without the metadata's closing brace.
    at += bytes.copy(bytes, at, this.afterSchemaVersion, this.metadataEnd - 1);
    at = this.bytesOf(at, TYPE_MEMBER);
    at = this.jsonStringOfLeaf(at, this.typeStart);
    at = this.bytesOf(at, CLOSE_OBJECT);
    return hash('sha256', bytes.subarray(start, at), 'hex');
  }

  /** SHA-256(0x00 ‖ leaf): the event's RFC 6962 leaf hash. */
  leafHash(): Hash {
    this.loaded();
    return sha256(this.bytes.subarray(0, this.leafEnd));
  }

  /** The leaf bytes (with the 0x00 prefix), for specs. */
  prefixedLeaf(): Buffer {
    this.loaded();
    return Buffer.from(this.bytes.subarray(0, this.leafEnd));
  }

  private loaded(): StoredEventFields {
    if (!this.fields) throw new Error('no event loaded');
    return this.fields;
  }

  /** A `str` of the layout: u32 byte length, then the field's bytes. */
  private str(at: number, field: number): number {
    const end = this.copy(at + U32, field);
    this.bytes.writeUInt32BE(end - at - U32, at);
    return end;
  }

  /** The field's bytes as they are (a SQL NULL writes nothing). */
  private copy(at: number, field: number): number {
    const { sources, starts, ends } = this.fields as StoredEventFields;
    return starts[field] < 0 ? at : copyBytes(sources[field], starts[field], ends[field], this.bytes, at);
  }

  private bytesOf(at: number, encoded: Buffer): number {
    return copyBytes(encoded, 0, encoded.length, this.bytes, at);
  }

  private raw(at: number, text: string): number {
    return at + this.bytes.write(text, at, 'utf8');
  }

  /** RFC 8785 text of a string field (JSON.stringify's), copied as it is when nothing needs escaping; SQL NULL is `null`. */
  private jsonString(at: number, field: number): number {
    const { sources, starts, ends } = this.fields as StoredEventFields;
    if (starts[field] < 0) return this.bytesOf(at, NULL_LITERAL);
    return this.jsonStringOf(at, sources[field], starts[field], ends[field]);
  }

  /** The JSON string of a `str` the leaf already holds at `start` (after its length). */
  private jsonStringOfLeaf(at: number, start: number): number {
    return this.jsonStringOf(at, this.bytes, start, start + this.bytes.readUInt32BE(start - U32));
  }

  private jsonStringOf(at: number, source: Buffer, start: number, end: number): number {
    const written = copyPlainJsonString(source, start, end, this.bytes, at);
    return written >= 0 ? written : this.raw(at, JSON.stringify(source.toString('utf8', start, end)));
  }
}
