import { Client } from 'pg';
import { AuditLogVerifier, noteSignerFromSeed } from '@itsm/audit-domain';
import { newId, type NewEvent } from '@itsm/event-sourcing';
import { createPgExecutor, createPostgresEventStore, type EventStore, type SqlExecutor } from '@itsm/event-store';
import { createTestDatabase, type TestDatabase } from '@itsm/platform-kit';
import { SqlAuditTree } from '../../adapters/sql-audit-tree.adapter';
import { AuditCheckpointer } from '../../processes/checkpointer/audit-checkpointer';
import { verifyAuditLog } from '../verify-audit-log';
import { verifyOnServer } from './verify-on-server';

/*
 * Which ranges the server vouches for, and which it leaves to the client: the tamper specs prove the result is the
 * same either way; these prove the server does the work when it can.
 */

const ORIGIN = 'itsm.test/audit-on-server';
const signer = noteSignerFromSeed(ORIGIN, Buffer.alloc(32, 12));
const EVENTS = 'event_store.events';
const RANGE = 50;
const noted = (index: number): NewEvent => ({
  type: 'Noted',
  data: { index, note: `note ${index} "quoted" \\ é ✓`, nested: { b: [1, 2.5, null, true], a: 'z' } },
  metadata: { actor: { id: 'agent-7', role: 'agent', via: 'portal' }, correlationId: newId(), causationId: index % 2 ? newId() : null, traceparent: index % 3 ? null : '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
});

describe('verification on the PostgreSQL server', () => {
  let database: TestDatabase;
  let store: EventStore;
  let db: SqlExecutor;
  let tree: SqlAuditTree;

  const behindTheStore = async (sql: string) => {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query(`ALTER TABLE ${EVENTS} DISABLE TRIGGER events_refuse_update_delete`);
      await client.query(sql);
    } finally {
      await client.query(`ALTER TABLE ${EVENTS} ENABLE TRIGGER events_refuse_update_delete`);
      await client.end();
    }
  };

  /** Runs the server's side alone; returns the ranges it left to the client. */
  const rangesLeftToTheClient = async (): Promise<{ left: [number, number][]; verifier: AuditLogVerifier }> => {
    const state = await tree.readState();
    const checkpoints = [];
    for await (const stored of tree.allCheckpoints()) checkpoints.push(stored);
    const verifier = new AuditLogVerifier(checkpoints);
    const left: [number, number][] = [];
    await verifyOnServer(
      { connectionString: database.url, workers: 2, rangeSize: RANGE },
      {
        verifier,
        after: 0,
        head: 300,
        recordedUpTo: state.lastPosition,
        recordedLeaves: (first, count) => tree.readLeaves(first, count),
        checkHere: async (after, upTo) => {
          left.push([after, upTo]);
          // As the client would, for this spec: the events of the range, each checked.
          for (const event of (await store.readAll({ fromPosition: after, maxCount: upTo - after })).events) verifier.check(event);
          return 0;
        },
      },
    );
    return { left, verifier };
  };

  beforeEach(async () => {
    database = await createTestDatabase('audit_on_server');
    store = await createPostgresEventStore({ connectionString: database.url, poolSize: 2 });
    db = createPgExecutor({ connectionString: database.url, max: 2 });
    tree = new SqlAuditTree(db);
    const streams = Array.from({ length: 6 }, () => `incident-${newId()}`);
    for (let index = 0; index < 300; index += 3) {
      await store.appendToStream(streams[(index / 3) % streams.length], [0, 1, 2].map((offset) => noted(index + offset)), { expectedRevision: 'any' });
    }
    await new AuditCheckpointer({ store, tree, signer, origin: ORIGIN, everyEvents: 100, everySeconds: 0 }).catchUp();
  });

  afterEach(async () => {
    await store.close();
    await db.close();
    await database.drop();
  });

  it('vouches for every range of an untouched log: chains, links across ranges, leaves equal to the recorded tree, every checkpoint', async () => {
    const { left, verifier } = await rangesLeftToTheClient();

    expect(left).toEqual([]);
    expect(verifier.finish()).toBeNull();
    expect(verifier.figures()).toMatchObject({ events: 300, streams: 6, lastPosition: 300, treeSize: 300, checkpointsChecked: 3 });
  });

  it('leaves to the client a range with an event written without its canonical text (before it was stored, or behind the store), which then verifies', async () => {
    await behindTheStore(`UPDATE ${EVENTS} SET canonical_data = NULL WHERE global_position = 120`);

    const { left, verifier } = await rangesLeftToTheClient();

    expect(left).toEqual([[100, 150]]);
    expect(verifier.finish()).toBeNull();
    expect(await verifyAuditLog({ store, tree }, { verifier: signer.verifier, origin: ORIGIN, parallel: { connectionString: database.url, rangeSize: RANGE, minimumPositions: 0 } })).toMatchObject({
      ok: true,
      events: 300,
      recordedLeavesChecked: 300,
    });
  });

  it('leaves to the client the range of a changed data byte, where the client names it', async () => {
    await behindTheStore(`UPDATE ${EVENTS} SET data = jsonb_set(data, '{note}', '"rewritten"') WHERE global_position = 30`);

    const { left, verifier } = await rangesLeftToTheClient();

    expect(left).toEqual([[0, 50]]);
    expect(verifier.firstFailure).toMatchObject({ reason: 'hash-mismatch', globalPosition: 30 });
  });

  it('leaves to the client a range whose statement fails on canonical text that is not JSON', async () => {
    await behindTheStore(`UPDATE ${EVENTS} SET canonical_data = '{not json' WHERE global_position = 260`);

    const { left, verifier } = await rangesLeftToTheClient();

    expect(left).toEqual([[250, 300]]);
    expect(verifier.finish()).toBeNull();
  });
});
