import { changeStreamId, formatChangeNumber, incidentStreamId, schemaVersionOf, serviceStreamId } from '@itsm/contracts';
import { newId, type NewEvent } from '@itsm/event-sourcing';
import { changesApplicationProjections } from '@itsm/changes-application';
import { changesProjections, createChangesReadModels } from '@itsm/changes-read-models';
import { call, startChangesTestApp, type Answer, type ChangesTestApp } from './testing/changes-test-app';

const event = (type: string, data: object): NewEvent => ({
  type,
  data,
  schemaVersion: schemaVersionOf(type),
  metadata: { actor: { id: 'spec', role: 'admin' }, correlationId: newId() },
});

const serviceRegistered = (serviceId: string, sequence: number, name: string) =>
  event('ServiceRegistered', {
    serviceId, number: `SVC${String(sequence).padStart(7, '0')}`, name, kind: 'technical', description: 'spec', ownerGroup: 'owners',
    supportGroup: 'support', criticality: 'high', lifecycle: 'pipeline', registeredAt: '2026-01-01T00:00:00.000Z',
  });

/** A change raised and scheduled, as the change decider would have written it. */
const scheduledChange = (changeId: string, sequence: number, serviceIds: string[], plannedStart: string, plannedEnd: string): NewEvent[] => {
  const number = formatChangeNumber(sequence);
  const implementer = { group: 'ops', agent: 'alice' };
  return [
    event('ChangeRaised', {
      changeId, number, type: 'normal', requesterId: 'rita', templateId: null, state: 'new', raisedAt: '2026-03-01T09:00:00.000Z',
      shortDescription: `Change ${sequence}`, description: 'spec', justification: 'spec', serviceIds, implementationPlan: 'plan',
      backoutPlan: 'backout', testPlan: 'test', plannedStart, plannedEnd, implementer,
    }),
    event('ChangeScheduled', {
      changeId, number, type: 'normal', plannedStart, plannedEnd, serviceIds, implementer, because: 'authorized', state: 'scheduled',
      scheduledAt: '2026-03-02T10:00:00.000Z',
    }),
  ];
};

describe('changes API: conflicts, forward schedule, freeze windows (embedded shape: PGlite, gateway conventions, projections)', () => {
  let app: ChangesTestApp;
  let manager: string;
  let agent: string;
  const [payroll, payrollDb, mail] = [newId(), newId(), newId()];
  const [onPayroll, onDb] = [newId(), newId()];
  const api = (path: string) => `${app.baseUrl}/api/v1${path}`;
  const as = (token: string, extra: Record<string, string> = {}) => ({ authorization: `Bearer ${token}`, ...extra });
  const post = (path: string, body: unknown, headers: Record<string, string> = {}, token = manager) =>
    call(api(path), { method: 'POST', headers: as(token, headers), body });
  const get = (path: string, headers: Record<string, string> = {}, token = agent) => call(api(path), { headers: as(token, headers) });
  const afterWrite = (write: Answer | number) => ({ 'x-wait-for-position': String(typeof write === 'number' ? write : write.headers.get('x-log-position')) });
  const append = async (streamId: string, events: NewEvent[]) =>
    (await app.store.appendToStream(streamId, events, { expectedRevision: 'any' })).lastGlobalPosition;
  const head = async () => (await app.store.readAll({ fromPosition: -1, maxCount: 100_000 })).events.length;
  const expectProblem = (answer: Answer, status: number) => {
    expect([answer.status, answer.headers.get('content-type')]).toEqual([status, expect.stringMatching(/^application\/problem\+json/)]);
  };
  const freeze = { name: 'Payroll run', reason: 'Monthly payroll', from: '2030-03-10T00:00:00Z', to: '2030-03-11T00:00:00Z' };

  beforeAll(async () => {
    app = await startChangesTestApp(createChangesReadModels, [...changesProjections, ...changesApplicationProjections()]);
    manager = await app.token(['change-manager'], 'mia');
    agent = await app.token(['agent'], 'adam');
    await append(serviceStreamId(payroll), [serviceRegistered(payroll, 1, 'Payroll'), event('ServiceDependencyAdded', { serviceId: payroll, dependsOnServiceId: payrollDb })]);
    await append(serviceStreamId(payrollDb), [serviceRegistered(payrollDb, 2, 'Payroll DB')]);
    await app.caughtUp(await append(serviceStreamId(mail), [serviceRegistered(mail, 3, 'Mail')]), ['ServiceRegistered']);
    await append(changeStreamId(onPayroll), scheduledChange(onPayroll, 1, [payroll], '2030-03-10T10:00:00.000Z', '2030-03-10T12:00:00.000Z'));
    const seeded = await append(changeStreamId(onDb), scheduledChange(onDb, 2, [payrollDb], '2030-03-10T11:00:00.000Z', '2030-03-10T13:00:00.000Z'));
    await app.caughtUp(seeded, ['ChangeScheduled']);
  });

  afterAll(() => app?.close());

  describe('POST /freeze-windows', () => {
    it('declares a freeze window: 201 with an ETag, a Location, the actor in its event; the same Idempotency-Key gives the same answer', async () => {
      const created = await post('/freeze-windows', { ...freeze, serviceIds: [payroll] }, { 'idempotency-key': 'freeze-1' });
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        id: expect.any(String),
        name: 'Payroll run',
        reason: 'Monthly payroll',
        from: '2030-03-10T00:00:00.000Z',
        to: '2030-03-11T00:00:00.000Z',
        serviceIds: [payroll],
        state: 'declared',
        declaredAt: expect.any(String),
        liftedAt: null,
        liftReason: null,
        revision: 0,
      });
      expect(created.headers.get('etag')).toBe('"0"');
      expect(created.headers.get('location')).toBe(`/api/v1/freeze-windows/${created.body.id}`);
      const [declared] = await app.store.readStream(`freeze-window-${created.body.id}`);
      expect(declared).toMatchObject({ type: 'FreezeWindowDeclared', actor: { id: 'mia', role: 'change-manager' } });

      const replayed = await post('/freeze-windows', { ...freeze, serviceIds: [payroll] }, { 'idempotency-key': 'freeze-1' });
      expect([replayed.status, replayed.body, replayed.headers.get('idempotent-replayed')]).toEqual([201, created.body, 'true']);
      expect((await post('/freeze-windows', { ...freeze, name: 'Other' }, { 'idempotency-key': 'freeze-1' })).status).toBe(422);

      const read = await get(`/freeze-windows/${created.body.id}`);
      expect([read.status, read.body, read.headers.get('etag')]).toEqual([200, created.body, '"0"']);
    });

    it('refuses bad input with 400 problem+json naming the field, and writes nothing', async () => {
      const before = await head();
      for (const body of [
        { ...freeze, from: '2030-03-10' },
        { ...freeze, to: '2030-02-30T00:00:00Z' },
        { ...freeze, name: '   ' },
        { ...freeze, reason: undefined },
        { ...freeze, serviceIds: [] },
        { ...freeze, serviceIds: ['not-a-uuid'] },
        { ...freeze, serviceIds: [payroll, payroll] },
        { ...freeze, colour: 'blue' },
      ]) {
        const answer = await post('/freeze-windows', body);
        expectProblem(answer, 400);
        expect(answer.body.errors.length).toBeGreaterThan(0);
      }
      expect(await head()).toBe(before);
    });

    it('answers 409 with the rule for a window ending before it starts or a service the catalog does not know; 403 for an agent', async () => {
      const backwards = await post('/freeze-windows', { ...freeze, from: freeze.to, to: freeze.from });
      expectProblem(backwards, 409);
      expect(backwards.body.detail).toMatch(/must end after it starts/);
      const unknown = newId();
      const notInCatalog = await post('/freeze-windows', { ...freeze, serviceIds: [unknown] });
      expectProblem(notInCatalog, 409);
      expect(notInCatalog.body.detail).toBe(`Not in the catalog: service ${unknown}`);
      expectProblem(await post('/freeze-windows', freeze, {}, agent), 403);
    });
  });

  describe('GET /freeze-windows', () => {
    it('lists the windows overlapping a range, in cursor pages; refuses bad dates and unknown keys with 400', async () => {
      const other = await post('/freeze-windows', { ...freeze, name: 'Quarter end', from: '2030-03-31T00:00:00Z', to: '2030-04-02T00:00:00Z' });
      const page = await get('/freeze-windows?from=2030-03-30T00:00:00Z&to=2030-04-01T00:00:00Z', afterWrite(other));
      expect(page.status).toBe(200);
      expect(page.body).toEqual({ items: [other.body], nextCursor: null });
      const all = await get('/freeze-windows?limit=1');
      expect(all.body.items).toHaveLength(1);
      expect(all.body.nextCursor).toEqual(expect.any(String));
      for (const query of ['from=yesterday', 'to=2030-03-01', 'from=2030-04-01T00:00:00Z&to=2030-03-01T00:00:00Z', 'colour=blue', 'cursor=bogus', 'limit=0']) {
        expectProblem(await get(`/freeze-windows?${query}`), 400);
      }
    });

    it('reads one window from its stream; 404 for an unknown one, 400 for a malformed id', async () => {
      expectProblem(await get(`/freeze-windows/${newId()}`), 404);
      expectProblem(await get('/freeze-windows/not-an-id'), 400);
    });
  });

  describe('POST /freeze-windows/:id/lift', () => {
    it('lifts a window (If-Match checked): it no longer counts; lifting again is 409', async () => {
      const created = await post('/freeze-windows', { ...freeze, name: 'To lift', from: '2030-05-01T00:00:00Z', to: '2030-05-02T00:00:00Z' });
      expectProblem(await post(`/freeze-windows/${created.body.id}/lift`, { reason: 'No longer needed' }, { 'if-match': '"7"' }), 412);
      const lifted = await post(`/freeze-windows/${created.body.id}/lift`, { reason: 'No longer needed' }, { 'if-match': '"0"' });
      expect([lifted.status, lifted.body.state, lifted.body.liftReason, lifted.headers.get('etag')]).toEqual([200, 'lifted', 'No longer needed', '"1"']);
      expectProblem(await post(`/freeze-windows/${created.body.id}/lift`, { reason: 'again' }), 409);
      expectProblem(await post(`/freeze-windows/${newId()}/lift`, { reason: 'x' }), 404);
      expectProblem(await post(`/freeze-windows/${created.body.id}/lift`, { reason: '' }), 400);
    });
  });

  describe('GET /changes/:id/conflicts', () => {
    it('gives the live conflicts of a change, current at the next read after a major incident is accepted', async () => {
      const declared = await post('/freeze-windows', { ...freeze, name: 'Payroll audit', serviceIds: [payroll] });
      const before = await get(`/changes/${onPayroll}/conflicts`, afterWrite(declared));
      expect(before.status).toBe(200);
      expect(before.body.items.map((item: { kind: string }) => item.kind)).toEqual([
        'dependent-service-overlap',
        'freeze-window',
        'freeze-window',
        'implementer-double-booked',
      ]);
      expect(before.body.items[0]).toMatchObject({ serviceId: payroll, viaServiceId: payrollDb, changeId: onDb, changeNumber: 'CHG0000002' });

      const incidentId = newId();
      const accepted = await append(incidentStreamId(incidentId), [
        event('IncidentOpened', {
          incidentId, number: 'INC0000042', callerId: 'carol', shortDescription: 'down', description: 'spec', serviceId: payrollDb,
          offeringId: null, impact: 1, urgency: 1, priority: 'P1', state: 'new', openedAt: '2026-03-01T08:00:00.000Z',
        }),
        event('MajorIncidentProposed', { incidentId, justification: 'many', proposedBy: 'adam', proposedAt: '2026-03-01T08:05:00.000Z' }),
        event('MajorIncidentAccepted', { incidentId, acceptedBy: 'mia', acceptedAt: '2026-03-01T08:10:00.000Z' }),
      ]);
      const after = await get(`/changes/${onPayroll}/conflicts`, afterWrite(accepted));
      expect(after.body.items).toContainEqual({
        kind: 'major-incident',
        detail: 'Major incident INC0000042 is open on Payroll DB (SVC0000002), which Payroll (SVC0000001) depends on: normal and standard changes wait until it is resolved',
        serviceId: payroll,
        viaServiceId: payrollDb,
        incidentId,
        incidentNumber: 'INC0000042',
      });
    });

    it('answers 404 for a change it does not know, 400 for a malformed id or a query key, 401 without credentials, 403 for a requester', async () => {
      expectProblem(await get(`/changes/${newId()}/conflicts`), 404);
      expectProblem(await get('/changes/CHG0000001x/conflicts'), 400);
      expectProblem(await get(`/changes/${onPayroll}/conflicts?verbose=true`), 400);
      expectProblem(await call(api(`/changes/${onPayroll}/conflicts`)), 401);
      expectProblem(await get(`/changes/${onPayroll}/conflicts`, {}, await app.token(['requester'], 'rita')), 403);
    });
  });

  describe('GET /changes/schedule', () => {
    it('lists the changes holding a slot in [from, to) by planned start, each with its conflicts', async () => {
      const answer = await get('/changes/schedule?from=2030-03-10T00:00:00Z&to=2030-03-11T00:00:00Z&limit=1');
      expect(answer.status).toBe(200);
      expect(answer.body.items).toEqual([
        expect.objectContaining({
          id: onPayroll,
          number: 'CHG0000001',
          state: 'scheduled',
          plannedStart: '2030-03-10T10:00:00.000Z',
          implementer: { group: 'ops', agent: 'alice' },
          conflicts: expect.arrayContaining([expect.objectContaining({ kind: 'freeze-window' })]),
        }),
      ]);
      const next = await get(`/changes/schedule?from=2030-03-10T00:00:00Z&to=2030-03-11T00:00:00Z&limit=1&cursor=${answer.body.nextCursor}`);
      expect(next.body).toEqual({ items: [expect.objectContaining({ id: onDb, number: 'CHG0000002' })], nextCursor: null });
      expect((await get('/changes/schedule?from=2030-03-11T00:00:00Z&to=2030-03-12T00:00:00Z')).body).toEqual({ items: [], nextCursor: null });
    });

    it('refuses a missing, non-strict or reversed range, one over 366 days, unknown keys and foreign cursors with 400 problem+json', async () => {
      for (const query of [
        '',
        'from=2030-03-10T00:00:00Z',
        'from=2030-03-10&to=2030-03-11',
        'from=2030-03-10T00:00:00&to=2030-03-11T00:00:00',
        'from=2030-02-30T00:00:00Z&to=2030-03-11T00:00:00Z',
        'from=2030-03-11T00:00:00Z&to=2030-03-10T00:00:00Z',
        'from=2030-03-10T00:00:00Z&to=2030-03-10T00:00:00Z',
        'from=2030-01-01T00:00:00Z&to=2031-01-03T00:00:00Z',
        'from=2030-03-10T00:00:00Z&to=2030-03-11T00:00:00Z&state=scheduled',
        'from=2030-03-10T00:00:00Z&to=2030-03-11T00:00:00Z&cursor=bogus',
      ]) {
        const answer = await get(`/changes/schedule?${query}`);
        expectProblem(answer, 400);
        expect([query, answer.body.status]).toEqual([query, 400]);
      }
    });
  });

  it('publishes the routes in its OpenAPI document', async () => {
    const document = await call(`${app.baseUrl}/api/docs-json`);
    expect(Object.keys(document.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/changes/schedule',
        '/api/v1/changes/{id}/conflicts',
        '/api/v1/freeze-windows',
        '/api/v1/freeze-windows/{id}',
        '/api/v1/freeze-windows/{id}/lift',
      ]),
    );
  });
});
