import { verifyChain, WritePipeline, type NewEvent, type RecordedEvent } from '@itsm/event-sourcing';
import { createInMemoryEventStore } from '../in-memory';
import { isPiiEnvelope } from './field-cipher';
import { InMemorySubjectKeys } from './in-memory-subject-keys';
import { ERASED_FIELD_VALUE, type PersonalDataPolicy } from './personal-data-policy';
import { protectPersonalData } from './protect-personal-data';

// The shape of the contracts' registry (PERSONAL_DATA_FIELDS), kept local: this lib does not depend on contracts.
const policy: PersonalDataPolicy = {
  Opened: { subject: { field: 'callerId' }, fields: ['callerId', 'description'] },
  NoteAdded: { subject: 'stream', fields: ['note'] },
};

const metadata = { actor: { id: 'agent-1' }, correlationId: 'c-1' };
const opened = (callerId: string, description: string): NewEvent => ({ type: 'Opened', data: { callerId, description, priority: 2 }, metadata });
const noteAdded = (note: string): NewEvent => ({ type: 'NoteAdded', data: { note, minutes: 5 }, metadata });

const setUp = () => {
  const keys = new InMemorySubjectKeys();
  const store = protectPersonalData(createInMemoryEventStore(), { keys, policy });
  return { keys, store };
};

describe('PersonalDataEventStore: encrypt on append, decrypt on read, erase by deleting the key', () => {
  it('stores envelopes in place of personal fields, chained and hashed as stored, and reads the plaintext back', async () => {
    const { store } = setUp();
    await store.appendToStream('case-1', [opened('caller-a', 'my laptop, serial 123'), noteAdded('rang Ada at home')], { expectedRevision: 'no-stream' });

    const stored = await store.stored.readStream('case-1');
    expect(isPiiEnvelope((stored[0].data as Record<string, unknown>)['callerId'])).toBe(true);
    expect(isPiiEnvelope((stored[1].data as Record<string, unknown>)['note'])).toBe(true);
    expect((stored[0].data as Record<string, unknown>)['priority']).toBe(2);
    expect(JSON.stringify(stored)).not.toMatch(/caller-a|laptop|Ada/);
    expect(verifyChain('case-1', stored).ok).toBe(true);

    const read = await store.readStream('case-1');
    expect(read.map((event) => event.data)).toEqual([
      { callerId: 'caller-a', description: 'my laptop, serial 123', priority: 2 },
      { note: 'rang Ada at home', minutes: 5 },
    ]);
    expect((await store.readAll()).events.map((event) => event.data)).toEqual(read.map((event) => event.data));
  });

  it("encrypts a stream's later events under the key of the subject its first event names", async () => {
    const { store } = setUp();
    await store.appendToStream('case-1', [opened('caller-a', 'one')], { expectedRevision: 'no-stream' });
    await store.appendToStream('case-1', [noteAdded('two')], { expectedRevision: 0 });
    const keyIds = (await store.stored.readStream('case-1')).map((event) => Object.values(event.data as Record<string, { $pii?: string }>).find((value) => value?.$pii)?.$pii?.split(':')[1]);
    expect(keyIds[0]).toBeDefined();
    expect(keyIds[1]).toBe(keyIds[0]);
  });

  it("erases one subject's fields everywhere and leaves the others' and the chain intact", async () => {
    const { store } = setUp();
    await store.appendToStream('case-a', [opened('caller-a', 'a secret'), noteAdded('a note')], { expectedRevision: 'no-stream' });
    await store.appendToStream('case-b', [opened('caller-b', 'b text'), noteAdded('b note')], { expectedRevision: 'no-stream' });
    const storedBefore = (await store.stored.readAll()).events;

    const erasure = await store.vault.erase('caller-a');
    expect(erasure).toEqual({ subjectRef: expect.stringMatching(/^[0-9a-f]{64}$/), keysErased: 1 });
    expect(erasure.subjectRef).not.toContain('caller-a');

    expect((await store.readStream('case-a')).map((event) => event.data)).toEqual([
      { callerId: ERASED_FIELD_VALUE, description: ERASED_FIELD_VALUE, priority: 2 },
      { note: ERASED_FIELD_VALUE, minutes: 5 },
    ]);
    expect((await store.readStream('case-b')).map((event) => event.data)).toEqual([
      { callerId: 'caller-b', description: 'b text', priority: 2 },
      { note: 'b note', minutes: 5 },
    ]);
    const delivered: unknown[] = [];
    const subscription = store.subscribeToAll({ onEvent: async (event) => void delivered.push(event.data) });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await subscription.stop();
    expect(delivered).toContainEqual({ note: ERASED_FIELD_VALUE, minutes: 5 });
    expect(delivered).toContainEqual({ note: 'b note', minutes: 5 });
    // Nothing stored changed: the chains still verify.
    const storedAfter = (await store.stored.readAll()).events;
    expect(storedAfter).toEqual(storedBefore);
    for (const streamId of ['case-a', 'case-b']) expect(verifyChain(streamId, await store.stored.readStream(streamId)).ok).toBe(true);
  });

  it("gives the erased subject's stream a fresh key for what is written after, which the next erasure removes", async () => {
    const { store } = setUp();
    await store.appendToStream('case-a', [opened('caller-a', 'before')], { expectedRevision: 'no-stream' });
    await store.vault.erase('caller-a');
    await store.appendToStream('case-a', [noteAdded('after the erasure')], { expectedRevision: 0 });
    expect((await store.readStream('case-a'))[1].data).toEqual({ note: 'after the erasure', minutes: 5 });
    expect((await store.vault.erase('caller-a')).keysErased).toBe(1);
    expect((await store.readStream('case-a'))[1].data).toEqual({ note: ERASED_FIELD_VALUE, minutes: 5 });
  });

  it('asks the key table once per subject: later appends and reads use the cached key', async () => {
    const { keys, store } = setUp();
    await store.appendToStream('case-1', [opened('caller-a', 'one')], { expectedRevision: 'no-stream' });
    const lookups = keys.lookups;
    for (let revision = 0; revision < 5; revision += 1) await store.appendToStream('case-1', [noteAdded(`note ${revision}`)], { expectedRevision: revision });
    await store.readStream('case-1');
    expect(keys.lookups).toBe(lookups);
  });

  it('reads events written before encryption (plaintext) as they are, and leaves other types alone', async () => {
    const { store } = setUp();
    await store.stored.appendToStream('case-old', [opened('caller-old', 'plain'), { type: 'Other', data: { description: 'x' }, metadata }], { expectedRevision: 'no-stream' });
    expect((await store.readStream('case-old')).map((event) => event.data)).toEqual([
      { callerId: 'caller-old', description: 'plain', priority: 2 },
      { description: 'x' },
    ]);
    // A later personal event of that stream finds its subject in the plaintext opener.
    await store.appendToStream('case-old', [noteAdded('new')], { expectedRevision: 1 });
    await store.vault.erase('caller-old');
    expect((await store.readStream('case-old'))[2].data).toEqual({ note: ERASED_FIELD_VALUE, minutes: 5 });
  });

  it('returns the appended events with the data the writer gave, and multi-stream appends are encrypted too', async () => {
    const { store } = setUp();
    const [result] = await (store.appendToStreams?.([{ streamId: 'case-m', events: [opened('caller-m', 'multi')], expectedRevision: 'no-stream' }]) ?? []);
    expect(result.events[0].data).toEqual({ callerId: 'caller-m', description: 'multi', priority: 2 });
    expect(JSON.stringify(await store.stored.readStream('case-m'))).not.toContain('multi');
  });

  it('decrypts before upcasting: an upcaster sees the value, or the erased marker, never an envelope', async () => {
    const { store } = setUp();
    // Stored v1 NoteAdded says `note`; today's v2 says `text`: the upcaster a reader applies after the store.
    const upcast = (event: RecordedEvent): RecordedEvent =>
      event.type === 'NoteAdded' && event.schemaVersion === 1
        ? { ...event, schemaVersion: 2, data: { text: (event.data as { note: unknown }).note } }
        : event;
    const pipeline = new WritePipeline({ store, upcast });
    await store.appendToStream('case-u', [opened('caller-u', 'u'), noteAdded('before erasure')], { expectedRevision: 'no-stream' });
    const texts = async () => (await pipeline.load('case-u', (events) => events.flatMap((event) => (event.type === 'NoteAdded' ? [(event.data as { text: unknown }).text] : [])))).state;

    expect(await texts()).toEqual(['before erasure']);
    await store.vault.erase('caller-u');
    expect(await texts()).toEqual([ERASED_FIELD_VALUE]);
  });
});
