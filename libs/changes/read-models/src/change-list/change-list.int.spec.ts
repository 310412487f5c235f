import type { RecordedEvent } from '@itsm/event-sourcing';
import { createPgliteExecutor, openPglite, type SqlExecutor } from '@itsm/event-store';
import { liveTablesOf } from '@itsm/projections';
import { changeListProjection } from './change-list.projection';
import { ChangeListQueries } from './change-list.queries';

const id = '0190f3a4-1111-7222-8333-944445555666';
const raised: RecordedEvent = {
  eventId: '0190f3a4-2222-7222-8333-944445555666',
  type: 'ChangeRaised',
  schemaVersion: 1,
  data: { changeId: id, shortDescription: 'A short description', raisedAt: '2026-03-02T09:30:00.000Z' },
  streamId: `change-${id}`,
  streamRevision: 0,
  globalPosition: 7,
  occurredAt: '2026-03-02T09:30:00.000Z',
  recordedAt: '2026-03-02T09:30:00.100Z',
  actor: { id: 'agent-7' },
  correlationId: 'spec',
  causationId: null,
  traceparent: null,
  hash: 'spec',
};

describe('change_list projection (PGlite)', () => {
  let db: SqlExecutor;
  const tables = liveTablesOf(changeListProjection, 'read_models');

  beforeAll(async () => {
    db = createPgliteExecutor(await openPglite(), { ownsDatabase: true });
    await db.exec(`CREATE SCHEMA read_models; ${changeListProjection.createTables(tables)}`);
  });
  afterAll(() => db.close());

  const apply = (event: RecordedEvent) => db.transaction((tx) => changeListProjection.apply(tx, event, tables));

  it('shows a change once raised, as one row at the revision of its event, even when the event comes again', async () => {
    await apply(raised);
    await apply(raised);

    const queries = new ChangeListQueries(db, tables);
    expect(await queries.get(id)).toEqual({ id, shortDescription: 'A short description', status: 'raised', raisedAt: '2026-03-02T09:30:00.000Z', revision: 0 });
    expect(await db.query(`SELECT count(*)::int AS rows FROM ${tables.change_list}`)).toEqual([{ rows: 1 }]);
  });

  it('knows nothing of a change it has not seen', async () => {
    expect(await new ChangeListQueries(db, tables).get('0190f3a4-9999-7222-8333-944445555666')).toBeNull();
  });
});
