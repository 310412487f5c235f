import { streamName } from '@itsm/event-sourcing';
import { defineProjection } from '../projection';
import { ProjectionRuntime } from '../runtime/projection-runtime';
import { anEvent, testDatabases, type ProjectionTestDatabase } from '../testing/projection-test-database';
import { liveTablesOf, qualifiedTable } from './read-model-location';
import { ReadModelBehind, ReadModelPositions } from './read-model-positions';

const ticketsProjection = defineProjection<'tickets'>({
  name: 'tickets',
  eventTypes: ['TicketOpened'],
  tables: ['tickets'],
  createTables: (t) => `CREATE TABLE ${t.tickets} (stream_id text PRIMARY KEY)`,
  apply: async (tx, event, t) => {
    await tx.query(`INSERT INTO ${t.tickets} (stream_id) VALUES ($1)`, [event.streamId]);
  },
});

describe.each(testDatabases)('read-your-writes positions on %s', (_label, openDatabase) => {
  let database: ProjectionTestDatabase;
  let runtime: ProjectionRuntime;
  let positions: ReadModelPositions;

  beforeEach(async () => {
    database = await openDatabase();
    runtime = await ProjectionRuntime.create({
      db: database.db,
      source: database.store,
      projections: [ticketsProjection],
      schema: database.schema,
      checkpointSchema: database.checkpointSchema,
    });
    positions = new ReadModelPositions(database.db, database);
  });

  afterEach(async () => {
    await runtime.stop();
    await database.dispose();
  });

  const openTicket = async () => {
    const stream = streamName('ticket');
    const { lastGlobalPosition } = await database.store.appendToStream(stream, [anEvent('TicketOpened')], { expectedRevision: 'no-stream' });
    return { stream, position: lastGlobalPosition };
  };

  it('reads -1 before the projection has applied anything', async () => {
    expect(await positions.positionOf(ticketsProjection.name)).toBe(-1);
    expect(await positions.positionOf('never_registered')).toBe(-1);
  });

  it('waits until the live projection has applied a write, whose row is then visible', async () => {
    await runtime.start();
    const { stream, position } = await openTicket();

    await positions.waitForPosition(ticketsProjection.name, position, { timeoutMs: 10_000 });

    expect(await positions.positionOf(ticketsProjection.name)).toBeGreaterThanOrEqual(position);
    const tickets = liveTablesOf(ticketsProjection, database.schema).tickets;
    expect(await database.db.query(`SELECT stream_id FROM ${tickets} WHERE stream_id = $1`, [stream])).toEqual([{ stream_id: stream }]);
  });

  it('gives up after the timeout with ReadModelBehind, saying how far the projection got', async () => {
    const { position } = await openTicket();
    await runtime.catchUp();
    const later = await openTicket();

    const waiting = positions.waitForPosition(ticketsProjection.name, later.position, { timeoutMs: 50 });

    await expect(waiting).rejects.toBeInstanceOf(ReadModelBehind);
    await expect(waiting).rejects.toMatchObject({ projection: 'tickets', position: later.position, reached: position });
  });
});

describe('read-model location', () => {
  it('names live tables as the runtime does and refuses names that are not plain identifiers', () => {
    expect(qualifiedTable('read_models', 'tickets')).toBe('"read_models"."tickets"');
    expect(liveTablesOf(ticketsProjection, 'rm_2')).toEqual({ tickets: '"rm_2"."tickets"' });
    expect(() => qualifiedTable('Read-Models', 'tickets')).toThrow(/identifier/);
    expect(() => qualifiedTable('read_models', 'tickets"; DROP')).toThrow(/identifier/);
    expect(() => liveTablesOf(ticketsProjection, 'x y')).toThrow(/identifier/);
    expect(() => new ReadModelPositions({} as never, { checkpointSchema: 'bad-name' })).toThrow(/identifier/);
  });
});
