import { serviceStreamId } from '@itsm/contracts';
import { RuleViolation, IllegalTransition, WrongExpectedRevisionError } from '@itsm/event-sourcing';
import { OfferingNotFound, ServiceNotFound } from '../errors';
import { calendarInput, fixedNow, openPgliteCatalog, requestMetadata, serviceInput, slaTargets, type PgliteCatalog } from '../testing/pglite-catalog';

describe('Service handlers on PGlite', () => {
  let catalog: PgliteCatalog;

  // One database for the file (opening PGlite is slow): every test works on services of its own.
  beforeAll(async () => {
    catalog = await openPgliteCatalog();
  });
  afterAll(() => catalog.close());

  const logSize = async () => (await catalog.store.readAll()).events.length;
  const numberAfter = (number: string, step: number) => `SVC${String(Number(number.slice(3)) + step).padStart(7, '0')}`;

  const register = (name: string) => catalog.handlers.registerService.execute(serviceInput(name), requestMetadata);

  describe('registering', () => {
    it('appends ServiceRegistered with the next SVC number and the caller in the envelope', async () => {
      const result = await register('Email');
      expect(result).toMatchObject({ number: 'SVC0000001', revision: 0, service: { lifecycle: 'pipeline' } });
      const next = await register('Calendar');
      expect(next.number).toBe('SVC0000002');
      const [event] = await catalog.store.readStream(serviceStreamId(result.id));
      expect(event).toMatchObject({
        type: 'ServiceRegistered',
        schemaVersion: 2,
        actor: requestMetadata.actor,
        correlationId: 'corr-1',
        data: {
          serviceId: result.id,
          number: 'SVC0000001',
          name: 'Email',
          kind: 'technical',
          criticality: 'medium',
          lifecycle: 'pipeline',
          registeredAt: fixedNow.toISOString(),
        },
      });
    });

    it('numbers services in order without repeats, also when registered at once', async () => {
      const first = await register('First');
      const rest = await Promise.all(Array.from({ length: 10 }, (_, i) => register(`Service ${i}`)));
      const numbers = rest.map((result) => result.number);
      expect([...numbers].sort()).toEqual(Array.from({ length: 10 }, (_, i) => numberAfter(first.number, i + 1)));
    });

    it('keeps only the service fields of the input', async () => {
      const input = { ...serviceInput('Email'), lifecycle: 'retired', isAdmin: true } as ReturnType<typeof serviceInput>;
      const { id } = await catalog.handlers.registerService.execute(input, requestMetadata);
      const [event] = await catalog.store.readStream(serviceStreamId(id));
      expect(Object.keys(event.data as object).sort()).toEqual(
        ['criticality', 'description', 'kind', 'lifecycle', 'name', 'number', 'ownerGroup', 'registeredAt', 'serviceId', 'supportGroup'],
      );
      expect((event.data as { lifecycle: string }).lifecycle).toBe('pipeline');
    });
  });

  describe('criticality', () => {
    it('registers with the criticality given and changes it with an update', async () => {
      const { id, service } = await catalog.handlers.registerService.execute({ ...serviceInput('Payments'), criticality: 'critical' }, requestMetadata);
      expect(service.details.criticality).toBe('critical');
      const updated = await catalog.handlers.updateService.execute(id, { criticality: 'high' }, requestMetadata, { expectedRevision: 0 });
      expect(updated.events.map((event) => event.data)).toEqual([{ serviceId: id, changes: { criticality: 'high' } }]);
    });

    it('reads a service registered as v1 (before criticality) as medium, and keeps the stored event', async () => {
      const serviceId = '0190f3a4-0000-7000-8000-0000000000e1';
      const v1 = { serviceId, number: 'SVC0999999', name: 'Legacy', kind: 'business', description: 'old', ownerGroup: 'o', supportGroup: 's', lifecycle: 'pipeline', registeredAt: fixedNow.toISOString() };
      await catalog.store.appendToStream(serviceStreamId(serviceId), [{ type: 'ServiceRegistered', schemaVersion: 1, data: v1, metadata: { actor: { id: 'older-release' }, correlationId: 'corr-v1' } }], { expectedRevision: 'no-stream' });
      expect((await catalog.services.load(serviceId)).state.details.criticality).toBe('medium');
      const raised = await catalog.handlers.updateService.execute(serviceId, { criticality: 'high' }, requestMetadata, { expectedRevision: 0 });
      expect(raised.service.details).toMatchObject({ name: 'Legacy', criticality: 'high' });
      const [stored] = await catalog.store.readStream(serviceStreamId(serviceId));
      expect(stored).toMatchObject({ schemaVersion: 1, data: v1 });
      expect(stored.data).not.toHaveProperty('criticality');
    });
  });

  describe('maintenance windows', () => {
    const saturdayNight = { timeZone: 'Europe/Berlin', windows: [{ day: 'sat' as const, from: '22:00', to: '06:00' }] };

    it('sets and replaces the whole set, with If-Match, keeping only the zone and each window’s day, from and to', async () => {
      const { id } = await register('Email');
      const input = { ...saturdayNight, windows: [{ ...saturdayNight.windows[0], note: 'x' }], extra: true } as unknown as typeof saturdayNight;
      const set = await catalog.handlers.setMaintenanceWindows.execute(id, input, requestMetadata, { expectedRevision: 0 });
      expect(set.events.map((event) => [event.type, event.schemaVersion, event.data])).toEqual([['ServiceMaintenanceWindowsSet', 1, { serviceId: id, ...saturdayNight }]]);
      // The same set again, read back from the log (jsonb), records nothing.
      const again = await catalog.handlers.setMaintenanceWindows.execute(id, saturdayNight, requestMetadata, { expectedRevision: 1 });
      expect(again).toMatchObject({ revision: 1, events: [] });
      const cleared = await catalog.handlers.setMaintenanceWindows.execute(id, { timeZone: 'UTC', windows: [] }, requestMetadata, { expectedRevision: 1 });
      expect(cleared).toMatchObject({ revision: 2, service: { maintenanceWindows: { timeZone: 'UTC', windows: [] } } });
    });

    it('refuses a stale If-Match, overlapping windows and a retired service, appending nothing', async () => {
      const { id } = await register('Email');
      await catalog.handlers.setMaintenanceWindows.execute(id, saturdayNight, requestMetadata);
      await expect(catalog.handlers.setMaintenanceWindows.execute(id, { timeZone: 'UTC', windows: [] }, requestMetadata, { expectedRevision: 0 })).rejects.toBeInstanceOf(
        WrongExpectedRevisionError,
      );
      const overlapping = { timeZone: 'UTC', windows: [{ day: 'sat' as const, from: '22:00', to: '06:00' }, { day: 'sun' as const, from: '05:00', to: '07:00' }] };
      await expect(catalog.handlers.setMaintenanceWindows.execute(id, overlapping, requestMetadata)).rejects.toThrow(RuleViolation);
      await catalog.handlers.retireService.execute(id, {}, requestMetadata);
      await expect(catalog.handlers.setMaintenanceWindows.execute(id, saturdayNight, requestMetadata)).rejects.toBeInstanceOf(IllegalTransition);
      expect((await catalog.store.readStream(serviceStreamId(id))).map((event) => event.type)).toEqual([
        'ServiceRegistered',
        'ServiceMaintenanceWindowsSet',
        'ServiceRetired',
      ]);
    });
  });

  describe('changing a service', () => {
    it('updates with the current revision from If-Match and returns the next one', async () => {
      const { id } = await register('Email');
      const result = await catalog.handlers.updateService.execute(id, { name: 'Mail' }, requestMetadata, { expectedRevision: 0 });
      expect(result).toMatchObject({ revision: 1, service: { details: { name: 'Mail' } } });
      expect(result.events.map((event) => event.data)).toEqual([{ serviceId: id, changes: { name: 'Mail' } }]);
    });

    it('refuses a stale If-Match and leaves the stream as it was', async () => {
      const { id } = await register('Email');
      await catalog.handlers.updateService.execute(id, { name: 'Mail' }, requestMetadata);
      await expect(
        catalog.handlers.updateService.execute(id, { name: 'Other' }, requestMetadata, { expectedRevision: 0 }),
      ).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      expect(await catalog.store.readStream(serviceStreamId(id))).toHaveLength(2);
    });

    it('lets exactly one of several writers with the same If-Match win', async () => {
      const { id } = await register('Email');
      const attempts = await Promise.allSettled(
        Array.from({ length: 5 }, (_, i) => catalog.handlers.updateService.execute(id, { name: `Name ${i}` }, requestMetadata, { expectedRevision: 0 })),
      );
      expect(attempts.filter((attempt) => attempt.status === 'fulfilled')).toHaveLength(1);
      expect(attempts.filter((attempt) => attempt.status === 'rejected').map((attempt) => (attempt as PromiseRejectedResult).reason))
        .toEqual(Array(4).fill(expect.any(WrongExpectedRevisionError)));
    });

    it('records nothing and keeps the revision when nothing changes', async () => {
      const { id } = await register('Email');
      const result = await catalog.handlers.updateService.execute(id, { name: 'Email' }, requestMetadata);
      expect(result).toMatchObject({ revision: 0, events: [] });
    });

    it('goes live and retires; a retired service takes no updates', async () => {
      const { id } = await register('Email');
      await catalog.handlers.takeServiceLive.execute(id, requestMetadata);
      const retired = await catalog.handlers.retireService.execute(id, { reason: 'replaced' }, requestMetadata);
      expect(retired).toMatchObject({ revision: 2, service: { lifecycle: 'retired' } });
      await expect(catalog.handlers.updateService.execute(id, { name: 'x' }, requestMetadata)).rejects.toBeInstanceOf(IllegalTransition);
      const events = await catalog.store.readStream(serviceStreamId(id));
      expect(events.map((event) => event.type)).toEqual(['ServiceRegistered', 'ServiceWentLive', 'ServiceRetired']);
    });

    it.each(['0190f3a4-0000-7000-8000-000000000099', 'not-a-uuid'])('answers ServiceNotFound for the id %p', async (id) => {
      const before = await logSize();
      await expect(catalog.handlers.updateService.execute(id, { name: 'x' }, requestMetadata)).rejects.toBeInstanceOf(ServiceNotFound);
      await expect(catalog.services.load(id)).rejects.toBeInstanceOf(ServiceNotFound);
      expect(await logSize()).toBe(before);
    });

    it('loads the service and its revision from the stream', async () => {
      const { id } = await register('Email');
      await catalog.handlers.takeServiceLive.execute(id, requestMetadata);
      const loaded = await catalog.services.load(id);
      expect(loaded).toMatchObject({ revision: 1, state: { serviceId: id, lifecycle: 'live' } });
    });
  });

  describe('offerings, cost model and change templates', () => {
    it('adds an offering on an existing calendar, default and complete with its SLA targets', async () => {
      const { id } = await register('Email');
      const calendar = await catalog.handlers.createCalendar.execute(calendarInput(), requestMetadata);
      const result = await catalog.handlers.addOffering.execute(
        id,
        { name: 'Gold', calendarId: calendar.id, slaTargets: slaTargets() },
        requestMetadata,
        { expectedRevision: 0 },
      );
      expect(result.revision).toBe(2);
      expect(result.events.map((event) => [event.type, event.data])).toEqual([
        ['ServiceOfferingAdded', { serviceId: id, offeringId: result.offeringId, name: 'Gold', calendarId: calendar.id, default: true, slaTargets: slaTargets() }],
        ['ServiceDefaultOfferingChanged', { serviceId: id, defaultOfferingId: result.offeringId, previousDefaultOfferingId: null }],
      ]);
    });

    it.each(['0190f3a4-0000-7000-8000-0000000000c9', 'nope'])('refuses an offering on the unknown calendar %p', async (calendarId) => {
      const { id } = await register('Email');
      await expect(
        catalog.handlers.addOffering.execute(id, { name: 'Gold', calendarId, slaTargets: slaTargets() }, requestMetadata),
      ).rejects.toThrow(RuleViolation);
      expect(await catalog.store.readStream(serviceStreamId(id))).toHaveLength(1);
    });

    it('moves an offering to another calendar only if that calendar exists', async () => {
      const { id } = await register('Email');
      const berlin = await catalog.handlers.createCalendar.execute(calendarInput(), requestMetadata);
      const { offeringId } = await catalog.handlers.addOffering.execute(id, { name: 'Gold', calendarId: berlin.id, slaTargets: slaTargets() }, requestMetadata);
      const missing = '0190f3a4-0000-7000-8000-0000000000c9';
      await expect(catalog.handlers.updateOffering.execute(id, offeringId, { calendarId: missing }, requestMetadata)).rejects.toThrow(/does not exist/);
      const london = await catalog.handlers.createCalendar.execute({ ...calendarInput(), name: 'London', timeZone: 'Europe/London' }, requestMetadata);
      const moved = await catalog.handlers.updateOffering.execute(id, offeringId, { calendarId: london.id }, requestMetadata);
      expect(moved.service.offerings[offeringId].calendarId).toBe(london.id);
    });

    it('answers OfferingNotFound for an offering the service does not have, and appends nothing', async () => {
      const { id } = await register('Email');
      const calendar = await catalog.handlers.createCalendar.execute(calendarInput(), requestMetadata);
      const { offeringId } = await catalog.handlers.addOffering.execute(id, { name: 'Gold', calendarId: calendar.id, slaTargets: slaTargets() }, requestMetadata);
      const missing = '0190f3a4-0000-7000-8000-0000000000a9';
      const before = await logSize();
      await expect(catalog.handlers.updateOffering.execute(id, missing, { name: 'Silver' }, requestMetadata)).rejects.toBeInstanceOf(OfferingNotFound);
      await expect(catalog.handlers.removeOffering.execute(id, missing, requestMetadata)).rejects.toMatchObject({ name: 'OfferingNotFound', serviceId: id, offeringId: missing });
      await catalog.handlers.removeOffering.execute(id, offeringId, requestMetadata);
      await expect(catalog.handlers.removeOffering.execute(id, offeringId, requestMetadata)).rejects.toBeInstanceOf(OfferingNotFound);
      expect(await logSize()).toBe(before + 1);
    });

    it('sets a cost model and adds a change template', async () => {
      const { id } = await register('Email');
      await catalog.handlers.setCostModel.execute(id, { fixedMonthlyCost: 100, currency: 'EUR', unitRate: 2, unitName: 'mailbox' }, requestMetadata);
      const template = await catalog.handlers.addChangeTemplate.execute(id, { name: 'Add mailbox', steps: ['Create', 'Notify'], preApproved: true }, requestMetadata);
      expect(template.service.costModel).toEqual({ fixedMonthlyCost: 100, currency: 'EUR', unitRate: 2, unitName: 'mailbox' });
      expect(template.service.changeTemplates[template.templateId]).toEqual({ name: 'Add mailbox', steps: ['Create', 'Notify'], preApproved: true });
    });
  });

  describe('dependencies', () => {
    it('refuses a dependency that closes a cycle through other services, end to end', async () => {
      const [portal, crm, db] = await Promise.all([register('Portal'), register('CRM'), register('Database')]);
      await catalog.handlers.addDependency.execute(portal.id, crm.id, requestMetadata);
      await catalog.handlers.addDependency.execute(crm.id, db.id, requestMetadata);
      await expect(catalog.handlers.addDependency.execute(db.id, portal.id, requestMetadata)).rejects.toThrow(/would create a cycle/);
      expect(await catalog.store.readStream(serviceStreamId(db.id))).toHaveLength(1);
    });

    it('allows the same edge once the path that made it a cycle is removed', async () => {
      const [a, b] = await Promise.all([register('A'), register('B')]);
      await catalog.handlers.addDependency.execute(a.id, b.id, requestMetadata);
      await expect(catalog.handlers.addDependency.execute(b.id, a.id, requestMetadata)).rejects.toThrow(RuleViolation);
      await catalog.handlers.removeDependency.execute(a.id, b.id, requestMetadata);
      const added = await catalog.handlers.addDependency.execute(b.id, a.id, requestMetadata);
      expect(added.service.dependsOn).toEqual([a.id]);
    });

    it('lets only one of two opposite dependencies requested at once through', async () => {
      const [a, b] = await Promise.all([register('A'), register('B')]);
      const results = await Promise.allSettled([
        catalog.handlers.addDependency.execute(a.id, b.id, requestMetadata),
        catalog.handlers.addDependency.execute(b.id, a.id, requestMetadata),
      ]);
      expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    });

    it('refuses dependencies on services that do not exist or are retired', async () => {
      const [a, b] = await Promise.all([register('A'), register('B')]);
      await catalog.handlers.retireService.execute(b.id, {}, requestMetadata);
      await expect(catalog.handlers.addDependency.execute(a.id, b.id, requestMetadata)).rejects.toThrow(/is retired/);
      await expect(catalog.handlers.addDependency.execute(a.id, '0190f3a4-0000-7000-8000-000000000099', requestMetadata)).rejects.toThrow(/does not exist/);
      await expect(catalog.handlers.addDependency.execute(a.id, 'not-a-uuid', requestMetadata)).rejects.toThrow(/does not exist/);
      await expect(catalog.handlers.addDependency.execute('not-a-uuid', a.id, requestMetadata)).rejects.toBeInstanceOf(ServiceNotFound);
    });
  });
});
