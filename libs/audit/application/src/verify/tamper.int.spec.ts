import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { canonicalJson, computeEventHash, GENESIS_HASH, newEventId, newId, type NewEvent, type RecordedEvent } from '@itsm/event-sourcing';
import { noteSignerFromSeed } from '@itsm/audit-domain';
import { createPgExecutor, createPostgresEventStore, type EventStore, type SqlExecutor } from '@itsm/event-store';
import { createTestDatabase, type TestDatabase } from '@itsm/platform-kit';
import { CheckpointCopies } from '../adapters/checkpoint-copies.adapter';
import { SqlAuditTree } from '../adapters/sql-audit-tree.adapter';
import { AuditCheckpointer, LogDivergedFromTree } from '../processes/checkpointer/audit-checkpointer';
import { verifyAuditLog, verifyAuditStream } from './verify-audit-log';

/*
 * Tampering behind the store on the PostgreSQL server, as someone with database access would: the append-only
 * trigger disabled (ALTER TABLE … DISABLE TRIGGER, as the superuser these specs connect as), rows changed,
 * deleted or inserted, chains recomputed. Each time the verification names where.
 */

const ORIGIN = 'itsm.test/audit';
const signer = noteSignerFromSeed(ORIGIN, Buffer.alloc(32, 11));
const EVENTS = 'event_store.events';
const noted = (index: number): NewEvent => ({ type: 'Noted', data: { index, note: `note ${index}` }, metadata: { actor: { id: 'agent-7', role: 'agent' }, correlationId: newId() } });

describe('tampering with the log on the PostgreSQL server', () => {
  let database: TestDatabase;
  let store: EventStore;
  let db: SqlExecutor;
  let tree: SqlAuditTree;
  let folder: string;
  let copies: CheckpointCopies;
  let streams: string[];

  /** One statement as the superuser with the append-only trigger off, as an attacker would run it. */
  const behindTheStore = async (sql: string, values: unknown[] = []) => {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query(`ALTER TABLE ${EVENTS} DISABLE TRIGGER events_refuse_update_delete`);
      return (await client.query(sql, values)).rows;
    } finally {
      await client.query(`ALTER TABLE ${EVENTS} ENABLE TRIGGER events_refuse_update_delete`);
      await client.end();
    }
  };

  const checkpointer = () => new AuditCheckpointer({ store, tree, signer, origin: ORIGIN, everyEvents: 100, everySeconds: 0, batchSize: 500, copies });
  /**
   * Both ways `itsm verify` runs: every event read parsed through the store, and on the texts the appenders stored
   * (pages of 37 positions, so every check crosses page ends); they must find the same first failure.
   */
  const verify = async (options: { recorded?: boolean } = {}) => {
    const sources = { store, tree: options.recorded === false ? withoutRecordedLeaves(tree) : tree, copies };
    const [parsed, fromTexts] = await Promise.all([
      verifyAuditLog(sources, { verifier: signer.verifier, origin: ORIGIN, batchSize: 97 }),
      verifyAuditLog(sources, { verifier: signer.verifier, origin: ORIGIN, batchSize: 37, canonicalTexts: { db } }),
    ]);
    expect(fromTexts.notes).toEqual(parsed.notes);
    expect({ ...fromTexts, startedAt: 0, finishedAt: 0, eventsPerSecond: 0 }).toEqual({ ...parsed, startedAt: 0, finishedAt: 0, eventsPerSecond: 0 });
    return parsed;
  };

  /** The same tree, but as if its tiles had been rewritten to match the log: only the signed checkpoints remain. */
  const withoutRecordedLeaves = (source: SqlAuditTree): SqlAuditTree => Object.assign(Object.create(source) as SqlAuditTree, { readLeaves: async () => [] });

  const streamEvents = (streamId: string): Promise<RecordedEvent[]> => store.readStream(streamId);

  beforeEach(async () => {
    database = await createTestDatabase('audit_tamper');
    store = await createPostgresEventStore({ connectionString: database.url, poolSize: 4 });
    db = createPgExecutor({ connectionString: database.url, max: 4 });
    tree = new SqlAuditTree(db);
    folder = mkdtempSync(join(tmpdir(), 'audit-tamper-'));
    copies = new CheckpointCopies(folder);
    streams = Array.from({ length: 8 }, () => `incident-${newId()}`);
    for (let index = 0; index < 480; index += 4) {
      await store.appendToStream(streams[(index / 4) % streams.length], [0, 1, 2, 3].map((offset) => noted(index + offset)), { expectedRevision: 'any' });
    }
    await checkpointer().catchUp();
  });

  afterEach(async () => {
    await store.close();
    await db.close();
    await database.drop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('verifies the untouched log against all its checkpoints', async () => {
    expect(await verify()).toMatchObject({ ok: true, events: 480, streams: 8, lastPosition: 480, recordedLeavesChecked: 480, checkpoints: { found: 5, checked: 5, signaturesChecked: true } });
  });

  it("names the exact position of an event whose data was changed behind the store", async () => {
    // The jsonb and its canonical text changed together (as the check constraint requires).
    const [stored] = await behindTheStore(`SELECT data FROM ${EVENTS} WHERE global_position = 213`);
    const rewritten = canonicalJson({ ...stored.data, note: 'rewritten' });
    const [target] = await behindTheStore(`UPDATE ${EVENTS} SET data = $1::text::jsonb, canonical_data = $1 WHERE global_position = 213 RETURNING stream_id, stream_revision`, [rewritten]);

    expect((await verify()).firstFailure).toMatchObject({ reason: 'hash-mismatch', globalPosition: 213, streamId: target.stream_id, streamRevision: target.stream_revision });
  });

  it('keeps data and its canonical text together with the trigger off; with the constraint dropped, a data changed alone is named at its position', async () => {
    // The server refuses the change on its own: the check constraint holds whatever triggers are disabled.
    await expect(behindTheStore(`UPDATE ${EVENTS} SET data = jsonb_set(data, '{note}', '"rewritten"') WHERE global_position = 213`)).rejects.toThrow(/events_canonical_data_is_data/);
    // The attacker drops the constraint first, then changes the jsonb the application reads and leaves the text.
    await behindTheStore(`ALTER TABLE ${EVENTS} DROP CONSTRAINT events_canonical_data_is_data`);
    const [target] = await behindTheStore(`UPDATE ${EVENTS} SET data = jsonb_set(data, '{note}', '"rewritten"') WHERE global_position = 213 RETURNING stream_id, stream_revision`);
    // Added back without a check of the rows there: not trusted either.
    await behindTheStore(`ALTER TABLE ${EVENTS} ADD CONSTRAINT events_canonical_data_is_data CHECK (canonical_data IS NULL OR canonical_data::jsonb = data) NOT VALID`);

    expect((await verify()).firstFailure).toMatchObject({ reason: 'hash-mismatch', globalPosition: 213, streamId: target.stream_id, streamRevision: target.stream_revision });
  });

  it('finds a rewrite whose chain was recomputed: at its leaf, and at the next checkpoint when the recorded tree was rewritten too', async () => {
    const [target] = await behindTheStore(`SELECT stream_id, stream_revision FROM ${EVENTS} WHERE global_position = 213`);
    const events = await streamEvents(target.stream_id);
    // The attacker changes one event and recomputes every later hash of the stream.
    let previous = GENESIS_HASH;
    for (const event of events) {
      const changed = event.globalPosition === 213 ? { ...event, data: { index: 212, note: 'rewritten' } } : event;
      const hash = computeEventHash(previous, changed);
      previous = hash;
      if (hash !== event.hash || changed !== event) {
        await behindTheStore(`UPDATE ${EVENTS} SET data = $2::text::jsonb, canonical_data = $2, hash = $3 WHERE global_position = $1`, [event.globalPosition, canonicalJson(changed.data), hash]);
      }
    }

    expect((await verify()).firstFailure).toMatchObject({ reason: 'leaf-not-recorded', globalPosition: 213, streamId: target.stream_id });
    expect((await verify({ recorded: false })).firstFailure).toMatchObject({ reason: 'checkpoint-root-mismatch', globalPosition: 300 });
    expect((await verifyAuditStream({ store, tree, copies }, target.stream_id, { verifier: signer.verifier })).firstFailure).toMatchObject({ reason: 'not-in-checkpoint', globalPosition: 213 });
  });

  it('finds the last events of a stream deleted and the stream continued with a recomputed chain: the check against the previous checkpoint fails', async () => {
    const stream = streams[3];
    const before = await streamEvents(stream);
    const deleted = before.slice(-4);
    await behindTheStore(`DELETE FROM ${EVENTS} WHERE stream_id = $1 AND stream_revision >= $2`, [stream, deleted[0].streamRevision]);
    // The stream carries on from its new head: revisions and the chain are whole again.
    // As many as were deleted, so the log is as long as the last checkpoint says.
    await store.appendToStream(stream, [9001, 9002, 9003, 9004].map(noted), { expectedRevision: deleted[0].streamRevision - 1 });

    const chainsOnly = await verifyAuditLog({ store }, { batchSize: 97 });
    expect(chainsOnly.ok).toBe(true);
    // The first event after the deleted ones now sits on the leaf the tree recorded for the first deleted one.
    expect((await verify()).firstFailure).toMatchObject({ reason: 'leaf-not-recorded', globalPosition: deleted[deleted.length - 1].globalPosition + 1, recordedPosition: deleted[0].globalPosition });
    expect((await verify({ recorded: false })).firstFailure).toMatchObject({ reason: 'checkpoint-root-mismatch', globalPosition: 484 });
    // The checkpointer itself goes on (the log's own end is intact) and its next checkpoint still extends the last.
    await expect(checkpointer().catchUp()).resolves.toMatchObject({ treeSize: 484 });
  });

  it('finds the tail of the log deleted: the checkpointer stops signing, and verify names the checkpoint it breaks', async () => {
    await behindTheStore(`DELETE FROM ${EVENTS} WHERE global_position > 470`);

    await expect(checkpointer().runOnce()).rejects.toBeInstanceOf(LogDivergedFromTree);
    expect((await verify({ recorded: false })).firstFailure).toMatchObject({ reason: 'log-shorter-than-checkpoint', globalPosition: 480, expected: '480 events', actual: '470 events' });
    // Deleting the checkpoints that cover the tail as well does not hide it: the write-once copies still hold them.
    await db.query(`DELETE FROM audit.checkpoints WHERE tree_size > 400`);
    expect((await verify({ recorded: false })).firstFailure).toMatchObject({ reason: 'log-shorter-than-checkpoint', globalPosition: 480 });
  });

  it('finds an event inserted in the middle of the log', async () => {
    // Free a position in the middle: every later event moves up by one (the identity column let go of for it).
    await behindTheStore(`ALTER TABLE ${EVENTS} ALTER COLUMN global_position SET GENERATED BY DEFAULT`);
    await behindTheStore(`UPDATE ${EVENTS} SET global_position = global_position + 1000 WHERE global_position > 250`);
    await behindTheStore(`UPDATE ${EVENTS} SET global_position = global_position - 999 WHERE global_position > 1000`);
    await behindTheStore(`ALTER TABLE ${EVENTS} ALTER COLUMN global_position SET GENERATED ALWAYS`);
    const forged = { eventId: newEventId(), type: 'Noted', schemaVersion: 1, streamId: `incident-${newId()}`, streamRevision: 0, occurredAt: '2026-11-02T08:00:00.000Z', recordedAt: '2026-11-02T08:00:00.000Z', actor: { id: 'mallory' }, correlationId: newId(), causationId: null, traceparent: null, data: { index: -1 } };
    const hash = computeEventHash(GENESIS_HASH, forged);
    await behindTheStore(
      `INSERT INTO ${EVENTS} (global_position, stream_id, stream_revision, event_id, type, schema_version, data, actor, correlation_id, causation_id, traceparent, occurred_at, recorded_at, hash)
       OVERRIDING SYSTEM VALUE VALUES (251, $1, 0, $2, 'Noted', 1, $3::text::jsonb, $4::text::jsonb, $5, null, null, $6, $6, $7)`,
      [forged.streamId, forged.eventId, JSON.stringify(forged.data), JSON.stringify(forged.actor), forged.correlationId, forged.recordedAt, hash],
    );

    expect((await verifyAuditLog({ store }, { batchSize: 97 })).ok).toBe(true);
    expect((await verify()).firstFailure).toMatchObject({ reason: 'leaf-not-recorded', globalPosition: 251, streamId: forged.streamId });
    expect((await verify({ recorded: false })).firstFailure).toMatchObject({ reason: 'checkpoint-root-mismatch', globalPosition: 300 });
  });

  it('refuses a checkpoint whose root was recomputed in the database (no signature matches it)', async () => {
    await db.query(`UPDATE audit.checkpoints SET note = replace(note, E'\\n200\\n', E'\\n201\\n') WHERE tree_size = 200`);

    expect((await verify()).firstFailure).toMatchObject({ reason: 'checkpoint-signature' });
  });
});
