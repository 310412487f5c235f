import type { RecordedEvent } from '@itsm/event-sourcing';
import { createPgliteExecutor, openPglite, type SqlExecutor } from '@itsm/event-store';
import { liveTablesOf } from '@itsm/projections';
import { costCenterListProjection } from './cost-center-list.projection';
import { CostCenterListQueries } from './cost-center-list.queries';

const id = '0190f3a4-1111-7222-8333-944445555666';
const opened: RecordedEvent = {
  eventId: '0190f3a4-2222-7222-8333-944445555666',
  type: 'CostCenterOpened',
  schemaVersion: 1,
  data: { costCenterId: id, code: 'CC1', name: 'A name', currency: 'EUR', parentId: null, openedAt: '2026-03-02T09:30:00.000Z' },
  streamId: `cost-center-${id}`,
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

describe('cost_center_list projection (PGlite)', () => {
  let db: SqlExecutor;
  const tables = liveTablesOf(costCenterListProjection, 'read_models');

  beforeAll(async () => {
    db = createPgliteExecutor(await openPglite(), { ownsDatabase: true });
    await db.exec(`CREATE SCHEMA read_models; ${costCenterListProjection.createTables(tables)}`);
  });
  afterAll(() => db.close());

  const apply = (event: RecordedEvent) => db.transaction((tx) => costCenterListProjection.apply(tx, event, tables));

  it('shows a cost center once opened, as one row at the revision of its event, even when the event comes again', async () => {
    await apply(opened);
    await apply(opened);

    const queries = new CostCenterListQueries(db, tables);
    expect(await queries.get(id)).toEqual({ id, name: 'A name', status: 'opened', openedAt: '2026-03-02T09:30:00.000Z', revision: 0 });
    expect(await db.query(`SELECT count(*)::int AS rows FROM ${tables.cost_center_list}`)).toEqual([{ rows: 1 }]);
  });

  it('knows nothing of a cost center it has not seen', async () => {
    expect(await new CostCenterListQueries(db, tables).get('0190f3a4-9999-7222-8333-944445555666')).toBeNull();
  });
});
