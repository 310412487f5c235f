import { createHmac } from 'node:crypto';
import type { NewEvent, RecordedEvent } from '@itsm/event-sourcing';
import { decryptField, encryptField, isPiiEnvelope, parseEnvelope } from './field-cipher';
import { ERASED_FIELD_VALUE, type PersonalDataPolicy, type PersonalFields } from './personal-data-policy';
import type { DataKey, LiveDataKey, SubjectKeys } from './subject-keys.port';

/** Reads the stored first event of a stream (the stored form: its subject field is still an envelope). */
export type FirstStoredEvent = (streamId: string) => Promise<RecordedEvent | undefined>;

export interface PersonalDataVaultOptions {
  keys: SubjectKeys;
  policy: PersonalDataPolicy;
  firstStoredEvent: FirstStoredEvent;
  /** Keys and stream subjects kept in memory; default 50,000 each (a few MB). */
  cacheSize?: number;
}

export interface Erasure {
  subjectRef: string;
  keysErased: number;
}

/** A Map that forgets its oldest entry beyond `limit` (insertion order). */
class BoundedMap<K, V> extends Map<K, V> {
  constructor(private readonly limit: number) {
    super();
  }
  override set(key: K, value: V): this {
    if (!this.has(key) && this.size >= this.limit) this.delete(this.keys().next().value as K);
    return super.set(key, value);
  }
}

/**
 * Personal fields in and out of the log (issue 12, point 6): the one place that encrypts them before an append
 * and decrypts them after a read, whatever store holds the log (`PersonalDataEventStore` puts it on both paths).
 *
 * Keys are cached: an append for a subject whose key this process has seen costs no extra round trip; a read
 * fetches the keys it has not seen in one query per page. An erasure drops the cache here, and on a server the
 * key table's NOTIFY drops it in every other process.
 */
export class PersonalDataVault {
  private readonly keys: SubjectKeys;
  private readonly policy: PersonalDataPolicy;
  private readonly firstStoredEvent: FirstStoredEvent;
  private readonly keysById: BoundedMap<string, DataKey>;
  private readonly liveKeyOfSubject: BoundedMap<string, string>;
  private readonly subjectOfStream: BoundedMap<string, string>;
  private secret: Promise<Buffer> | undefined;

  constructor(options: PersonalDataVaultOptions) {
    this.keys = options.keys;
    this.policy = options.policy;
    this.firstStoredEvent = options.firstStoredEvent;
    const size = options.cacheSize ?? 50_000;
    this.keysById = new BoundedMap(size);
    this.liveKeyOfSubject = new BoundedMap(size);
    this.subjectOfStream = new BoundedMap(size);
  }

  /** The subject's reference: HMAC-SHA256 of its id under the log's own secret, hex. Never the id itself. */
  async subjectRef(subjectId: string): Promise<string> {
    this.secret ??= this.keys.subjectRefSecret().catch((error) => {
      this.secret = undefined;
      throw error;
    });
    return createHmac('sha256', await this.secret).update(subjectId, 'utf8').digest('hex');
  }

  /** The events with each personal field replaced by its envelope; events without any are returned as they are. */
  async protect(streamId: string, events: readonly NewEvent[]): Promise<NewEvent[]> {
    const protectedEvents: NewEvent[] = [];
    for (const event of events) {
      const fields = this.policy[event.type];
      if (!fields || !isRecord(event.data)) {
        protectedEvents.push(event);
        continue;
      }
      const subjectRef = await this.subjectRefOf(streamId, event.data, fields);
      const key = await this.liveKey(subjectRef);
      const data: Record<string, unknown> = { ...event.data };
      for (const field of fields.fields) {
        if (field in data && !isPiiEnvelope(data[field])) data[field] = encryptField(key.key, key.keyId, event.type, field, data[field]);
      }
      protectedEvents.push({ ...event, data });
    }
    return protectedEvents;
  }

  /** Whether events of this type may carry personal fields (the others are never changed by `reveal`). */
  mayHoldPersonalFields(type: string): boolean {
    return this.policy[type] !== undefined;
  }

  /**
   * The events with each envelope replaced by its value, or by `ERASED_FIELD_VALUE` when the key is gone. Events
   * written before encryption (plaintext) and events of types without personal fields come back as they are.
   */
  async reveal<Event extends RecordedEvent>(events: readonly Event[]): Promise<Event[]> {
    const unknown = new Set<string>();
    for (const event of events) {
      if (!this.policy[event.type] || !isRecord(event.data)) continue;
      for (const value of Object.values(event.data)) {
        if (isPiiEnvelope(value)) {
          const { keyId } = parseEnvelope(value);
          if (!this.keysById.has(keyId)) unknown.add(keyId);
        }
      }
    }
    if (unknown.size > 0) {
      const found = await this.keys.keysById([...unknown]);
      for (const [keyId, key] of found) this.keysById.set(keyId, key);
    }
    return events.map((event) => this.revealOne(event));
  }

  /**
   * Remembers the subject of streams read from their start (the pipeline reads a stream before it appends), so the
   * append that follows finds the subject without reading the stream's first event again.
   */
  async rememberSubjects(events: readonly RecordedEvent[]): Promise<void> {
    for (const event of events) {
      const fields = event.streamRevision === 0 ? this.policy[event.type] : undefined;
      if (!fields || fields.subject === 'stream' || !isRecord(event.data)) continue;
      const subjectId = event.data[fields.subject.field];
      if (typeof subjectId === 'string' && subjectId !== ERASED_FIELD_VALUE) this.subjectOfStream.set(event.streamId, await this.subjectRef(subjectId));
    }
  }

  /** Deletes the subject's keys: every field written under them reads as erased from now on, everywhere. */
  async erase(subjectId: string): Promise<Erasure> {
    const subjectRef = await this.subjectRef(subjectId);
    const keysErased = await this.keys.eraseSubject(subjectRef);
    this.forgetKeys();
    return { subjectRef, keysErased };
  }

  /** Drops every cached key (another process erased a subject). */
  forgetKeys(): void {
    this.keysById.clear();
    this.liveKeyOfSubject.clear();
  }

  private revealOne<Event extends RecordedEvent>(event: Event): Event {
    if (!this.policy[event.type] || !isRecord(event.data)) return event;
    let data: Record<string, unknown> | undefined;
    for (const [field, value] of Object.entries(event.data)) {
      if (!isPiiEnvelope(value)) continue;
      data ??= { ...event.data };
      const envelope = parseEnvelope(value);
      const key = this.keysById.get(envelope.keyId)?.key;
      // A key the table does not know (deleted outright, or a log restored without its key table) is erased too.
      data[field] = key ? decryptField(key, envelope, event.type, field) : ERASED_FIELD_VALUE;
    }
    return data ? { ...event, data } : event;
  }

  private async liveKey(subjectRef: string): Promise<LiveDataKey> {
    const cachedId = this.liveKeyOfSubject.get(subjectRef);
    const cached = cachedId === undefined ? undefined : this.keysById.get(cachedId);
    if (cached?.key) return cached as LiveDataKey;
    const key = await this.keys.keyForSubject(subjectRef);
    this.keysById.set(key.keyId, key);
    this.liveKeyOfSubject.set(subjectRef, key.keyId);
    return key;
  }

  private async subjectRefOf(streamId: string, data: Record<string, unknown>, fields: PersonalFields): Promise<string> {
    if (fields.subject !== 'stream') {
      const subjectId = data[fields.subject.field];
      const ref = await this.subjectRef(typeof subjectId === 'string' ? subjectId : `stream:${streamId}`);
      if (!this.subjectOfStream.has(streamId)) this.subjectOfStream.set(streamId, ref);
      return ref;
    }
    const known = this.subjectOfStream.get(streamId);
    if (known !== undefined) return known;
    const ref = (await this.storedSubjectOf(streamId)) ?? (await this.subjectRef(`stream:${streamId}`));
    this.subjectOfStream.set(streamId, ref);
    return ref;
  }

  /** The subject named by the stream's first event: its subject field's envelope names the key, the key its subject. */
  private async storedSubjectOf(streamId: string): Promise<string | undefined> {
    const first = await this.firstStoredEvent(streamId);
    const fields = first ? this.policy[first.type] : undefined;
    if (!first || !fields || fields.subject === 'stream' || !isRecord(first.data)) return undefined;
    const stored = first.data[fields.subject.field];
    if (typeof stored === 'string') return this.subjectRef(stored); // written before encryption: plaintext
    if (!isPiiEnvelope(stored)) return undefined;
    const { keyId } = parseEnvelope(stored);
    const key = this.keysById.get(keyId) ?? (await this.keys.keysById([keyId])).get(keyId);
    return key?.subjectRef;
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
