import { incidentStreamId, schemaVersionOf, serviceStreamId } from '@itsm/contracts';
import { newId, type NewEvent } from '@itsm/event-sourcing';
import { DEFAULT_RISK_POLICY } from '@itsm/changes-domain';
import { changesApplicationProjections } from '@itsm/changes-application';
import { changesProjections, createChangesReadModels } from '@itsm/changes-read-models';
import { call, startChangesTestApp, type Answer, type ChangesTestApp } from './testing/changes-test-app';

const event = (type: string, data: object): NewEvent => ({
  type,
  data,
  schemaVersion: schemaVersionOf(type),
  metadata: { actor: { id: 'spec', role: 'admin' }, correlationId: newId() },
});

const bestAnswers = Object.fromEntries(DEFAULT_RISK_POLICY.questionnaire.questions.map((question) => [question.id, question.answers[0].id]));

describe('changes API: the change use cases over HTTP (embedded shape: PGlite, gateway conventions, projections, processes)', () => {
  let app: ChangesTestApp;
  const tokens: Record<string, string> = {};
  const service = newId();
  const api = (path: string) => `${app.baseUrl}/api/v1${path}`;
  const as = (who: string, extra: Record<string, string> = {}) => ({ authorization: `Bearer ${tokens[who]}`, ...extra });
  const send = (method: string, path: string, body: unknown, who = 'mia', headers: Record<string, string> = {}) =>
    call(api(path), { method, headers: as(who, headers), ...(body === undefined ? {} : { body }) });
  const post = (path: string, body: unknown, who = 'mia', headers: Record<string, string> = {}) => send('POST', path, body, who, headers);
  const get = (path: string, who = 'adam', headers: Record<string, string> = {}) => call(api(path), { headers: as(who, headers) });
  const afterWrite = (write: Answer) => ({ 'x-wait-for-position': String(write.headers.get('x-log-position')) });
  const expectProblem = (answer: Answer, status: number) => {
    expect([answer.status, answer.headers.get('content-type')]).toEqual([status, expect.stringMatching(/^application\/problem\+json/)]);
  };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read field by field, as a client would
  const body = (answer: Answer) => answer.body as Record<string, any>;

  const change = (overrides: Record<string, unknown> = {}) => ({
    type: 'normal',
    shortDescription: 'Upgrade the payroll database',
    description: 'PostgreSQL 15 to 16',
    justification: 'Version 15 leaves support',
    serviceIds: [service],
    implementationPlan: 'pg_upgrade',
    backoutPlan: 'Restore the snapshot',
    testPlan: 'Payroll smoke tests',
    plannedStart: '2030-03-10T20:00:00Z',
    plannedEnd: '2030-03-10T22:00:00Z',
    implementer: { group: 'dba-team', agent: 'dba-1' },
    ...overrides,
  });
  const raise = async (overrides: Record<string, unknown> = {}, who = 'rita') => {
    const raised = await post('/changes', change(overrides), who);
    expect(raised.status).toBe(201);
    return body(raised).id as string;
  };
  const revisionOf = async (id: string) => Number(JSON.parse((await get(`/changes/${id}`)).headers.get('etag') as string));
  const assess = (id: string, who = 'mia') => post(`/changes/${id}/assess`, { answers: bestAnswers, expectedOutageMinutes: 0 }, who);
  /** Raised, submitted and assessed low: the technical stage (any one approver) is open. */
  const inAuthorize = async () => {
    const id = await raise();
    await post(`/changes/${id}/submit`, undefined, 'rita');
    expect((await assess(id)).status).toBe(200);
    return id;
  };

  beforeAll(async () => {
    app = await startChangesTestApp(createChangesReadModels, [...changesProjections, ...changesApplicationProjections()]);
    for (const [who, role] of [['rita', 'requester'], ['ruth', 'requester'], ['adam', 'agent'], ['dba-1', 'agent'], ['mia', 'change-manager'], ['carl', 'cab-member'], ['cleo', 'cab-member'], ['audrey', 'auditor']] as const) {
      tokens[who] = await app.token([role], who);
    }
    const position = (
      await app.store.appendToStream(
        serviceStreamId(service),
        [event('ServiceRegistered', { serviceId: service, number: 'SVC0000001', name: 'Payroll', kind: 'technical', description: 'spec', ownerGroup: 'o', supportGroup: 's', criticality: 'low', lifecycle: 'live', registeredAt: '2026-01-01T00:00:00.000Z' })],
        { expectedRevision: 'no-stream' },
      )
    ).lastGlobalPosition;
    await app.caughtUp(position, ['ServiceRegistered']);
  }, 60_000);
  afterAll(() => app?.close());

  describe('POST /changes and GET /changes/:id', () => {
    it('raises a change for a requester: 201, ETag, Location; the change reads back by id and by number, with its material hash', async () => {
      const raised = await post('/changes', change(), 'rita');
      expect([raised.status, raised.headers.get('etag'), raised.headers.get('location')]).toEqual([201, '"0"', `/api/v1/changes/${body(raised).id}`]);
      expect(body(raised)).toMatchObject({ number: expect.stringMatching(/^CHG\d{7}$/), state: 'new', requesterId: 'rita', risk: null, approvals: null, revision: 0 });

      const read = await get(`/changes/${body(raised).id}`);
      expect([read.status, read.headers.get('etag')]).toEqual([200, '"0"']);
      expect(body(read)).toMatchObject({ id: body(raised).id, materialHash: expect.stringMatching(/^[0-9a-f]{64}$/), causedIncidents: [], outcome: null, review: null });
      const byNumber = await get(`/changes/${body(raised).number}`, 'adam', afterWrite(raised));
      expect([byNumber.status, body(byNumber).id]).toEqual([200, body(raised).id]);
    });

    it('answers 404 for an unknown change or number, 400 for a malformed one, and a requester sees only their own', async () => {
      expectProblem(await get(`/changes/${newId()}`), 404);
      expectProblem(await get('/changes/CHG9999999'), 404);
      expectProblem(await get('/changes/not-a-change'), 400);
      const id = await raise({}, 'rita');
      expectProblem(await get(`/changes/${id}`, 'ruth'), 404);
      expect((await get(`/changes/${id}`, 'rita')).status).toBe(200);
      expect((await get(`/changes/${id}`, 'audrey')).status).toBe(200);
    });

    it('gives the change as it was at an instant with ?asOf=, 404 before it was raised', async () => {
      const before = new Date().toISOString();
      const id = await raise();
      const raisedAt = new Date().toISOString();
      await new Promise((resume) => setTimeout(resume, 5));
      await post(`/changes/${id}/submit`, {}, 'rita');
      expect(body(await get(`/changes/${id}?asOf=${raisedAt}`)).state).toBe('new');
      expect(body(await get(`/changes/${id}`)).state).toBe('assess');
      expectProblem(await get(`/changes/${id}?asOf=${before}`), 404);
      expectProblem(await get(`/changes/${id}?asOf=yesterday`), 400);
    });
  });

  describe('PATCH /changes/:id', () => {
    it('edits only the fields sent, with If-Match: a stale ETag is 412 and changes nothing', async () => {
      const id = await raise();
      const stale = await send('PATCH', `/changes/${id}`, { testPlan: 'More tests' }, 'rita', { 'if-match': '"7"' });
      expectProblem(stale, 412);
      const edited = await send('PATCH', `/changes/${id}`, { testPlan: 'More tests' }, 'rita', { 'if-match': '"0"' });
      expect([edited.status, edited.headers.get('etag'), body(edited).testPlan, body(edited).description]).toEqual([200, '"1"', 'More tests', 'PostgreSQL 15 to 16']);
    });

    it('answers 400 for an unknown field, a null, a bad date or a bad implementer, and writes nothing', async () => {
      const id = await raise();
      for (const bad of [{ color: 'red' }, { shortDescription: null }, { plannedStart: '2030-03-10 20:00' }, { implementer: { team: 'x' } }, { serviceIds: [] }]) {
        expectProblem(await send('PATCH', `/changes/${id}`, bad, 'rita'), 400);
      }
      expect(await revisionOf(id)).toBe(0);
    });

    it('answers 409 with the decider’s reason, 403 to a cab member, 404 to another requester', async () => {
      const id = await raise();
      const refused = await send('PATCH', `/changes/${id}`, { plannedEnd: '2030-03-10T19:00:00Z' }, 'rita');
      expectProblem(refused, 409);
      expect(body(refused).detail).toMatch(/end/i);
      expectProblem(await send('PATCH', `/changes/${id}`, { testPlan: 'x' }, 'carl'), 403);
      expectProblem(await send('PATCH', `/changes/${id}`, { testPlan: 'x' }, 'ruth'), 404);
    });

    it('lapses approvals on a material edit and re-assesses at once: a new round opens', async () => {
      const id = await inAuthorize();
      const edited = await send('PATCH', `/changes/${id}`, { implementationPlan: 'pg_upgrade --link' }, 'rita');
      expect(edited.status).toBe(200);
      expect(body(edited)).toMatchObject({ state: 'authorize', riskAssessmentDue: false, approvals: { round: 2, status: 'pending', currentStage: 'technical' } });
    });
  });

  describe('the lifecycle: type, submit, assess, approvals, start, complete, review, close, cancel', () => {
    it('switches the type of a new change with POST /changes/:id/type', async () => {
      const id = await raise();
      const switched = await post(`/changes/${id}/type`, { type: 'emergency' }, 'rita');
      expect([switched.status, body(switched).type]).toEqual([200, 'emergency']);
      expectProblem(await post(`/changes/${id}/type`, { type: 'urgent' }, 'rita'), 400);
      expectProblem(await post(`/changes/${id}/type`, { type: 'standard' }, 'rita'), 409);
    });

    it('submits (no body or {}), refusing any field', async () => {
      const id = await raise();
      expectProblem(await post(`/changes/${id}/submit`, { now: true }, 'rita'), 400);
      const submitted = await post(`/changes/${id}/submit`, undefined, 'rita');
      expect([submitted.status, body(submitted).state]).toEqual([200, 'assess']);
      expectProblem(await post(`/changes/${id}/submit`, {}, 'rita'), 409);
    });

    it('assesses the risk for a change manager: the level, policy version and reasons, and the approval stages', async () => {
      const id = await raise();
      await post(`/changes/${id}/submit`, {}, 'rita');
      expectProblem(await assess(id, 'adam'), 403);
      expectProblem(await post(`/changes/${id}/assess`, { answers: bestAnswers }, 'mia'), 400);
      expectProblem(await post(`/changes/${id}/assess`, { answers: ['fully'], expectedOutageMinutes: 0 }, 'mia'), 400);
      const incomplete = await post(`/changes/${id}/assess`, { answers: { tested: 'fully' }, expectedOutageMinutes: 0 }, 'mia');
      expectProblem(incomplete, 409);
      expect(body(incomplete).detail).toMatch(/questionnaire is incomplete/);
      const assessed = await post(`/changes/${id}/assess`, { answers: bestAnswers, expectedOutageMinutes: 90 }, 'mia');
      expect(assessed.status).toBe(200);
      expect(body(assessed)).toMatchObject({
        state: 'authorize',
        risk: { level: 'high', policyVersion: DEFAULT_RISK_POLICY.version, reasons: ['Expected outage is 90 minutes (≥ 60)', expect.stringMatching(/outage/i)] },
        approvals: {
          round: 1,
          status: 'pending',
          currentStage: 'technical',
          stages: [
            { name: 'technical', quorum: { rule: 'any' }, approvers: [], veto: false, status: 'open', decisions: [] },
            { name: 'cab', quorum: { rule: 'n-of-m', n: 2 }, approvers: [], veto: true, status: 'waiting', decisions: [] },
          ],
        },
      });
    });

    it('takes approval decisions from cab members (the caller is the approver), on the content they saw; replays an Idempotency-Key', async () => {
      const id = await inAuthorize();
      const seen = body(await get(`/changes/${id}`)).materialHash as string;
      expectProblem(await post(`/changes/${id}/approvals`, { decision: 'approve' }, 'adam'), 403);
      expectProblem(await post(`/changes/${id}/approvals`, { decision: 'maybe' }, 'carl'), 400);
      expectProblem(await post(`/changes/${id}/approvals`, { decision: 'approve', seenHash: 'abc' }, 'carl'), 400);
      const stale = await post(`/changes/${id}/approvals`, { decision: 'approve', seenHash: 'f'.repeat(64) }, 'carl');
      expectProblem(stale, 409);
      expect(body(stale).detail).toMatch(/has changed since carl saw it/);

      const key = { 'idempotency-key': `approve-${id}` };
      const approved = await post(`/changes/${id}/approvals`, { decision: 'approve', comment: 'Looks fine', seenHash: seen }, 'carl', key);
      expect(approved.status).toBe(200);
      expect(body(approved)).toMatchObject({
        state: 'scheduled',
        approvals: { status: 'approved', stages: [{ name: 'technical', status: 'approved', decisions: [{ approverId: 'carl', decision: 'approve', comment: 'Looks fine', seenHash: seen }] }] },
      });
      const replayed = await post(`/changes/${id}/approvals`, { decision: 'approve', comment: 'Looks fine', seenHash: seen }, 'carl', key);
      expect([replayed.status, replayed.headers.get('idempotent-replayed'), replayed.body]).toEqual([200, 'true', approved.body]);
      expectProblem(await post(`/changes/${id}/approvals`, { decision: 'reject', comment: 'Changed my mind' }, 'carl', key), 422);
    });

    it('refuses an approval by the change’s requester acting as change manager (separation of duties)', async () => {
      const id = await inAuthorize();
      const mine = await post(`/changes/${id}/approvals`, { decision: 'approve' }, 'mia');
      expect(mine.status).toBe(200);
      const own = await raise({}, 'mia');
      await post(`/changes/${own}/submit`, {}, 'mia');
      await assess(own);
      const refused = await post(`/changes/${own}/approvals`, { decision: 'approve' }, 'mia');
      expectProblem(refused, 409);
      expect(body(refused).detail).toMatch(/requester cannot approve or reject their own change/);
    });

    it('starts, completes, reviews and closes a change; a failed one closes only after its review', async () => {
      const id = await inAuthorize();
      await post(`/changes/${id}/approvals`, { decision: 'approve' }, 'carl');
      expectProblem(await post(`/changes/${id}/start`, {}, 'rita'), 403);
      const started = await post(`/changes/${id}/start`, {}, 'dba-1');
      expect([started.status, body(started).state]).toEqual([200, 'implement']);
      expectProblem(await post(`/changes/${id}/complete`, { outcome: 'fine', notes: 'x' }, 'dba-1'), 400);
      const completed = await post(`/changes/${id}/complete`, { outcome: 'failed', notes: 'Backed out by hand' }, 'dba-1');
      expect(body(completed)).toMatchObject({ state: 'review', outcome: 'failed', completion: { outcome: 'failed', reviewRequired: true } });
      expectProblem(await post(`/changes/${id}/close`, {}, 'mia'), 409);
      expectProblem(await post(`/changes/${id}/close`, {}, 'dba-1'), 403);
      const reviewed = await post(`/changes/${id}/review`, { summary: 'Missed an index rebuild', followUpActions: ['Add it to the runbook'] }, 'mia');
      expect(body(reviewed).review).toMatchObject({ summary: 'Missed an index rebuild', lessons: null, followUpActions: ['Add it to the runbook'], reviewedBy: 'mia' });
      const closed = await post(`/changes/${id}/close`, undefined, 'mia');
      expect([closed.status, body(closed).state]).toEqual([200, 'closed']);
    });

    it('cancels with a reason (400 without), and answers 404 for an unknown change', async () => {
      const id = await raise();
      expectProblem(await post(`/changes/${id}/cancel`, {}, 'rita'), 400);
      expect(await revisionOf(id)).toBe(0);
      const canceled = await post(`/changes/${id}/cancel`, { reason: 'Superseded' }, 'rita');
      expect(body(canceled)).toMatchObject({ state: 'canceled', cancelReason: 'Superseded' });
      for (const action of ['submit', 'start', 'close', 'cancel']) expectProblem(await post(`/changes/${newId()}/${action}`, { ...(action === 'cancel' ? { reason: 'x' } : {}) }), 404);
      expectProblem(await post('/changes/CHG0000001/submit', {}), 400);
    });
  });

  describe('GET /changes and GET /changes/:id/history', () => {
    it('lists changes newest first with filters and cursor pages; a requester sees only their own', async () => {
      const group = `grp-${newId().slice(0, 8)}`;
      const first = await raise({ implementer: { group }, shortDescription: 'Rotate the certificates' }, 'ruth');
      const second = await raise({ implementer: { group }, type: 'emergency' }, 'rita');
      const last = await post('/changes', change({ implementer: { group } }), 'rita');
      const wait = afterWrite(last);
      const ids = async (query: string, who = 'adam') => ((body(await get(`/changes?implementerGroup=${group}${query}`, who, wait)).items) as { id: string }[]).map((item) => item.id);

      expect(await ids('')).toEqual([body(last).id, second, first]);
      expect(await ids('&type=emergency')).toEqual([second]);
      expect(await ids('&state=new&type=normal&type=emergency')).toEqual([body(last).id, second, first]);
      expect(await ids(`&serviceId=${service}&q=certif`)).toEqual([first]);
      expect(await ids('', 'ruth')).toEqual([first]);
      const page = body(await get(`/changes?implementerGroup=${group}&limit=2`, 'adam', wait));
      expect(page.items).toHaveLength(2);
      const next = body(await get(`/changes?implementerGroup=${group}&limit=2&cursor=${page.nextCursor}`));
      expect([next.items.map((item: { id: string }) => item.id), next.nextCursor]).toEqual([[first], null]);
      expect(body(await get(`/changes?implementerGroup=${group}`, 'adam', wait)).items[0]).toMatchObject({
        id: body(last).id, number: body(last).number, type: 'normal', state: 'new', riskLevel: null, serviceIds: [service],
        implementer: { group, agent: null }, requesterId: 'rita', outcome: null, revision: 0,
      });
      for (const bad of ['state=open', 'risk=extreme', 'serviceId=x', 'cursor=bm9wZQ', 'color=red', 'limit=0']) expectProblem(await get(`/changes?${bad}`), 400);
    });

    it('gives the field-level history (who, when, field, old → new, event type, revision), with ?asOf=', async () => {
      const id = await raise({}, 'rita');
      const asOf = new Date().toISOString();
      await new Promise((resume) => setTimeout(resume, 5));
      await send('PATCH', `/changes/${id}`, { testPlan: 'More tests' }, 'rita');
      const submitted = await post(`/changes/${id}/submit`, {}, 'rita');
      const history = body(await get(`/changes/${id}/history`, 'adam', afterWrite(submitted))).items as Record<string, unknown>[];
      expect(history.filter((line) => (line.revision as number) > 0)).toEqual([
        { revision: 1, at: expect.any(String), actor: 'rita', field: 'testPlan', oldValue: 'Payroll smoke tests', newValue: 'More tests', eventType: 'ChangeUpdated' },
        { revision: 2, at: expect.any(String), actor: 'rita', field: 'state', oldValue: 'new', newValue: 'assess', eventType: 'ChangeSubmitted' },
      ]);
      const then = body(await get(`/changes/${id}/history?asOf=${asOf}`)).items as { revision: number }[];
      expect(then.every((line) => line.revision === 0)).toBe(true);
      expectProblem(await get(`/changes/${newId()}/history`), 404);
    });
  });

  describe('incidents caused by a change', () => {
    it('shows an incident linked as caused-by on the change, once, when the link’s position is awaited', async () => {
      const id = await raise();
      const incidentId = newId();
      const { lastGlobalPosition } = await app.store.appendToStream(
        incidentStreamId(incidentId),
        [
          event('IncidentOpened', { incidentId, number: 'INC0000077', callerId: 'carol', shortDescription: 'Payroll slow', description: 'spec', serviceId: service, offeringId: null, impact: 2, urgency: 2, priority: 'P3', state: 'new', openedAt: '2030-03-11T08:00:00.000Z' }),
          event('IncidentLinkedToChange', { incidentId, changeId: id, changeNumber: 'CHG0000001', relation: 'caused-by', linkedAt: '2030-03-11T09:00:00.000Z' }),
        ],
        { expectedRevision: 'no-stream' },
      );
      const read = await get(`/changes/${id}`, 'adam', { 'x-wait-for-position': String(lastGlobalPosition) });
      expect(body(read).causedIncidents).toEqual([{ incidentId, incidentNumber: 'INC0000077', linkedAt: '2030-03-11T09:00:00.000Z' }]);
      expect(read.headers.get('etag')).toBe('"1"');
    });
  });

  it('publishes every change route in its OpenAPI document', async () => {
    const document = body(await call(`${app.baseUrl}/api/docs-json`)) as { paths: Record<string, Record<string, unknown>> };
    const paths = document.paths;
    expect(Object.keys(paths['/api/v1/changes'])).toEqual(expect.arrayContaining(['get', 'post']));
    expect(Object.keys(paths['/api/v1/changes/{id}'])).toEqual(expect.arrayContaining(['get', 'patch']));
    for (const action of ['type', 'submit', 'assess', 'approvals', 'start', 'complete', 'review', 'close', 'cancel']) expect(paths[`/api/v1/changes/{id}/${action}`]).toHaveProperty('post');
    expect(paths['/api/v1/changes/{id}/history']).toHaveProperty('get');
  });
});
