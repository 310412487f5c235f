import { canonicalJson, STORED_TEXT_FIELD_COUNT, StoredTextField, type HashedEventCoordinates, type StoredEventFields, type StoredEventHasher } from '@itsm/audit-domain';
import { rememberedByText, vouchedColumn } from './canonical-texts';
import { ChunkedBytes } from './chunked-bytes';
import type { StoredTextRows } from './stored-text-rows';

/*
 * Stored texts read by `COPY … TO STDOUT (FORMAT binary)`: the server's bytes are walked and hashed where they lie,
 * with no row object and no string per column (the rows' parsing in `pg` and their strings' garbage were most of a
 * verification's time besides the hashing).
 */

/** PostgreSQL's binary copy signature, then a flags word and the header extension's length. */
const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const HEADER_BYTES = SIGNATURE.length + 4 + 4;

/**
 * The columns before the texts: position (int8), revision and schema version (int4), vouched (bool), and the two
 * timestamps as the server keeps them (int8 microseconds since 2000-01-01 UTC): written as ISO text here, as
 * `to_char` would (which cost the server more than reading the row).
 */
const LEADING_COLUMNS = 6;

/** The texts the server sends as they are (the binary form of text, and of bpchar, is its UTF-8 bytes). */
const TEXT_COLUMNS: [field: number, column: string][] = [
  [StoredTextField.streamId, 'stream_id'],
  [StoredTextField.type, 'type'],
  [StoredTextField.data, 'canonical_data'],
  [StoredTextField.actor, 'actor::text'],
  [StoredTextField.causationId, 'causation_id'],
  [StoredTextField.correlationId, 'correlation_id'],
  [StoredTextField.eventId, 'event_id::text'],
  [StoredTextField.traceparent, 'traceparent'],
  [StoredTextField.hash, 'hash'],
];
const TEXT_FIELDS = Int32Array.from(TEXT_COLUMNS.map(([field]) => field));
const COLUMNS = LEADING_COLUMNS + TEXT_COLUMNS.length;

/** The events of positions (after, upTo], at most `limit` of them, in order, as a binary COPY. */
export const copiedTextStatement = (events: string, range: { after: number; upTo?: number; limit?: number }, dataKeptCanonical: boolean): string => {
  // COPY takes no parameters: only integers are written into the statement.
  for (const bound of [range.after, range.upTo, range.limit]) {
    if (bound !== undefined && !Number.isSafeInteger(bound)) throw new RangeError(`${bound} is not a position or a count`);
  }
  return `COPY (SELECT global_position, stream_revision, schema_version, ${vouchedColumn(dataKeptCanonical)}, occurred_at, recorded_at,
    ${TEXT_COLUMNS.map(([, column]) => column).join(', ')}
    FROM ${events} WHERE global_position > ${range.after}${range.upTo === undefined ? '' : ` AND global_position <= ${range.upTo}`}
    ORDER BY global_position${range.limit === undefined ? '' : ` LIMIT ${range.limit}`}) TO STDOUT WITH (FORMAT binary)`;
};

/** PostgreSQL's epoch (2000-01-01 UTC) in Unix milliseconds. */
const POSTGRES_EPOCH_MS = 946_684_800_000;
/** The instants whose ISO text `toISOString` writes as `to_char`'s YYYY does: years 1 to 9999. */
const FIRST_FOUR_DIGIT_YEAR_MS = -62_135_596_800_000;
const LAST_FOUR_DIGIT_YEAR_MS = 253_402_300_799_999;
const ISO_BYTES = 24;

/**
 * An actor's canonical JSON as bytes, by the Latin-1 text of its jsonb text's bytes (Latin-1 maps each byte to one
 * character: the cheapest string that tells two byte sequences apart).
 */
const canonicalActorBytesOf = rememberedByText((latin1: string) => Buffer.from(canonicalJson(JSON.parse(Buffer.from(latin1, 'latin1').toString('utf8')))));

const canonicalActorBytes = (bytes: Buffer, start: number, end: number): Buffer => canonicalActorBytesOf(bytes.toString('latin1', start, end));

/** The fields the rows' walk reads, as plain constants (a re-exported object's members are getters). */
const { actor: ACTOR, data: DATA, streamId: STREAM_ID, hash: HASH, eventId: EVENT_ID, type: TYPE } = StoredTextField;

/** The fixed-size columns after the column count, each after its length: 8, 4, 4, 1, 8, 8 bytes. */
const LEADING_BYTES = 2 + 6 * 4 + 8 + 4 + 4 + 1 + 8 + 8;

/** The cursor over a `copiedTextStatement`'s output, as `SqlExecutor.copyOut` hands it over. */
export class CopiedTextRows implements StoredTextRows {
  private readonly input: ChunkedBytes;
  private rowVouched = false;
  /** The row's two timestamps as ISO text, and the milliseconds each was written for (events of one append share them). */
  private readonly timestamps = Buffer.alloc(2 * ISO_BYTES);
  private readonly timestampsMs = [Number.NaN, Number.NaN];
  /** The current row as the hasher takes it: texts in the copy's bytes, the actor in its canonical bytes. */
  private readonly fields: StoredEventFields;

  constructor(chunks: readonly Buffer[]) {
    const input = new ChunkedBytes(chunks);
    if (!input.ensure(HEADER_BYTES) || !input.bytes.subarray(input.at, input.at + SIGNATURE.length).equals(SIGNATURE)) throw new Error('not the output of a binary COPY');
    const extension = input.bytes.readUInt32BE(input.at + SIGNATURE.length + 4);
    input.at += HEADER_BYTES;
    if (!input.ensure(extension)) throw new Error('a binary COPY cut short in its header');
    input.at += extension;
    this.input = input;
    this.fields = {
      globalPosition: 0,
      streamRevision: 0,
      schemaVersion: 0,
      sources: new Array<Buffer>(STORED_TEXT_FIELD_COUNT).fill(input.bytes),
      starts: new Int32Array(STORED_TEXT_FIELD_COUNT),
      ends: new Int32Array(STORED_TEXT_FIELD_COUNT),
    };
    this.fields.sources[StoredTextField.occurredAt] = this.timestamps;
    this.fields.sources[StoredTextField.recordedAt] = this.timestamps;
    this.fields.starts[StoredTextField.occurredAt] = 0;
    this.fields.ends[StoredTextField.occurredAt] = ISO_BYTES;
    this.fields.starts[StoredTextField.recordedAt] = ISO_BYTES;
    this.fields.ends[StoredTextField.recordedAt] = 2 * ISO_BYTES;
  }

  next(): boolean {
    const input = this.input;
    if (!input.ensure(2)) throw new Error('a binary COPY cut short: no trailer');
    const columns = input.bytes.readInt16BE(input.at);
    // The trailer is a column count of −1.
    if (columns === -1) return false;
    if (columns !== COLUMNS) throw new Error(`a copied row has ${columns} columns, not ${COLUMNS}`);
    if (!input.ensure(LEADING_BYTES)) throw new Error('a binary COPY cut short in a row');
    const bytes = input.bytes;
    const at = input.at;
    const fields = this.fields;
    // None of the fixed-size columns is NULL: a row of another shape throws.
    if (bytes.readInt32BE(at + 30) !== 1 || bytes.readInt32BE(at + 47) !== 8) throw new Error('a copied row is not of copiedTextStatement');
    fields.globalPosition = bytes.readUInt32BE(at + 6) * 2 ** 32 + bytes.readUInt32BE(at + 10);
    fields.streamRevision = bytes.readInt32BE(at + 18);
    fields.schemaVersion = bytes.readInt32BE(at + 26);
    this.rowVouched = bytes[at + 34] === 1;
    const timestampsWritten = this.writeTimestamp(0, bytes, at + 39) && this.writeTimestamp(1, bytes, at + 51);
    input.at += LEADING_BYTES;
    const { sources, starts, ends } = fields;
    for (let column = 0; column < TEXT_FIELDS.length; column++) {
      const field = TEXT_FIELDS[column];
      if (!input.ensure(4)) throw new Error('a binary COPY cut short in a row');
      const length = input.bytes.readInt32BE(input.at);
      input.at += 4;
      if (length > 0 && !input.ensure(length)) throw new Error('a binary COPY cut short in a row');
      // A text spanning two chunks lies in a buffer of its own: each field names where its bytes are.
      sources[field] = input.bytes;
      starts[field] = length < 0 ? -1 : input.at;
      ends[field] = length < 0 ? input.at : input.at + length;
      if (length > 0) input.at += length;
    }
    // A timestamp ISO text cannot hold as to_char writes it: the parsed event decides.
    if (!timestampsWritten) this.rowVouched = false;
    if (this.rowVouched && starts[ACTOR] >= 0) {
      const actor = canonicalActorBytes(sources[ACTOR], starts[ACTOR], ends[ACTOR]);
      sources[ACTOR] = actor;
      starts[ACTOR] = 0;
      ends[ACTOR] = actor.length;
    }
    return true;
  }

  /**
   * The timestamp of microseconds at `at` as `to_char(… 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')` writes it (milliseconds
   * truncated), into slot `slot` of the timestamps; false for an instant outside years 1 to 9999.
   */
  private writeTimestamp(slot: number, bytes: Buffer, at: number): boolean {
    const micros = bytes.readInt32BE(at) * 2 ** 32 + bytes.readUInt32BE(at + 4);
    const ms = Math.floor(micros / 1000) + POSTGRES_EPOCH_MS;
    if (ms === this.timestampsMs[slot]) return true;
    if (!(ms >= FIRST_FOUR_DIGIT_YEAR_MS && ms <= LAST_FOUR_DIGIT_YEAR_MS)) return false;
    this.timestamps.write(new Date(ms).toISOString(), slot * ISO_BYTES, 'latin1');
    this.timestampsMs[slot] = ms;
    return true;
  }

  vouched(): boolean {
    return this.rowVouched && this.fields.starts[DATA] >= 0;
  }

  globalPosition(): number {
    return this.fields.globalPosition;
  }

  coordinates(): HashedEventCoordinates {
    const { globalPosition, streamRevision, sources, starts, ends } = this.fields;
    return new CopiedCoordinates(globalPosition, this.text(STREAM_ID), streamRevision, this.text(HASH), sources[EVENT_ID], starts[EVENT_ID], ends[EVENT_ID], sources[TYPE], starts[TYPE], ends[TYPE]);
  }

  hashedBy(hasher: StoredEventHasher): StoredEventHasher {
    return hasher.loadFields(this.fields);
  }

  private text(field: number): string {
    const { sources, starts, ends } = this.fields;
    return sources[field].toString('utf8', starts[field], ends[field]);
  }
}

/**
 * A copied row's coordinates: the id and the type, which only a failure names, are decoded when asked (two strings
 * fewer per row checked).
 */
class CopiedCoordinates implements HashedEventCoordinates {
  constructor(
    readonly globalPosition: number,
    readonly streamId: string,
    readonly streamRevision: number,
    readonly hash: string,
    private readonly eventIdBytes: Buffer,
    private readonly eventIdStart: number,
    private readonly eventIdEnd: number,
    private readonly typeBytes: Buffer,
    private readonly typeStart: number,
    private readonly typeEnd: number,
  ) {}

  get eventId(): string {
    return this.eventIdBytes.toString('utf8', this.eventIdStart, this.eventIdEnd);
  }

  get type(): string {
    return this.typeBytes.toString('utf8', this.typeStart, this.typeEnd);
  }
}
