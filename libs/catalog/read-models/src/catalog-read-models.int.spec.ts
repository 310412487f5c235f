import type { CalendarCreatedV1, CalendarCreatedV2, ServiceEvent, ServiceRegisteredV1, SlaTargets } from '@itsm/contracts';
import { calendarStreamId, serviceStreamId } from '@itsm/contracts';
import { newId, type NewEvent } from '@itsm/event-sourcing';
import { createPgliteEventStore, createPgliteExecutor, openPglite, type EventStore, type SqlExecutor } from '@itsm/event-store';
import { InvalidCursor, ProjectionRuntime } from '@itsm/projections';
import { catalogProjections, createCatalogReadModels, type CatalogReadModels } from './catalog-read-models';

const metadata = { actor: { id: 'spec', role: 'admin' }, correlationId: newId() };
const event = (type: string, data: object): NewEvent => ({ type, data, metadata });
const sla: SlaTargets = {
  P1: { responseMinutes: 15, resolutionMinutes: 240 },
  P2: { responseMinutes: 30, resolutionMinutes: 480 },
  P3: { responseMinutes: 60, resolutionMinutes: 960 },
  P4: { responseMinutes: 120, resolutionMinutes: 1920 },
  P5: { responseMinutes: 240, resolutionMinutes: 3840 },
};

describe('catalog read models (PGlite, projection runtime)', () => {
  let store: EventStore;
  let db: SqlExecutor;
  let runtime: ProjectionRuntime;
  let readModels: CatalogReadModels;
  let closeDatabase: () => Promise<void>;
  let sequence = 0;

  const append = async (streamId: string, ...events: NewEvent[]) =>
    store.appendToStream(streamId, events, { expectedRevision: 'any' });

  const register = async (details: Partial<ServiceRegisteredV1> = {}): Promise<string> => {
    const serviceId = newId();
    sequence += 1;
    const data: ServiceRegisteredV1 = {
      serviceId,
      number: `SVC${String(sequence).padStart(7, '0')}`,
      name: `Service ${sequence}`,
      kind: 'business',
      description: 'spec',
      ownerGroup: 'owners',
      supportGroup: 'support',
      lifecycle: 'pipeline',
      registeredAt: new Date().toISOString(),
      ...details,
    };
    await append(serviceStreamId(serviceId), event('ServiceRegistered', data));
    return serviceId;
  };

  const on = (serviceId: string, type: ServiceEvent['type'], data: object) => append(serviceStreamId(serviceId), event(type, { serviceId, ...data }));

  beforeAll(async () => {
    const pglite = await openPglite();
    store = await createPgliteEventStore({ db: pglite, pollIntervalMs: 20 });
    db = createPgliteExecutor(pglite, { ownsDatabase: false });
    runtime = await ProjectionRuntime.create({ db, source: store, projections: catalogProjections });
    readModels = createCatalogReadModels({ db, store });
    closeDatabase = async () => {
      await store.close();
      await pglite.close();
    };
  });

  afterAll(async () => {
    await runtime.stop();
    await closeDatabase();
  });

  it('lists services by number with filters and keyset pages, and shows the same view as the stream fold', async () => {
    const mail = await register({ name: 'Corporate Mail', kind: 'business', ownerGroup: 'messaging' });
    const dns = await register({ name: 'DNS', kind: 'technical', ownerGroup: 'network' });
    const vpn = await register({ name: 'Remote VPN', kind: 'technical', ownerGroup: 'network' });
    const calendarId = newId();
    const offeringA = newId();
    const offeringB = newId();
    await on(mail, 'ServiceUpdated', { changes: { description: 'Mailboxes for everyone' } });
    await on(mail, 'ServiceWentLive', { wentLiveAt: new Date().toISOString() });
    await on(mail, 'ServiceOfferingAdded', { offeringId: offeringA, name: 'Gold', calendarId, default: true, slaTargets: sla });
    await on(mail, 'ServiceDefaultOfferingChanged', { defaultOfferingId: offeringA, previousDefaultOfferingId: null });
    await on(mail, 'ServiceOfferingAdded', { offeringId: offeringB, name: 'Silver', calendarId, default: false, slaTargets: sla });
    await on(mail, 'ServiceOfferingUpdated', { offeringId: offeringB, name: 'Silver', calendarId, default: true, slaTargets: sla });
    await on(mail, 'ServiceDefaultOfferingChanged', { defaultOfferingId: offeringB, previousDefaultOfferingId: offeringA });
    await on(mail, 'ServiceCostModelSet', { fixedMonthlyCost: 1200.5, currency: 'EUR', unitRate: 2.25, unitName: 'mailbox' });
    await on(mail, 'ChangeTemplateAdded', { templateId: newId(), name: 'Add domain', steps: ['Add MX', 'Verify'], preApproved: true });
    await on(vpn, 'ServiceRetired', { previousLifecycle: 'pipeline', reason: 'replaced', retiredAt: new Date().toISOString() });
    await runtime.catchUp();

    const all = await readModels.services.list({ limit: 100 });
    const mine = all.items.filter((item) => [mail, dns, vpn].includes(item.id));
    expect(mine.map((item) => item.id)).toEqual([mail, dns, vpn]);

    const technical = await readModels.services.list({ kind: 'technical', ownerGroup: 'network' });
    expect(technical.items.map((item) => item.id)).toEqual([dns, vpn]);
    expect((await readModels.services.list({ lifecycle: 'retired' })).items.map((item) => item.id)).toEqual([vpn]);
    expect((await readModels.services.list({ q: 'mAIL' })).items.map((item) => item.id)).toEqual([mail]);
    expect((await readModels.services.list({ q: '%' })).items).toEqual([]);

    const first = await readModels.services.list({ kind: 'technical', limit: 1 });
    expect(first.items.map((item) => item.id)).toEqual([dns]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await readModels.services.list({ kind: 'technical', limit: 1, cursor: first.nextCursor ?? '' });
    expect(second).toEqual({ items: [expect.objectContaining({ id: vpn })], nextCursor: null });

    const projected = await readModels.services.projected(mail);
    const folded = await readModels.services.get(mail);
    expect(projected).toEqual(folded?.service);
    expect(projected).toMatchObject({
      lifecycle: 'live',
      description: 'Mailboxes for everyone',
      revision: 9,
      offerings: [
        { id: offeringA, offeringId: offeringA, name: 'Gold', default: false },
        { id: offeringB, offeringId: offeringB, name: 'Silver', default: true },
      ],
      costModel: { fixedMonthlyCost: 1200.5, currency: 'EUR', unitRate: 2.25, unitName: 'mailbox' },
    });
    expect(await readModels.services.offeringsOf(mail)).toEqual(folded?.offerings);
    expect(await readModels.services.changeTemplatesOf(mail)).toEqual([
      expect.objectContaining({ serviceId: mail, name: 'Add domain', steps: ['Add MX', 'Verify'], preApproved: true }),
    ]);
    expect(await readModels.services.get(newId())).toBeNull();
  });

  it('keeps criticality (v1 registrations read as medium) and maintenance windows, filters by criticality, as the stream folds them', async () => {
    const owners = `crit-${newId().slice(-8)}`;
    const legacy = await register({ ownerGroup: owners }); // appended as schema version 1, without criticality
    const payments = newId();
    sequence += 1;
    await append(serviceStreamId(payments), {
      ...event('ServiceRegistered', {
        serviceId: payments, number: `SVC${String(sequence).padStart(7, '0')}`, name: 'Payments', kind: 'business', description: 'spec',
        ownerGroup: owners, supportGroup: 'support', criticality: 'critical', lifecycle: 'pipeline', registeredAt: new Date().toISOString(),
      }),
      schemaVersion: 2,
    });
    const raised = await register({ ownerGroup: owners });
    await on(raised, 'ServiceUpdated', { changes: { criticality: 'high' } });
    const windows = { timeZone: 'Europe/Berlin', windows: [{ day: 'sat', from: '22:00', to: '06:00' }, { day: 'sun', from: '06:00', to: '08:00' }] };
    await on(payments, 'ServiceMaintenanceWindowsSet', windows);
    await on(raised, 'ServiceMaintenanceWindowsSet', windows);
    await on(raised, 'ServiceMaintenanceWindowsSet', { timeZone: 'UTC', windows: [] });
    await runtime.catchUp();

    const listed = await readModels.services.list({ ownerGroup: owners });
    expect(listed.items.map(({ id, criticality, maintenanceWindows }) => [id, criticality, maintenanceWindows])).toEqual([
      [legacy, 'medium', null],
      [payments, 'critical', windows],
      [raised, 'high', { timeZone: 'UTC', windows: [] }],
    ]);
    expect((await readModels.services.list({ ownerGroup: owners, criticality: 'critical' })).items.map(({ id }) => id)).toEqual([payments]);
    expect((await readModels.services.list({ ownerGroup: owners, criticality: 'low' })).items).toEqual([]);
    for (const id of [legacy, payments, raised]) expect(await readModels.services.projected(id)).toEqual((await readModels.services.get(id))?.service);
  });

  it('refuses cursors it did not hand out', async () => {
    for (const cursor of ['not a cursor', Buffer.from('{"n":-1}').toString('base64url'), Buffer.from('[1]').toString('base64url'), 'e30']) {
      await expect(readModels.services.list({ cursor })).rejects.toBeInstanceOf(InvalidCursor);
      await expect(readModels.calendars.list({ cursor })).rejects.toBeInstanceOf(InvalidCursor);
    }
  });

  it('answers the impact query transitively, nearest first, and follows removed dependencies', async () => {
    const storage = await register({ name: 'Storage' });
    const database = await register({ name: 'Database' });
    const erp = await register({ name: 'ERP' });
    const portal = await register({ name: 'Portal' });
    await on(database, 'ServiceDependencyAdded', { dependsOnServiceId: storage });
    await on(erp, 'ServiceDependencyAdded', { dependsOnServiceId: database });
    await on(portal, 'ServiceDependencyAdded', { dependsOnServiceId: erp });
    await on(portal, 'ServiceDependencyAdded', { dependsOnServiceId: storage });
    await runtime.catchUp();

    const impact = await readModels.impact.impactOf(storage);
    expect(impact.map(({ id, depth }) => [id, depth])).toEqual([
      [database, 1],
      [portal, 1],
      [erp, 2],
    ]);
    expect((await readModels.services.projected(portal))?.dependsOn).toEqual([erp, storage]);

    await on(portal, 'ServiceDependencyRemoved', { dependsOnServiceId: storage });
    await on(portal, 'ServiceDependencyRemoved', { dependsOnServiceId: erp });
    await runtime.catchUp();
    expect((await readModels.impact.impactOf(storage)).map(({ id }) => id)).toEqual([database, erp]);
  });

  it('gives the cycle check a graph that includes dependency changes not yet projected', async () => {
    const a = await register({ name: 'A' });
    const b = await register({ name: 'B' });
    await runtime.catchUp();
    await on(b, 'ServiceDependencyAdded', { dependsOnServiceId: a });
    // The projection has not seen the new edge: the graph must wait for it rather than answer from stale rows.
    const dependents = readModels.dependencyGraph.dependentsOf(a);
    setTimeout(() => void runtime.catchUp(), 50);
    expect([...(await dependents)]).toEqual([b]);
  });

  const officeHours = (calendarId: string, name: string): CalendarCreatedV1 => ({
    calendarId,
    name,
    timeZone: 'Europe/Berlin',
    weeklyHours: [{ day: 'mon', from: '09:00', to: '17:00' }],
    holidays: ['2026-12-25'],
  });
  /** CalendarCreated as this release writes it: v2, with the number. */
  const createdV2 = (data: CalendarCreatedV2): NewEvent => ({ ...event('CalendarCreated', data), schemaVersion: 2 });

  it('lists calendars in creation order with pages, the same view as their streams, numbers kept through updates', async () => {
    const ids = [newId(), newId(), newId()];
    for (const [index, calendarId] of ids.entries()) {
      await append(calendarStreamId(calendarId), createdV2({ ...officeHours(calendarId, `Office hours ${index}`), number: `CAL000010${index}` }));
    }
    await append(calendarStreamId(ids[0]), event('CalendarUpdated', { calendarId: ids[0], name: 'Renamed', timeZone: 'UTC', weeklyHours: [], holidays: [] }));
    const { lastGlobalPosition } = await append(calendarStreamId(ids[1]), event('CalendarUpdated', { calendarId: ids[1], name: 'Two', timeZone: 'UTC', weeklyHours: [], holidays: [] }));
    await runtime.catchUp();
    await readModels.positions.waitForPosition('catalog_calendars', lastGlobalPosition, { timeoutMs: 1000 });

    const page1 = await readModels.calendars.list({ limit: 2 });
    const page2 = await readModels.calendars.list({ limit: 2, cursor: page1.nextCursor ?? '' });
    expect([...page1.items, ...page2.items].map((calendar) => calendar.id)).toEqual(ids);
    expect(page2.nextCursor).toBeNull();
    expect(page1.items[0]).toEqual(await readModels.calendars.get(ids[0]));
    expect(page1.items[0]).toMatchObject({ number: 'CAL0000100', name: 'Renamed', timeZone: 'UTC', revision: 1 });
    expect([...page1.items, ...page2.items].map((calendar) => calendar.number)).toEqual(['CAL0000100', 'CAL0000101', 'CAL0000102']);
    expect(await readModels.calendars.idOfNumber('CAL0000101')).toBe(ids[1]);
    expect(await readModels.calendars.idOfNumber('CAL0000999')).toBeNull();
  });

  it('shows a calendar created before numbering (CalendarCreated v1) with number null, in the list and from its stream', async () => {
    const calendarId = newId();
    const { lastGlobalPosition } = await append(calendarStreamId(calendarId), event('CalendarCreated', officeHours(calendarId, 'Legacy hours')));
    await runtime.catchUp();
    await readModels.positions.waitForPosition('catalog_calendars', lastGlobalPosition, { timeoutMs: 1000 });

    const listed = (await readModels.calendars.list({ limit: 100 })).items.find((calendar) => calendar.id === calendarId);
    expect(listed).toMatchObject({ number: null, name: 'Legacy hours' });
    expect(await readModels.calendars.get(calendarId)).toEqual(listed);
    const [stored] = await store.readStream(calendarStreamId(calendarId));
    expect([stored.schemaVersion, 'number' in (stored.data as object)]).toEqual([1, false]);
  });

  it('searches calendars by text in the name or the number, case-insensitive and literally', async () => {
    const [berlin, london] = [newId(), newId()];
    await append(calendarStreamId(berlin), createdV2({ ...officeHours(berlin, 'Berlin 100% hours'), number: 'CAL0000201' }));
    const { lastGlobalPosition } = await append(calendarStreamId(london), createdV2({ ...officeHours(london, 'London hours'), number: 'CAL0000202' }));
    await runtime.catchUp();
    await readModels.positions.waitForPosition('catalog_calendars', lastGlobalPosition, { timeoutMs: 1000 });
    const search = async (q: string) => (await readModels.calendars.list({ q, limit: 100 })).items.map((calendar) => calendar.id);

    expect(await search('cal000020')).toEqual([berlin, london]);
    expect(await search('CAL0000202')).toEqual([london]);
    expect(await search('BERLIN')).toEqual([berlin]);
    expect(await search('100%')).toEqual([berlin]);
    expect(await search('_')).toEqual([]);
    const first = await readModels.calendars.list({ q: 'cal000020', limit: 1 });
    expect((await readModels.calendars.list({ q: 'cal000020', limit: 1, cursor: first.nextCursor ?? '' })).items.map((calendar) => calendar.id)).toEqual([london]);
  });
});
