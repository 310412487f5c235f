import { streamName, waitUntil } from '@itsm/event-sourcing';
import { streamHeadsProjection } from '../audit/stream-heads.projection';
import { ProjectionRuntime, type LiveSource } from './projection-runtime';
import type { RebuildProgress } from './rebuild-progress';
import { anEvent, readWholeLog, sleep, testDatabases, type ProjectionTestDatabase } from '../testing/projection-test-database';
import { foldStreamHeadsFromLog, readStreamHeadsTables } from '../testing/stream-heads.fold';

const SENTINEL = 'sentinel-written-into-the-old-table';
const EVENT_TYPES = ['IncidentOpened', 'IncidentAssigned', 'IncidentResolved'];

describe.each(testDatabases)('projection rebuild on %s', (_label, openDatabase) => {
  let database: ProjectionTestDatabase;
  let runtime: ProjectionRuntime;

  const tables = () => ({
    stream_heads: `"${database.schema}"."stream_heads"`,
    event_type_counts: `"${database.schema}"."event_type_counts"`,
  });

  const seedLog = async (streams: number, eventsPerAppend: number, appendsPerStream: number) => {
    const ids = Array.from({ length: streams }, () => streamName('incident'));
    for (let round = 0; round < appendsPerStream; round += 1) {
      for (const stream of ids) {
        const events = Array.from({ length: eventsPerAppend }, (_, index) => anEvent(EVENT_TYPES[(round + index) % 3], { round }));
        await database.store.appendToStream(stream, events, { expectedRevision: 'any' });
      }
    }
    return ids;
  };

  /** Appends until stopped, to existing and new streams; reports the positions it wrote. */
  const startWriter = (streams: string[]) => {
    let running = true;
    const positions: number[] = [];
    const done = (async () => {
      for (let round = 0; running; round += 1) {
        const stream = round % 5 === 0 ? streamName('change') : streams[round % streams.length];
        const result = await database.store.appendToStream(stream, [anEvent(EVENT_TYPES[round % 3]), anEvent('IncidentCommented')], {
          expectedRevision: 'any',
        });
        positions.push(...result.events.map((event) => event.globalPosition));
        await sleep(1);
      }
    })();
    return {
      positions,
      stop: async () => {
        running = false;
        await done;
      },
    };
  };

  /** Reads the live table until told to stop; records, per read, whether the old table's sentinel was there. */
  const startReader = () => {
    let running = true;
    const reads: { sentinel: boolean; stateBefore: string; stateAfter: string }[] = [];
    let state = 'catching-up';
    const done = (async () => {
      while (running) {
        const stateBefore = state;
        const rows = await database.db.query(`SELECT 1 FROM ${tables().stream_heads} WHERE stream_id = $1`, [SENTINEL]);
        reads.push({ sentinel: rows.length === 1, stateBefore, stateAfter: state });
        await sleep(2);
      }
    })();
    return {
      reads,
      observe: (progress: RebuildProgress) => (state = progress.state),
      stop: async () => {
        running = false;
        await done;
      },
    };
  };

  const openRuntime = async (liveSource: LiveSource) => {
    runtime = await ProjectionRuntime.create({
      db: database.db,
      source: database.store,
      projections: [streamHeadsProjection],
      schema: database.schema,
      checkpointSchema: database.checkpointSchema,
      liveSource,
      batchSize: 100,
    });
  };

  beforeEach(async () => {
    database = await openDatabase();
  });

  afterEach(async () => {
    await runtime?.stop();
    await database.dispose();
  });

  it.each<LiveSource>(['event-store', 'pushed'])(
    'swaps in a table equal to a fresh fold of the log while writers keep appending (live source: %s)',
    async (liveSource) => {
      const streams = await seedLog(20, 5, 12); // 1,200 events
      await openRuntime(liveSource);
      if (liveSource === 'event-store') await runtime.start();
      else await runtime.handle(await readWholeLog(database.store));
      await waitUntil('the live table to reach the seeded head', async () => (await runtime.status())[0].position >= 1200, 20_000);
      // A row no fold produces marks the old table: readers must see it until the swap, and never after.
      await database.db.query(
        `INSERT INTO ${tables().stream_heads} (stream_id, last_revision, last_event_type, last_event_id, last_position, last_event_at, first_event_at, event_count)
         VALUES ($1, 0, 'Old', 'old', 0, now(), now(), 1)`,
        [SENTINEL],
      );

      const writer = startWriter(streams);
      const reader = startReader();
      const progress: RebuildProgress[] = [];
      let appendedDuringRebuild = 0;
      const rebuild = runtime.rebuild('stream_heads', (snapshot) => {
        progress.push(snapshot);
        reader.observe(snapshot);
        if (snapshot.state === 'catching-up') appendedDuringRebuild = writer.positions.length;
      });
      // Kafka mode: a consumer keeps pushing what the writer appends while the rebuild runs.
      const pusher = liveSource === 'pushed' ? startPusher() : undefined;
      await rebuild.finished;
      const readsAfterSwap = await database.db.query(`SELECT 1 FROM ${tables().stream_heads} WHERE stream_id = $1`, [SENTINEL]);
      await sleep(50);
      await writer.stop();
      await reader.stop();
      await pusher?.stop();
      if (liveSource === 'pushed') await runtime.handle(await readWholeLog(database.store));

      const log = await readWholeLog(database.store);
      const head = log[log.length - 1].globalPosition;
      await waitUntil('the live applier to reach the head after the swap', async () => (await runtime.status())[0].position >= head, 20_000);
      expect(appendedDuringRebuild).toBeGreaterThan(0);
      expect(await readStreamHeadsTables(database.db, tables())).toEqual(foldStreamHeadsFromLog(log));
      const readsBeforeSwap = reader.reads.filter((read) => read.stateBefore === 'catching-up' && read.stateAfter === 'catching-up');
      expect(readsBeforeSwap.length).toBeGreaterThan(0);
      expect(readsBeforeSwap.every((read) => read.sentinel)).toBe(true);
      expect(readsAfterSwap).toHaveLength(0);

      function startPusher() {
        let running = true;
        let from = -1;
        const done = (async () => {
          while (running) {
            const page = await database.store.readAll({ fromPosition: from, maxCount: 50 });
            await runtime.handle(page.events);
            from = page.lastPosition;
            await sleep(5);
          }
        })();
        return {
          stop: async () => {
            running = false;
            await done;
          },
        };
      }
    },
  );

  it('reads on when a live Kafka consumer got ahead of the swap, so the events it applied are not lost', async () => {
    const streams = await seedLog(4, 5, 5);
    await openRuntime('pushed');
    await runtime.handle(await readWholeLog(database.store));
    let finalReads = 0;
    // The rebuild's runtime reads the log through this source: right after the swap's last read, a consumer applies
    // two new events to the live tables — events that Kafka will not deliver again.
    const rebuilder = await ProjectionRuntime.create({
      db: database.openExecutor(),
      source: {
        subscribeToAll: (options) => database.store.subscribeToAll(options),
        readAll: async (options) => {
          const page = await database.store.readAll(options);
          const isBatchRead = options?.maxCount === 100;
          if (isBatchRead && page.events.length < 100 && ++finalReads === 2) {
            const appended = await database.store.appendToStream(streams[0], [anEvent('IncidentResolved'), anEvent('IncidentClosed')], {
              expectedRevision: 'any',
            });
            await runtime.handle(appended.events);
          }
          return page;
        },
      },
      projections: [streamHeadsProjection],
      schema: database.schema,
      checkpointSchema: database.checkpointSchema,
      liveSource: 'pushed',
      batchSize: 100,
    });

    await rebuilder.rebuild('stream_heads').finished;

    expect(finalReads).toBeGreaterThan(2);
    expect(await readStreamHeadsTables(database.db, tables())).toEqual(foldStreamHeadsFromLog(await readWholeLog(database.store)));
  });

  it('reports progress that moves forward and ends at the total', async () => {
    await seedLog(10, 10, 5); // 500 events
    await openRuntime('event-store');
    const progress: RebuildProgress[] = [];

    const rebuild = runtime.rebuild('stream_heads', (snapshot) => progress.push(snapshot));
    await rebuild.finished;

    const done = progress.map((snapshot) => snapshot.done);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(progress.filter((snapshot) => snapshot.state === 'catching-up').length).toBeGreaterThan(3);
    const last = progress[progress.length - 1];
    expect(last).toMatchObject({ state: 'done', done: 500, total: 500, eventsApplied: 500, etaSeconds: 0 });
    expect(runtime.rebuildProgress('stream_heads')).toMatchObject({ state: 'done', done: 500, total: 500 });
    const midway = progress.find((snapshot) => snapshot.state === 'catching-up' && snapshot.done > 0 && snapshot.done < 500);
    expect(midway?.total).toBe(500);
  });

  it('leaves the old tables live when a rebuild fails, and a second rebuild succeeds', async () => {
    await seedLog(3, 2, 2);
    await openRuntime('event-store');
    await runtime.catchUp();
    const before = await readStreamHeadsTables(database.db, tables());
    const failing = { ...streamHeadsProjection, applyBatch: undefined, apply: async () => Promise.reject(new Error('broken fold')) };
    const broken = await ProjectionRuntime.create({
      db: database.db,
      source: database.store,
      projections: [failing],
      schema: database.schema,
      checkpointSchema: database.checkpointSchema,
    });

    await expect(broken.rebuild('stream_heads').finished).rejects.toThrow('broken fold');
    expect(broken.rebuildProgress('stream_heads')).toMatchObject({ state: 'failed', error: 'broken fold' });
    expect(await readStreamHeadsTables(database.db, tables())).toEqual(before);

    await runtime.rebuild('stream_heads').finished;
    expect(await readStreamHeadsTables(database.db, tables())).toEqual(foldStreamHeadsFromLog(await readWholeLog(database.store)));
  });
});
