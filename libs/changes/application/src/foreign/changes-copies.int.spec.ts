import { incidentStreamId, schemaVersionOf, serviceStreamId } from '@itsm/contracts';
import { newId, waitUntil, type NewEvent } from '@itsm/event-sourcing';
import { ProjectionRuntime } from '@itsm/projections';
import { changesApplicationProjections } from '../nest/changes-application.module';
import { copyTestDatabases, type CopyTestDatabase } from '../testing/copy-test-database';
import { SqlChangeCatalog } from './catalog-copy/sql-change-catalog.adapter';
import { SqlChangeIncidents } from './incidents-copy/sql-change-incidents.adapter';

const event = (type: string, data: object, schemaVersion = schemaVersionOf(type)): NewEvent => ({
  type,
  data,
  schemaVersion,
  metadata: { actor: { id: 'spec', role: 'admin' }, correlationId: newId() },
});

const registered = (serviceId: string, number: string, name: string, criticality?: string): NewEvent =>
  event(
    'ServiceRegistered',
    {
      serviceId, number, name, kind: 'technical', description: 'spec', ownerGroup: 'owners', supportGroup: 'support',
      lifecycle: 'pipeline', registeredAt: '2026-01-01T00:00:00.000Z', ...(criticality ? { criticality } : {}),
    },
    criticality ? 2 : 1,
  );

const opened = (incidentId: string, number: string, serviceId: string): NewEvent =>
  event('IncidentOpened', {
    incidentId, number, callerId: 'carol', shortDescription: 'down', description: 'spec', serviceId, offeringId: null,
    impact: 1, urgency: 1, priority: 'P1', state: 'new', openedAt: '2026-03-01T08:00:00.000Z',
  });

const resolved = (incidentId: string, resolvedAt: string): NewEvent =>
  event('IncidentResolved', {
    incidentId, code: 'solved-permanently', notes: 'ok', previousState: 'in-progress', state: 'resolved', childIncidentIds: [],
    resolvedWithParentIncidentId: null, resolvedAt,
  });

const linked = (incidentId: string, changeId: string, relation: string, linkedAt: string): NewEvent =>
  event('IncidentLinkedToChange', { incidentId, changeId, changeNumber: 'CHG0000001', relation, linkedAt });

const accepted = (incidentId: string, at: string): NewEvent[] => [
  event('MajorIncidentProposed', { incidentId, justification: 'many', proposedBy: 'alice', proposedAt: at }),
  event('MajorIncidentAccepted', { incidentId, acceptedBy: 'mia', acceptedAt: at }),
];

describe.each(copyTestDatabases)('the changes copies of the catalog and of incidents on %s', (_label, openDatabase) => {
  let database: CopyTestDatabase;
  let runtime: ProjectionRuntime;
  let catalog: SqlChangeCatalog;
  let incidents: SqlChangeIncidents;

  const append = async (streamId: string, events: NewEvent[]) => {
    const position = (await database.store.appendToStream(streamId, events, { expectedRevision: 'any' })).lastGlobalPosition;
    await waitUntil(`the copies to reach ${position}`, async () => {
      const statuses = (await runtime.status()).filter((status) => events.some((e) => status.eventTypes.includes(e.type)));
      return statuses.every((status) => status.position >= position);
    }, 20_000);
  };

  beforeAll(async () => {
    database = await openDatabase();
    const { store, db, schema, checkpointSchema } = database;
    runtime = await ProjectionRuntime.create({ db, source: store, projections: changesApplicationProjections(), schema, checkpointSchema });
    await runtime.start();
    catalog = new SqlChangeCatalog(db, schema);
    incidents = new SqlChangeIncidents(db, schema);
  }, 60_000);

  afterAll(async () => {
    await runtime?.stop();
    await database?.dispose();
  });

  it('knows services with their number, name, lifecycle and criticality (medium for one registered before criticality)', async () => {
    const [payroll, legacy, unknown] = [newId(), newId(), newId()];
    await append(serviceStreamId(payroll), [
      registered(payroll, 'SVC0000001', 'Payroll', 'high'),
      event('ServiceUpdated', { serviceId: payroll, changes: { name: 'Payroll EU', criticality: 'critical' } }),
      event('ServiceWentLive', { serviceId: payroll, wentLiveAt: '2026-01-02T00:00:00.000Z' }),
    ]);
    await append(serviceStreamId(legacy), [registered(legacy, 'SVC0000002', 'Legacy')]);
    expect(await catalog.services([legacy, unknown, payroll])).toEqual([
      { serviceId: legacy, number: 'SVC0000002', name: 'Legacy', lifecycle: 'pipeline', criticality: 'medium' },
      { serviceId: payroll, number: 'SVC0000001', name: 'Payroll EU', lifecycle: 'live', criticality: 'critical' },
    ]);
    expect(await catalog.services([])).toEqual([]);
  });

  it('keeps the dependency edges as the impact graph, transitive both ways, an edge removed no longer counts', async () => {
    const [web, app, db] = [newId(), newId(), newId()];
    // The edges are written before the far ends are known: they join once they are.
    await append(serviceStreamId(web), [registered(web, 'SVC0000003', 'Web'), event('ServiceDependencyAdded', { serviceId: web, dependsOnServiceId: app })]);
    await append(serviceStreamId(app), [registered(app, 'SVC0000004', 'App'), event('ServiceDependencyAdded', { serviceId: app, dependsOnServiceId: db })]);
    await append(serviceStreamId(db), [registered(db, 'SVC0000005', 'Db')]);
    expect(await catalog.relatedServices([db])).toEqual([
      { serviceId: app, of: db, relation: 'dependent', hops: 1 },
      { serviceId: web, of: db, relation: 'dependent', hops: 2 },
    ]);
    expect((await catalog.relatedServices([web])).map(({ serviceId, relation, hops }) => [serviceId, relation, hops])).toEqual([
      [app, 'dependency', 1],
      [db, 'dependency', 2],
    ]);
    await append(serviceStreamId(app), [event('ServiceDependencyRemoved', { serviceId: app, dependsOnServiceId: db })]);
    expect(await catalog.relatedServices([db])).toEqual([]);
  });

  it('keeps maintenance windows (none once cleared) and change templates', async () => {
    const service = newId();
    const templateId = newId();
    const windows = [{ day: 'sat', from: '22:00', to: '06:00' }];
    await append(serviceStreamId(service), [
      registered(service, 'SVC0000006', 'Mail', 'low'),
      event('ServiceMaintenanceWindowsSet', { serviceId: service, timeZone: 'Europe/Berlin', windows }),
      event('ChangeTemplateAdded', { serviceId: service, templateId, name: 'Restart mail', steps: ['restart'], preApproved: true }),
    ]);
    expect(await catalog.maintenanceWindows([service, newId()])).toEqual([{ serviceId: service, timeZone: 'Europe/Berlin', windows }]);
    expect(await catalog.template(templateId)).toEqual({ templateId, serviceId: service, name: 'Restart mail', preApproved: true });
    expect(await catalog.template(newId())).toBeNull();
    await append(serviceStreamId(service), [event('ServiceMaintenanceWindowsSet', { serviceId: service, timeZone: 'UTC', windows: [] })]);
    expect(await catalog.maintenanceWindows([service])).toEqual([]);
  });

  it('knows the accepted major incidents still open, by service: resolved, closed or cancelled ones are not, reopened ones are again', async () => {
    const [service, other] = [newId(), newId()];
    const [major, proposedOnly, cancelled] = [newId(), newId(), newId()];
    await append(incidentStreamId(major), [opened(major, 'INC0000001', service), ...accepted(major, '2026-03-01T08:10:00.000Z')]);
    await append(incidentStreamId(proposedOnly), [opened(proposedOnly, 'INC0000002', service), accepted(proposedOnly, '2026-03-01T08:20:00.000Z')[0]]);
    await append(incidentStreamId(cancelled), [
      opened(cancelled, 'INC0000003', other),
      ...accepted(cancelled, '2026-03-01T08:30:00.000Z'),
      event('IncidentCancelled', { incidentId: cancelled, reason: 'dup', previousState: 'new', state: 'cancelled', cancelledAt: '2026-03-01T09:00:00.000Z' }),
    ]);
    expect(await incidents.onServices([service, other])).toEqual([
      { incidentId: major, number: 'INC0000001', serviceId: service, acceptedAt: '2026-03-01T08:10:00.000Z' },
    ]);
    await append(incidentStreamId(major), [resolved(major, '2026-03-01T10:00:00.000Z')]);
    expect(await incidents.onServices([service])).toEqual([]);
    await append(incidentStreamId(major), [event('IncidentReopened', { incidentId: major, reason: 'again', reopenCount: 1, state: 'in-progress', reopenedAt: '2026-03-01T11:00:00.000Z' })]);
    expect((await incidents.onServices([service])).map((incident) => incident.number)).toEqual(['INC0000001']);
    await append(incidentStreamId(major), [resolved(major, '2026-03-01T12:00:00.000Z'), event('IncidentClosed', { incidentId: major, state: 'closed', closedAt: '2026-03-02T12:00:00.000Z' })]);
    expect(await incidents.onServices([service])).toEqual([]);
  });

  it('keeps the incidents caused by each change, with their number, when they were opened and when last resolved', async () => {
    const [changeId, otherChange] = [newId(), newId()];
    const [first, second, related] = [newId(), newId(), newId()];
    await append(incidentStreamId(first), [opened(first, 'INC0000011', newId()), linked(first, changeId, 'caused-by', '2026-03-02T09:00:00.000Z'), resolved(first, '2026-03-02T11:30:00.000Z')]);
    await append(incidentStreamId(second), [opened(second, 'INC0000012', newId()), linked(second, changeId, 'caused-by', '2026-03-02T10:00:00.000Z')]);
    await append(incidentStreamId(related), [opened(related, 'INC0000013', newId()), linked(related, changeId, 'related', '2026-03-02T10:30:00.000Z'), linked(related, otherChange, 'caused-by', '2026-03-02T10:30:00.000Z')]);
    expect(await incidents.causedBy([changeId])).toEqual([
      { changeId, incidentId: first, incidentNumber: 'INC0000011', linkedAt: '2026-03-02T09:00:00.000Z', openedAt: '2026-03-01T08:00:00.000Z', resolvedAt: '2026-03-02T11:30:00.000Z' },
      { changeId, incidentId: second, incidentNumber: 'INC0000012', linkedAt: '2026-03-02T10:00:00.000Z', openedAt: '2026-03-01T08:00:00.000Z', resolvedAt: null },
    ]);
    expect((await incidents.causedBy([otherChange])).map((incident) => incident.incidentNumber)).toEqual(['INC0000013']);
    expect(await incidents.causedBy([])).toEqual([]);
  });
});
