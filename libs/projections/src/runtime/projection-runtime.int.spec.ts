import { streamName, waitUntil, type RecordedEvent } from '@itsm/event-sourcing';
import { defineProjection } from '../projection';
import { streamHeadsProjection } from '../audit/stream-heads.projection';
import { ProjectionRuntime } from './projection-runtime';
import { anEvent, readWholeLog, testDatabases, type ProjectionTestDatabase } from '../testing/projection-test-database';
import { foldStreamHeadsFromLog, readStreamHeadsTables } from '../testing/stream-heads.fold';

/** Records each event it receives; refuses events marked as poison, after having written the rows before them. */
const notesProjection = defineProjection<'notes'>({
  name: 'notes',
  eventTypes: ['NoteTaken'],
  tables: ['notes'],
  createTables: (tables) => `CREATE TABLE ${tables.notes} (event_id text PRIMARY KEY, stream_id text NOT NULL)`,
  apply: async (tx, event, tables) => {
    await tx.query(`INSERT INTO ${tables.notes} (event_id, stream_id) VALUES ($1, $2)`, [event.eventId, event.streamId]);
    if ((event.data as { poison?: boolean }).poison) throw new Error('poison note');
  },
});

describe.each(testDatabases)('projection runtime on %s', (_label, openDatabase) => {
  let database: ProjectionTestDatabase;
  const runtimes: ProjectionRuntime[] = [];

  const runtimeFor = async (overrides: Partial<Parameters<typeof ProjectionRuntime.create>[0]> = {}) => {
    const runtime = await ProjectionRuntime.create({
      db: database.db,
      source: database.store,
      projections: [streamHeadsProjection, notesProjection],
      schema: database.schema,
      checkpointSchema: database.checkpointSchema,
      ...overrides,
    });
    runtimes.push(runtime);
    return runtime;
  };

  const auditTables = () => ({
    stream_heads: `"${database.schema}"."stream_heads"`,
    event_type_counts: `"${database.schema}"."event_type_counts"`,
  });

  const appendToStreams = async (streams: string[], eventsPerStream: number, type = 'TicketTouched') => {
    for (const stream of streams) {
      await database.store.appendToStream(stream, Array.from({ length: eventsPerStream }, (_, index) => anEvent(type, { index })), {
        expectedRevision: 'any',
      });
    }
  };

  const positionOf = async (runtime: ProjectionRuntime, name: string) =>
    (await runtime.status()).find((status) => status.name === name)?.position ?? -2;

  beforeEach(async () => {
    database = await openDatabase();
  });

  afterEach(async () => {
    await Promise.all(runtimes.splice(0).map((runtime) => runtime.stop()));
    await database.dispose();
  });

  it('catches up in batches and writes tables equal to a fold of the log', async () => {
    await appendToStreams([streamName('incident'), streamName('incident'), streamName('change')], 7);
    await database.store.appendToStream(streamName('change'), [anEvent('ChangeRequested'), anEvent('ChangeApproved')], {
      expectedRevision: 'no-stream',
    });
    const runtime = await runtimeFor({ batchSize: 4 });

    await runtime.catchUp();

    const log = await readWholeLog(database.store);
    expect(await readStreamHeadsTables(database.db, auditTables())).toEqual(foldStreamHeadsFromLog(log));
    expect(await positionOf(runtime, 'stream_heads')).toBe(log[log.length - 1].globalPosition);
  });

  it('rolls back the rows and the checkpoint together when an apply fails', async () => {
    const stream = streamName('note');
    await database.store.appendToStream(stream, [anEvent('NoteTaken'), anEvent('NoteTaken')], { expectedRevision: 'no-stream' });
    const [, poison] = (
      await database.store.appendToStream(stream, [anEvent('NoteTaken'), anEvent('NoteTaken', { poison: true }), anEvent('NoteTaken')], {
        expectedRevision: 1,
      })
    ).events;
    const runtime = await runtimeFor({ batchSize: 2 });

    await expect(runtime.catchUp('notes')).rejects.toThrow('poison note');

    // The first batch (2 events) committed; the second batch's first row was written, then rolled back with its checkpoint.
    const log = await readWholeLog(database.store);
    const notes = await database.db.query<{ event_id: string }>(`SELECT event_id FROM "${database.schema}"."notes" ORDER BY event_id`);
    expect(notes.map((row) => row.event_id)).toEqual(log.slice(0, 2).map((event) => event.eventId).sort());
    expect(await positionOf(runtime, 'notes')).toBe(log[1].globalPosition);
    expect(poison.globalPosition).toBeGreaterThan(log[1].globalPosition);
  });

  it('resumes after a restart from its checkpoint without applying an event twice', async () => {
    const streams = [streamName('incident'), streamName('incident')];
    const first = await runtimeFor();
    await first.start();
    await appendToStreams(streams, 5);
    const head = (await readWholeLog(database.store)).at(-1)?.globalPosition ?? -1;
    await waitUntil('the live projection to reach the head', async () => (await positionOf(first, 'stream_heads')) === head, 20_000);
    await first.stop();

    await appendToStreams(streams, 3);
    const restarted = await runtimeFor({ db: database.openExecutor() });
    const applied = await restarted.catchUp('stream_heads');

    expect(applied).toBe(6);
    const log = await readWholeLog(database.store);
    expect(await readStreamHeadsTables(database.db, auditTables())).toEqual(foldStreamHeadsFromLog(log));
    expect((await readStreamHeadsTables(database.db, auditTables())).streamHeads.map((head) => head.count)).toEqual([8, 8]);
  });

  it('starts even when a projection cannot apply an event yet: it reports the error and retries, the others follow', async () => {
    const stream = streamName('note');
    await database.store.appendToStream(stream, [anEvent('NoteTaken', { poison: true })], { expectedRevision: 'no-stream' });
    const runtime = await runtimeFor();

    await runtime.start();

    const notes = await waitUntil('the notes projection to report its failure', async () =>
      (await runtime.status()).find((status) => status.name === 'notes' && status.lastError !== null),
    20_000);
    expect(notes.lastError).toMatch(/poison note/);
    const head = (await readWholeLog(database.store)).at(-1)?.globalPosition ?? -1;
    await waitUntil('stream_heads to follow past the poison', async () => (await positionOf(runtime, 'stream_heads')) === head, 20_000);
  });

  describe('when a release changes a projection\'s tables', () => {
    /** The notes projection of a later release: one more column, filled from the event. */
    const notesWithKind = defineProjection<'notes'>({
      ...notesProjection,
      createTables: (tables) => `CREATE TABLE ${tables.notes} (event_id text PRIMARY KEY, stream_id text NOT NULL, kind text NOT NULL)`,
      apply: async (tx, event, tables) => {
        await tx.query(`INSERT INTO ${tables.notes} (event_id, stream_id, kind) VALUES ($1, $2, $3)`, [event.eventId, event.streamId, event.type]);
      },
    });
    const notesRows = () => database.db.query<{ event_id: string; kind: string }>(`SELECT * FROM "${database.schema}"."notes" ORDER BY event_id`);

    it('keeps tables of an unchanged shape and their checkpoint across a restart', async () => {
      await database.store.appendToStream(streamName('note'), [anEvent('NoteTaken'), anEvent('NoteTaken')], { expectedRevision: 'no-stream' });
      const first = await runtimeFor({ projections: [notesProjection] });
      await first.catchUp();
      await first.stop();

      const restarted = await runtimeFor({ projections: [notesProjection] });

      expect(restarted.reshaped).toEqual([]);
      expect(await restarted.catchUp()).toBe(0);
      expect(await notesRows()).toHaveLength(2);
    });

    it('drops the old tables, creates the new shape and refills it from the log, in the event-store mode', async () => {
      await database.store.appendToStream(streamName('note'), [anEvent('NoteTaken'), anEvent('NoteTaken')], { expectedRevision: 'no-stream' });
      const first = await runtimeFor({ projections: [notesProjection] });
      await first.catchUp();
      await first.stop();

      const upgraded = await runtimeFor({ projections: [notesWithKind] });
      expect(upgraded.reshaped).toEqual(['notes']);
      expect(await notesRows()).toEqual([]);
      await upgraded.start();

      const head = (await readWholeLog(database.store)).at(-1)?.globalPosition ?? -1;
      await waitUntil('the reshaped projection to refill', async () => (await positionOf(upgraded, 'notes')) === head, 20_000);
      expect((await notesRows()).map((row) => row.kind)).toEqual(['NoteTaken', 'NoteTaken']);
      await upgraded.stop();
      expect((await runtimeFor({ projections: [notesWithKind] })).reshaped).toEqual([]);
    });

    it('refills a reshaped projection from the log on start in the pushed mode, where the bus brings only new events', async () => {
      await database.store.appendToStream(streamName('note'), [anEvent('NoteTaken'), anEvent('NoteTaken'), anEvent('NoteTaken')], {
        expectedRevision: 'no-stream',
      });
      const first = await runtimeFor({ projections: [notesProjection], liveSource: 'pushed' });
      await first.handle((await readWholeLog(database.store)).slice(0, 1));

      const upgraded = await runtimeFor({ projections: [notesWithKind], liveSource: 'pushed' });
      await upgraded.start();

      expect((await notesRows()).map((row) => row.kind)).toEqual(['NoteTaken', 'NoteTaken', 'NoteTaken']);
      // The history applied from the log is not applied again when the bus redelivers it.
      await upgraded.handle(await readWholeLog(database.store));
      expect(await notesRows()).toHaveLength(3);
    });
  });

  it('starts in several processes at once on an empty database: schema, tables and checkpoints are made once', async () => {
    // Instances of one consumer group (the distributed projector scaled out) start together against one database.
    const starting = Array.from({ length: 6 }, () => runtimeFor({ db: database.openExecutor(), liveSource: 'pushed' }));

    const started = await Promise.all(starting);

    expect(started.flatMap((runtime) => runtime.reshaped)).toEqual([]);
    const checkpoints = await database.db.query<{ name: string; position: string }>(
      `SELECT name, position FROM "${database.checkpointSchema}".checkpoints WHERE slot = 'live' ORDER BY name`,
    );
    expect(checkpoints.map((row) => [row.name, Number(row.position)])).toEqual([
      ['notes', -1],
      ['stream_heads', -1],
    ]);
  });

  it('follows the log live: an appended event becomes visible without a catch-up call', async () => {
    const runtime = await runtimeFor();
    await runtime.start();
    const stream = streamName('incident');
    await database.store.appendToStream(stream, [anEvent('IncidentOpened')], { expectedRevision: 'no-stream' });

    await waitUntil('the stream head row', async () => {
      const rows = await database.db.query(`SELECT 1 FROM ${auditTables().stream_heads} WHERE stream_id = $1`, [stream]);
      return rows.length === 1;
    }, 20_000);
  });

  describe('following the log as one group (the store hands over batches)', () => {
    /** Notes while `refusing` is off; a note taken while it is on fails, as an apply that cannot go on yet. */
    let refusing = false;
    const pickyNotes = defineProjection<'notes'>({
      ...notesProjection,
      apply: async (tx, event, tables) => {
        if (refusing) throw new Error('not yet');
        await tx.query(`INSERT INTO ${tables.notes} (event_id, stream_id) VALUES ($1, $2)`, [event.eventId, event.streamId]);
      },
    });

    beforeEach(() => (refusing = false));

    it('moves every projection to the head, each with its own checkpoint and only its own types', async () => {
      await database.store.appendToStream(streamName('note'), [anEvent('NoteTaken')], { expectedRevision: 'no-stream' });
      const runtime = await runtimeFor();
      await runtime.start();
      const note = streamName('note');
      await database.store.appendToStream(note, [anEvent('NoteTaken'), anEvent('TicketTouched'), anEvent('NoteTaken')], { expectedRevision: 'no-stream' });
      await appendToStreams([streamName('incident')], 3);

      const log = await readWholeLog(database.store);
      const head = log[log.length - 1].globalPosition;
      await waitUntil('both projections at the head', async () => (await runtime.status()).every((status) => status.position === head), 20_000);
      expect(await readStreamHeadsTables(database.db, auditTables())).toEqual(foldStreamHeadsFromLog(log));
      const notes = await database.db.query<{ event_id: string }>(`SELECT event_id FROM "${database.schema}"."notes" ORDER BY event_id`);
      expect(notes.map((row) => row.event_id)).toEqual(log.filter((event) => event.type === 'NoteTaken').map((event) => event.eventId).sort());
    });

    it('lets a projection that fails a batch catch up alone while the others keep following, then takes it back into the group', async () => {
      // A projection following alone subscribes with subscribeToAll (the group with subscribeToAllBatches).
      const aloneSubscriptions = jest.spyOn(database.store, 'subscribeToAll');
      const runtime = await runtimeFor({ projections: [streamHeadsProjection, pickyNotes] });
      await runtime.start();
      refusing = true;
      const stream = streamName('note');
      await database.store.appendToStream(stream, [anEvent('NoteTaken')], { expectedRevision: 'no-stream' });
      await appendToStreams([streamName('incident')], 2);

      const head = (await readWholeLog(database.store)).at(-1)?.globalPosition ?? -1;
      await waitUntil('stream_heads to follow past the refused note', async () => (await positionOf(runtime, 'stream_heads')) === head, 20_000);
      const refused = (await runtime.status()).find((status) => status.name === 'notes');
      expect(refused?.lastError).toMatch(/not yet/);
      expect(refused?.position).toBeLessThan(head);

      refusing = false;
      await waitUntil('the notes projection to catch up on its own', async () => (await positionOf(runtime, 'notes')) === head, 20_000);
      await database.store.appendToStream(stream, [anEvent('NoteTaken')], { expectedRevision: 0 });
      const next = (await readWholeLog(database.store)).at(-1)?.globalPosition ?? -1;
      await waitUntil('both projections to take the next note', async () => (await runtime.status()).every((status) => status.position === next), 20_000);

      const notes = await database.db.query(`SELECT 1 FROM "${database.schema}"."notes" WHERE stream_id = $1`, [stream]);
      expect(notes).toHaveLength(2);
      expect((await runtime.status()).find((status) => status.name === 'notes')?.lastError).toBeNull();
      expect(aloneSubscriptions).not.toHaveBeenCalled();
      aloneSubscriptions.mockRestore();
    });
  });

  describe('fed by a Kafka consumer (pushed mode)', () => {
    const interleave = (events: RecordedEvent[]) => {
      // Per-stream order kept, global order not: what two Kafka partitions deliver.
      const byStream = new Map<string, RecordedEvent[]>();
      for (const event of events) byStream.set(event.streamId, [...(byStream.get(event.streamId) ?? []), event]);
      return [...byStream.values()].reverse().flat();
    };

    it('applies redelivered events once and does not need global order', async () => {
      const streams = [streamName('incident'), streamName('change'), streamName('service')];
      await appendToStreams(streams, 4);
      const runtime = await runtimeFor({ liveSource: 'pushed' });
      const log = await readWholeLog(database.store);
      const delivered = interleave(log);

      await runtime.handle(delivered.slice(0, 7));
      await runtime.handle(delivered.slice(3)); // redelivery of 3..6 after a crash before the offset commit
      await runtime.handle(delivered.slice(10, 12));

      expect(await readStreamHeadsTables(database.db, auditTables())).toEqual(foldStreamHeadsFromLog(log));
    });

    it('ignores event types a projection does not declare', async () => {
      const stream = streamName('note');
      await database.store.appendToStream(stream, [anEvent('NoteTaken'), anEvent('TicketTouched'), anEvent('NoteTaken')], {
        expectedRevision: 'no-stream',
      });
      const runtime = await runtimeFor({ liveSource: 'pushed' });

      await runtime.handle(await readWholeLog(database.store));

      const notes = await database.db.query(`SELECT event_id FROM "${database.schema}"."notes"`);
      expect(notes).toHaveLength(2);
    });
  });
});
