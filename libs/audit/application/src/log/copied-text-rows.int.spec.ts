import { createHash } from 'node:crypto';
import { canonicalEvent, prefixedLeafOf, StoredEventHasher, type HashedEventCoordinates } from '@itsm/audit-domain';
import { newId } from '@itsm/event-sourcing';
import { createPgExecutor, createPostgresEventStore, eventLogSchema, type EventStore, type SqlExecutor } from '@itsm/event-store';
import { createTestDatabase, type TestDatabase } from '@itsm/platform-kit';
import { serverKeepsDataCanonical } from './canonical-texts';
import { CopiedTextRows, copiedTextStatement } from './copied-text-rows';

const LONG_NOTE = 60_000;
/** A row as read, in one short line: its coordinates and its leaf's digest. */
const summary = (vouched: boolean, event: HashedEventCoordinates, leaf: Buffer): string =>
  `${vouched} ${event.globalPosition} ${event.streamId} ${event.streamRevision} ${event.eventId} ${event.type} ${event.hash} ${createHash('sha256').update(leaf).digest('hex')}`;

describe('CopiedTextRows on a binary COPY from the PostgreSQL server, however its bytes arrive', () => {
  let database: TestDatabase;
  let store: EventStore;
  let db: SqlExecutor;
  let copied: Buffer;
  let expected: string[];

  /** Each row's leaf and coordinates, as read from the chunks. */
  const readRows = (chunks: Buffer[]): string[] => {
    const hasher = new StoredEventHasher();
    const rows = new CopiedTextRows(chunks);
    const seen: string[] = [];
    while (rows.next()) {
      seen.push(summary(rows.vouched(), rows.coordinates(), rows.hashedBy(hasher).prefixedLeaf()));
    }
    return seen;
  };

  beforeAll(async () => {
    database = await createTestDatabase('audit_copied_rows');
    store = await createPostgresEventStore({ connectionString: database.url, poolSize: 2 });
    db = createPgExecutor({ connectionString: database.url, max: 2 });
    const stream = `incident-${newId()}`;
    // Short events and one of 60 kB (longer than a socket read, short enough to keep its text): every kind of boundary is crossed.
    const notes = ['a', 'é ✓ "quoted"', 'x'.repeat(LONG_NOTE), 'b', 'c'];
    await store.appendToStream(
      stream,
      notes.map((note, index) => ({ type: 'Noted', data: { index, note }, metadata: { actor: { id: 'agent-7', role: 'agent' }, correlationId: newId(), causationId: null } })),
      { expectedRevision: 'any' },
    );
    const events = (await store.readAll({ fromPosition: 0, maxCount: 10 })).events;
    expected = events.map((event) => summary(true, event, prefixedLeafOf(event, canonicalEvent(event))));
    const kept = await serverKeepsDataCanonical(db);
    copied = Buffer.concat((await db.copyOut?.(copiedTextStatement(eventLogSchema().events, { after: 0 }, kept))) ?? []);
  });

  afterAll(async () => {
    await store.close();
    await db.close();
    await database.drop();
  });

  it('reads every row as the parsed events give it, the copy in one chunk or in the chunks the server sent', async () => {
    expect(readRows([copied])).toEqual(expected);
    const kept = await serverKeepsDataCanonical(db);
    const asSent = (await db.copyOut?.(copiedTextStatement(eventLogSchema().events, { after: 0 }, kept))) ?? [];
    expect(readRows(asSent)).toEqual(expected);
  });

  it('reads the same rows with the copy cut in two at any byte of its short rows, and in chunks of a few bytes', () => {
    const shortRows = copied.length - LONG_NOTE;
    for (let cut = 1; cut < copied.length; cut += cut < 2 * shortRows ? 1 : 997) {
      expect(readRows([copied.subarray(0, cut), copied.subarray(cut)])).toEqual(expected);
    }
    for (const size of [1, 3, 64, 8192]) {
      const chunks = Array.from({ length: Math.ceil(copied.length / size) }, (_, index) => copied.subarray(index * size, (index + 1) * size));
      expect(readRows(chunks)).toEqual(expected);
    }
  });

  it('refuses a copy cut short', () => {
    expect(() => readRows([copied.subarray(0, copied.length - 2)])).toThrow(/cut short/);
    expect(() => readRows([copied.subarray(0, 10)])).toThrow(/not the output of a binary COPY/);
  });
});
