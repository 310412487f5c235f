import { incidentStreamId, schemaVersionOf, serviceStreamId } from '@itsm/contracts';
import { newId, type Clock, type NewEvent } from '@itsm/event-sourcing';
import { changesApplicationProjections } from '@itsm/changes-application';
import { changesProjections, createChangesReadModels } from '@itsm/changes-read-models';
import { call, startChangesTestApp, type Answer, type ChangesTestApp } from './testing/changes-test-app';

const event = (type: string, data: object): NewEvent => ({
  type,
  data,
  schemaVersion: schemaVersionOf(type),
  metadata: { actor: { id: 'spec', role: 'admin' }, correlationId: newId() },
});

/** The handlers' "now", moved by the spec. */
const clock = new (class implements Clock {
  current = new Date('2030-03-10T18:00:00.000Z');
  now = () => new Date(this.current);
  set = (at: string) => void (this.current = new Date(at));
})();

const PIPELINE_KEY = 'ci-pipeline-key-0123456789abcdef';

describe('changes API: the deployment gate for CI/CD pipelines (an integration with X-Api-Key, embedded shape)', () => {
  let app: ChangesTestApp;
  let manager: string;
  let requester: string;
  const [payments, ledger] = [newId(), newId()];
  const [restartTemplate, ledgerTemplate, unapprovedTemplate] = [newId(), newId(), newId()];
  const api = (path: string) => `${app.baseUrl}/api/v1${path}`;
  const pipeline = (extra: Record<string, string> = {}) => ({ 'x-api-key': PIPELINE_KEY, ...extra });
  const asPipeline = {
    post: (path: string, body?: unknown) => call(api(path), { method: 'POST', headers: pipeline(), ...(body === undefined ? {} : { body }) }),
    gate: (ref: string, extra: Record<string, string> = {}) => call(api(`/changes/${ref}/gate`), { headers: pipeline(extra) }),
  };
  const asManager = (path: string, body: unknown) => call(api(path), { method: 'POST', headers: { authorization: `Bearer ${manager}` }, body });
  const after = (write: Answer | number) => ({ 'x-wait-for-position': String(typeof write === 'number' ? write : write.headers.get('x-log-position')) });
  const append = async (streamId: string, events: NewEvent[]) => (await app.store.appendToStream(streamId, events, { expectedRevision: 'any' })).lastGlobalPosition;
  const expectProblem = (answer: Answer, status: number) => {
    expect([answer.status, answer.headers.get('content-type')]).toEqual([status, expect.stringMatching(/^application\/problem\+json/)]);
  };

  const standardChange = (overrides: Record<string, unknown> = {}) => ({
    type: 'standard',
    templateId: restartTemplate,
    shortDescription: 'Deploy payments build 42',
    description: 'Rolling deployment by the pipeline',
    justification: 'Release 42',
    serviceIds: [payments],
    implementationPlan: 'helm upgrade payments',
    backoutPlan: 'helm rollback payments',
    testPlan: 'Smoke tests in the pipeline',
    plannedStart: '2030-03-10T20:00:00Z',
    plannedEnd: '2030-03-10T22:00:00Z',
    implementer: { group: 'ci' },
    ...overrides,
  });

  beforeAll(async () => {
    app = await startChangesTestApp(createChangesReadModels, [...changesProjections, ...changesApplicationProjections()], {
      // The pipeline's key acts as an agent: it raises, submits, starts and completes changes, and reads their gate.
      env: { ITSM_API_KEYS: `ci-pipeline:agent:${PIPELINE_KEY}` },
      module: { clock },
    });
    manager = await app.token(['change-manager'], 'mia');
    requester = await app.token(['requester'], 'rita');
    const registered = (serviceId: string, sequence: number, name: string) =>
      event('ServiceRegistered', {
        serviceId, number: `SVC000000${sequence}`, name, kind: 'technical', description: 'spec', ownerGroup: 'owners', supportGroup: 'support',
        criticality: 'medium', lifecycle: 'live', registeredAt: '2026-01-01T00:00:00.000Z',
      });
    const template = (serviceId: string, templateId: string, preApproved: boolean) =>
      event('ChangeTemplateAdded', { serviceId, templateId, name: 'Rolling deployment', steps: ['deploy', 'smoke test'], preApproved });
    await append(serviceStreamId(ledger), [registered(ledger, 2, 'Ledger'), template(ledger, ledgerTemplate, true)]);
    const last = await append(serviceStreamId(payments), [
      registered(payments, 1, 'Payments'),
      template(payments, restartTemplate, true),
      template(payments, unapprovedTemplate, false),
    ]);
    await app.caughtUp(last, ['ChangeTemplateAdded']);
  });

  afterAll(() => app?.close());

  it('walks a standard change from its template: raised, submitted, awaiting its window, allowed, prevented by a freeze and a major incident, started, completed', async () => {
    clock.set('2030-03-10T18:00:00.000Z');
    const raised = await asPipeline.post('/changes', standardChange());
    expect(raised.status).toBe(201);
    expect(raised.body).toMatchObject({ type: 'standard', state: 'new', templateId: restartTemplate, requesterId: 'ci-pipeline' });
    const id = raised.body.id as string;
    const [raisedEvent] = await app.store.readStream(`change-${id}`);
    expect(raisedEvent.actor).toEqual({ id: 'ci-pipeline', role: 'agent', via: 'api-key' });

    const fresh = await asPipeline.gate(id);
    expect([fresh.status, fresh.headers.get('etag')]).toEqual([200, '"0"']);
    expect(fresh.body).toEqual({
      changeId: id, number: raised.body.number, type: 'standard', state: 'new', plannedStart: '2030-03-10T20:00:00.000Z', plannedEnd: '2030-03-10T22:00:00.000Z',
      verdict: 'awaiting', reason: `${raised.body.number} is new: submit it (a standard change is scheduled when submitted)`, blockingConflicts: [], conflicts: [],
      checkedAt: '2030-03-10T18:00:00.000Z',
    });

    // Pre-approved by its template: scheduled when submitted.
    const submitted = await asPipeline.post(`/changes/${id}/submit`, {});
    expect([submitted.status, submitted.body.state]).toEqual([200, 'scheduled']);
    expect((await asPipeline.gate(id)).body).toMatchObject({ verdict: 'awaiting', reason: `The window of ${raised.body.number} opens at 2030-03-10T20:00:00.000Z` });

    clock.set('2030-03-10T20:30:00.000Z');
    expect((await asPipeline.gate(id)).body).toMatchObject({ verdict: 'allowed', reason: `${raised.body.number} may be deployed until 2030-03-10T22:00:00.000Z`, blockingConflicts: [] });
    // By its number too (looked up in the change list).
    expect((await asPipeline.gate(raised.body.number, after(submitted))).body).toMatchObject({ changeId: id, verdict: 'allowed' });

    // A freeze on the service: prevented, naming it; the start is refused; lifted, allowed again.
    const freeze = await asManager('/freeze-windows', { name: 'Quarter close', reason: 'Finance closes the quarter', from: '2030-03-10T00:00:00Z', to: '2030-03-11T00:00:00Z', serviceIds: [payments] });
    expect(freeze.status).toBe(201);
    const frozen = await asPipeline.gate(id, after(freeze));
    expect(frozen.body).toMatchObject({
      verdict: 'prevented',
      reason: expect.stringMatching(new RegExp(`^${raised.body.number} is blocked: .*Quarter close`)),
      blockingConflicts: [expect.objectContaining({ kind: 'freeze-window', freezeWindowId: freeze.body.id, serviceId: payments })],
      conflicts: [expect.objectContaining({ kind: 'freeze-window' })],
    });
    expectProblem(await asPipeline.post(`/changes/${id}/start`, {}), 409);
    const lifted = await asManager(`/freeze-windows/${freeze.body.id}/lift`, { reason: 'Closed early' });
    expect(lifted.status).toBe(200);
    expect((await asPipeline.gate(id, after(lifted))).body).toMatchObject({ verdict: 'allowed', conflicts: [] });

    // An accepted major incident on the service (the incidents copy): the automatic freeze; resolved, allowed again.
    const incident = newId();
    const accepted = await append(incidentStreamId(incident), [
      event('IncidentOpened', {
        incidentId: incident, number: 'INC0000077', callerId: 'carol', shortDescription: 'Payments down', description: 'spec', serviceId: payments,
        offeringId: null, impact: 1, urgency: 1, priority: 'P1', state: 'new', openedAt: '2030-03-10T20:35:00.000Z',
      }),
      event('MajorIncidentProposed', { incidentId: incident, justification: 'all customers', proposedBy: 'agent-alice', proposedAt: '2030-03-10T20:36:00.000Z' }),
      event('MajorIncidentAccepted', { incidentId: incident, acceptedBy: 'manager-mia', acceptedAt: '2030-03-10T20:37:00.000Z' }),
    ]);
    expect((await asPipeline.gate(id, after(accepted))).body).toMatchObject({
      verdict: 'prevented',
      blockingConflicts: [expect.objectContaining({ kind: 'major-incident', incidentNumber: 'INC0000077' })],
    });
    const resolved = await append(incidentStreamId(incident), [
      event('IncidentResolved', {
        incidentId: incident, code: 'solved-permanently', notes: 'fixed', previousState: 'in-progress', state: 'resolved', childIncidentIds: [],
        resolvedWithParentIncidentId: null, resolvedAt: '2030-03-10T20:50:00.000Z',
      }),
    ]);
    expect((await asPipeline.gate(id, after(resolved))).body).toMatchObject({ verdict: 'allowed' });

    // Deployed: started and completed by the pipeline, with the outcome.
    const started = await asPipeline.post(`/changes/${id}/start`, {});
    expect([started.status, started.body.state]).toEqual([200, 'implement']);
    expect((await asPipeline.gate(id)).body).toMatchObject({ state: 'implement', verdict: 'allowed' });
    const completed = await asPipeline.post(`/changes/${id}/complete`, { outcome: 'successful', notes: 'Build 42 deployed, smoke tests green' });
    expect([completed.status, completed.body.state, completed.body.outcome]).toEqual([200, 'review', 'successful']);
    const done = await asPipeline.gate(id);
    expect(done.body).toMatchObject({ state: 'review', verdict: 'prevented', reason: expect.stringMatching(/already implemented \(successful\)/), conflicts: [] });
    expect(done.headers.get('etag')).toBe(`"${(await app.store.readStream(`change-${id}`)).length - 1}"`);
  });

  it('prevents a change whose window is over, and a canceled one', async () => {
    clock.set('2030-03-12T12:00:00.000Z');
    const late = await asPipeline.post('/changes', standardChange({ plannedStart: '2030-03-12T09:00:00Z', plannedEnd: '2030-03-12T11:00:00Z' }));
    await asPipeline.post(`/changes/${late.body.id}/submit`, {});
    expect((await asPipeline.gate(late.body.id)).body).toMatchObject({ verdict: 'prevented', reason: `The window of ${late.body.number} ended at 2030-03-12T11:00:00.000Z: reschedule it` });

    const dropped = await asPipeline.post('/changes', standardChange({ plannedStart: '2030-03-12T14:00:00Z', plannedEnd: '2030-03-12T15:00:00Z' }));
    expect((await asPipeline.post(`/changes/${dropped.body.id}/cancel`, { reason: 'Release pulled' })).status).toBe(200);
    expect((await asPipeline.gate(dropped.body.id)).body).toMatchObject({ state: 'canceled', verdict: 'prevented', reason: `${dropped.body.number} was canceled: Release pulled` });
  });

  it.each([
    ['a template the catalog never published', { templateId: newId() }, /is not in the catalog/],
    ['a template that is not pre-approved', { templateId: unapprovedTemplate }, /is not pre-approved: raise a normal change/],
    ['a template of a service the change does not touch', { templateId: ledgerTemplate }, /which the change does not touch/],
  ])('refuses a standard change from %s (409), writing nothing', async (_case, overrides, detail) => {
    const head = async () => (await app.store.readAll({ fromPosition: -1, maxCount: 100_000 })).events.length;
    const before = await head();
    const refused = await asPipeline.post('/changes', standardChange(overrides));
    expectProblem(refused, 409);
    expect(await head()).toBe(before);
    expect(refused.body.detail).toMatch(detail);
  });

  it('answers 401 to a wrong key, 404 to a requester asking about another’s change or to an unknown change, 400 to a malformed id', async () => {
    const raised = await asPipeline.post('/changes', standardChange());
    expectProblem(await call(api(`/changes/${raised.body.id}/gate`), { headers: { 'x-api-key': 'not-the-key' } }), 401);
    expectProblem(await call(api(`/changes/${raised.body.id}/gate`), { headers: { authorization: `Bearer ${requester}` } }), 404);
    expectProblem(await asPipeline.gate(newId()), 404);
    expectProblem(await asPipeline.gate('not-a-change'), 400);
  });

  it('documents the route in OpenAPI, with the API key among its security schemes', async () => {
    const document = await call(`${app.baseUrl}/api/docs-json`);
    const operation = document.body.paths['/api/v1/changes/{id}/gate'].get;
    expect(operation.responses['200']).toBeDefined();
    expect(operation.security).toEqual(expect.arrayContaining([{ 'api-key': [] }]));
  });
});
