import {
  incidentProjections,
  createIncidentReadModels,
} from '@itsm/incidents-read-models';
import {
  call,
  startIncidentsTestApp,
  type Answer,
  type IncidentsTestApp,
  type PublishedService,
} from './testing/incidents-test-app';

const targets = Object.fromEntries(
  ['P1', 'P2', 'P3', 'P4', 'P5'].map((p, i) => [
    p,
    { responseMinutes: 30 * (i + 1), resolutionMinutes: 240 * (i + 1) },
  ]),
) as Parameters<IncidentsTestApp['publishService']>[1];
const allDay = {
  name: '24x7',
  timeZone: 'UTC',
  weeklyHours: (['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const).map(
    (day) => ({ day, from: '00:00', to: '24:00' }),
  ),
  holidays: [],
};

describe('incidents API (embedded shape: PGlite, gateway conventions, projections)', () => {
  let app: IncidentsTestApp;
  let service: PublishedService;
  let agent: string;
  let requester: string;
  let otherRequester: string;
  let auditor: string;
  let incidentManager: string;
  const api = (path: string) => `${app.baseUrl}/api/v1${path}`;
  const as = (token: string, extra: Record<string, string> = {}) => ({
    authorization: `Bearer ${token}`,
    ...extra,
  });
  const post = (
    token: string,
    path: string,
    body: unknown = {},
    headers: Record<string, string> = {},
  ) => call(api(path), { method: 'POST', headers: as(token, headers), body });
  const get = (
    token: string,
    path: string,
    headers: Record<string, string> = {},
  ) => call(api(path), { headers: as(token, headers) });
  /** Read-your-writes: a read that waits for the log position a write answered with. */
  const afterWrite = (write: Answer) => ({
    'x-wait-for-position': write.headers.get('x-log-position') ?? '0',
  });
  const open = async (
    token: string,
    fields: Record<string, unknown> = {},
  ): Promise<Answer> => {
    const answer = await post(token, '/incidents', {
      shortDescription: 'Mail does not arrive',
      description: 'No external mail since 09:00',
      serviceId: service.serviceId,
      impact: 2,
      urgency: 2,
      ...fields,
    });
    expect(answer.status).toBe(201);
    return answer;
  };
  const sleep = (ms: number) =>
    new Promise((resolve) => setTimeout(resolve, ms));

  beforeAll(async () => {
    app = await startIncidentsTestApp(
      createIncidentReadModels,
      incidentProjections,
      '2026-03-02T08:00:00Z',
    );
    service = await app.publishService(allDay, targets);
    agent = await app.token(['agent'], 'adam');
    requester = await app.token(['requester'], 'rita');
    otherRequester = await app.token(['requester'], 'otto');
    auditor = await app.token(['auditor'], 'aud');
    incidentManager = await app.token(['incident-manager'], 'mona');
  });

  afterAll(() => app?.close());

  it('opens an incident with a number, priority from the matrix, an ETag, a Location and started SLA timers', async () => {
    const opened = await open(agent, {
      callerId: 'rita',
      impact: 1,
      urgency: 2,
    });
    expect(opened.body).toMatchObject({
      number: expect.stringMatching(/^INC\d{7}$/),
      state: 'new',
      priority: 'P2',
      callerId: 'rita',
    });
    expect(opened.headers.get('etag')).toBe(`"${opened.body.revision}"`);
    expect(opened.headers.get('location')).toBe(
      `/api/v1/incidents/${opened.body.id}`,
    );
    const sla = await get(agent, `/incidents/${opened.body.id}/sla`);
    expect(
      sla.body.timers.map(
        (timer: { kind: string; state: string; targetMinutes: number }) => [
          timer.kind,
          timer.state,
          timer.targetMinutes,
        ],
      ),
    ).toEqual([
      ['response', 'running', 60],
      ['resolution', 'running', 480],
    ]);
  });

  it('walks the lifecycle through the API: assign, start, hold, resume, resolve, close', async () => {
    const { id } = (await open(agent)).body;
    const steps: [string, unknown, string][] = [
      ['assign', { group: 'service-desk', agent: 'adam' }, 'assigned'],
      ['start', {}, 'in-progress'],
      ['hold', { reason: 'awaiting-vendor' }, 'on-hold'],
      ['resume', {}, 'in-progress'],
      [
        'resolve',
        { code: 'solved-permanently', notes: 'Relay restarted' },
        'resolved',
      ],
      ['close', {}, 'closed'],
    ];
    for (const [action, body, state] of steps) {
      const answer = await post(agent, `/incidents/${id}/${action}`, body);
      expect([action, answer.status, answer.body.state]).toEqual([
        action,
        200,
        state,
      ]);
      expect(answer.headers.get('etag')).toBe(`"${answer.body.revision}"`);
      expect(
        Number(answer.headers.get('x-log-position')),
      ).toBeGreaterThanOrEqual(0);
    }
    const read = await get(agent, `/incidents/${id}`);
    // Closing confirms the resolution: the closed incident still says how it was resolved.
    expect(read.body).toMatchObject({
      state: 'closed',
      assignmentGroup: 'service-desk',
      assignee: 'adam',
      resolution: { code: 'solved-permanently', notes: 'Relay restarted' },
    });
    const sla = await get(agent, `/incidents/${id}/sla`);
    expect(
      sla.body.timers.map((timer: { state: string }) => timer.state),
    ).toEqual(['met', 'met']);
  });

  it('works escalation, work log, major incident, priority change and parent/child links', async () => {
    const parent = (await open(agent)).body;
    const child = (await open(agent)).body;
    await post(agent, `/incidents/${parent.id}/assign`, {
      group: 'service-desk',
      agent: 'adam',
    });
    expect(
      (
        await post(agent, `/incidents/${parent.id}/escalate`, {
          kind: 'functional',
          toGroup: 'network',
          reason: 'routing',
        })
      ).body.assignmentGroup,
    ).toBe('network');
    expect(
      (
        await post(agent, `/incidents/${parent.id}/escalate`, {
          kind: 'hierarchical',
          reason: 'slow',
        })
      ).body.escalationLevel,
    ).toBe(1);
    expect(
      (
        await post(agent, `/incidents/${parent.id}/worklog`, {
          entry: 'Traced the route',
          minutesSpent: 25,
        })
      ).body.workLog,
    ).toEqual({ entries: 1, minutesSpent: 25 });
    expect(
      (
        await post(agent, `/incidents/${parent.id}/major`, {
          action: 'propose',
          justification: 'Whole site',
        })
      ).body.majorStatus,
    ).toBe('proposed');
    const acceptedByAgent = await post(agent, `/incidents/${parent.id}/major`, {
      action: 'accept',
    });
    expect(acceptedByAgent.status).toBe(403);
    const proposer = await app.token(['agent', 'incident-manager'], 'adam');
    const acceptedByProposer = await post(
      proposer,
      `/incidents/${parent.id}/major`,
      { action: 'accept' },
    );
    expect([acceptedByProposer.status, acceptedByProposer.body.detail]).toEqual([
      409,
      expect.stringContaining('someone else must accept it'),
    ]);
    expect(
      (
        await post(incidentManager, `/incidents/${parent.id}/major`, {
          action: 'accept',
        })
      ).body.majorStatus,
    ).toBe('accepted');
    const patched = await call(api(`/incidents/${parent.id}`), {
      method: 'PATCH',
      headers: as(agent),
      body: { impact: 1, urgency: 1 },
    });
    expect([patched.status, patched.body.priority]).toEqual([200, 'P1']);
    const linked = await post(agent, `/incidents/${child.id}/link`, {
      kind: 'parent',
      parentIncidentId: parent.id,
    });
    expect(linked.body.parentIncidentId).toBe(parent.id);
    const raised = await app.raiseChange();
    const change = {
      kind: 'change',
      changeId: raised.changeId,
      changeNumber: raised.changeNumber,
      relation: 'caused-by',
    };
    expect(
      (await post(agent, `/incidents/${parent.id}/link`, change)).body
        .changeLinks,
    ).toEqual([
      {
        changeId: change.changeId,
        changeNumber: raised.changeNumber,
        relation: 'caused-by',
      },
    ]);
    // The parent's side follows from the incident-hierarchy process: read after it, as a client would.
    const children = await get(
      agent,
      `/incidents/${parent.id}/children`,
      afterWrite(linked),
    );
    expect(children.body.items.map((item: { id: string }) => item.id)).toEqual([
      child.id,
    ]);
    await post(agent, `/incidents/${parent.id}/start`);
    const resolved = await post(agent, `/incidents/${parent.id}/resolve`, {
      code: 'solved-permanently',
      notes: 'Fixed the router',
    });
    expect(
      (await get(agent, `/incidents/${child.id}`, afterWrite(resolved))).body
        .state,
    ).toBe('resolved');
  });

  it('refuses a transition the lifecycle does not allow with 409 and the decider’s reason', async () => {
    const { id, number } = (await open(agent)).body;
    const refused = await post(agent, `/incidents/${id}/close`);
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toContain(
      'application/problem+json',
    );
    expect(refused.body.detail).toContain(number);
    const noAgent = await post(agent, `/incidents/${id}/start`);
    expect([noAgent.status, noAgent.body.detail]).toEqual([
      409,
      expect.stringContaining('assign it'),
    ]);
  });

  it('answers 412 to a stale If-Match and applies a current one', async () => {
    const opened = await open(agent);
    const etag = opened.headers.get('etag') ?? '';
    await post(agent, `/incidents/${opened.body.id}/assign`, {
      group: 'service-desk',
    });
    const stale = await post(
      agent,
      `/incidents/${opened.body.id}/assign`,
      { group: 'network' },
      { 'if-match': etag },
    );
    expect(stale.status).toBe(412);
    const current =
      (await get(agent, `/incidents/${opened.body.id}`)).headers.get('etag') ??
      '';
    const fresh = await post(
      agent,
      `/incidents/${opened.body.id}/assign`,
      { group: 'network' },
      { 'if-match': current },
    );
    expect([fresh.status, fresh.body.assignmentGroup]).toEqual([
      200,
      'network',
    ]);
  });

  it('lets requesters open and see only their own incidents; agents work them, auditors read all', async () => {
    const own = (await open(requester)).body;
    expect(own.callerId).toBe('rita');
    const othersOpened = await open(otherRequester);
    const others = othersOpened.body;
    expect(
      (
        await post(requester, '/incidents', {
          shortDescription: 'x',
          description: 'y',
          serviceId: service.serviceId,
          impact: 3,
          urgency: 3,
          callerId: 'otto',
        })
      ).status,
    ).toBe(403);
    expect((await get(requester, `/incidents/${own.id}`)).status).toBe(200);
    expect((await get(requester, `/incidents/${others.id}`)).status).toBe(404);
    expect((await get(requester, `/incidents/${others.id}/sla`)).status).toBe(
      404,
    );
    expect(
      (await get(requester, `/incidents/${others.id}/history`)).status,
    ).toBe(404);
    expect(
      (
        await post(requester, `/incidents/${own.id}/assign`, {
          group: 'service-desk',
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await post(auditor, `/incidents/${own.id}/assign`, {
          group: 'service-desk',
        })
      ).status,
    ).toBe(403);
    expect((await get(auditor, `/incidents/${others.id}`)).status).toBe(200);
    const mine = await get(
      requester,
      '/incidents?limit=100',
      afterWrite(othersOpened),
    );
    expect(mine.body.items.map((item: { id: string }) => item.id)).toContain(
      own.id,
    );
    expect(
      mine.body.items.every(
        (item: { callerId: string }) => item.callerId === 'rita',
      ),
    ).toBe(true);
    const all = await get(
      auditor,
      '/incidents?limit=100',
      afterWrite(othersOpened),
    );
    expect(
      all.body.items.map((item: { callerId: string }) => item.callerId),
    ).toEqual(expect.arrayContaining(['rita', 'otto']));
  });

  it('lets a requester reopen their own resolved incident, not another caller’s', async () => {
    const resolvedFor = async (token: string) => {
      const { id } = (await open(token)).body;
      for (const [action, body] of [
        ['assign', { group: 'service-desk', agent: 'adam' }],
        ['start', {}],
        ['resolve', { code: 'solved-permanently', notes: 'Relay restarted' }],
      ] as const) {
        expect((await post(agent, `/incidents/${id}/${action}`, body)).status).toBe(200);
      }
      return id;
    };
    const own = await resolvedFor(requester);
    const reopened = await post(requester, `/incidents/${own}/reopen`, {
      reason: 'Still no mail',
    });
    expect([reopened.status, reopened.body.state]).toEqual([200, 'in-progress']);
    const others = await resolvedFor(otherRequester);
    const refused = await post(requester, `/incidents/${others}/reopen`, {
      reason: 'Not mine',
    });
    expect([refused.status, refused.body.detail]).toEqual([
      409,
      expect.stringContaining('a requester reopens only their own incidents'),
    ]);
    expect((await get(agent, `/incidents/${others}`)).body.state).toBe('resolved');
  });

  it('opens right after a catalog write when X-Wait-For-Position names it: the open waits for the incidents’ catalog copy', async () => {
    const published = await app.publishService(allDay, targets, {
      waitForCopy: false,
    });
    const answer = await post(
      agent,
      '/incidents',
      {
        shortDescription: 'New service, first incident',
        description: '',
        serviceId: published.serviceId,
        impact: 2,
        urgency: 2,
      },
      { 'x-wait-for-position': String(published.position) },
    );
    expect([answer.status, answer.body.offeringId]).toEqual([
      201,
      published.offeringId,
    ]);
  });

  it('documents X-Wait-For-Position on opening an incident', async () => {
    const docs = await call(`${app.baseUrl}/api/docs-json`);
    const parameters: { name: string; in: string }[] =
      docs.body.paths['/api/v1/incidents'].post.parameters ?? [];
    expect(parameters).toContainEqual(
      expect.objectContaining({ name: 'X-Wait-For-Position', in: 'header' }),
    );
  });

  it('takes assignment in the lists’ words on assign, start and escalate; the old names stay as deprecated aliases', async () => {
    const { id } = (await open(agent)).body;
    const assigned = await post(agent, `/incidents/${id}/assign`, {
      assignmentGroup: 'service-desk',
      assignee: 'adam',
    });
    expect([assigned.status, assigned.body.assignmentGroup, assigned.body.assignee]).toEqual([200, 'service-desk', 'adam']);
    const both = await post(agent, `/incidents/${id}/assign`, { assignmentGroup: 'a', group: 'b' });
    expect([both.status, both.body.errors]).toEqual([
      400,
      [expect.objectContaining({ field: 'group', message: expect.stringContaining('deprecated name of assignmentGroup') })],
    ]);
    expect((await post(agent, `/incidents/${id}/assign`, { assignee: 'adam' })).status).toBe(400);
    const escalated = await post(agent, `/incidents/${id}/escalate`, {
      kind: 'functional',
      assignmentGroup: 'network',
      reason: 'routing',
    });
    expect([escalated.status, escalated.body.assignmentGroup]).toEqual([200, 'network']);

    const fresh = (await open(agent)).body;
    expect((await post(agent, `/incidents/${fresh.id}/start`, { assignee: 'adam' })).status).toBe(400);
    const started = await post(agent, `/incidents/${fresh.id}/start`, {
      assignmentGroup: 'service-desk',
      assignee: 'bea',
    });
    expect([started.status, started.body.state, started.body.assignee]).toEqual([200, 'in-progress', 'bea']);

    const schemas = (await call(`${app.baseUrl}/api/docs-json`)).body.components.schemas;
    expect([
      schemas.AssignIncidentRequest.properties.group.deprecated,
      schemas.AssignIncidentRequest.properties.agent.deprecated,
      schemas.StartIncidentRequest.properties.assignTo.deprecated,
      schemas.EscalateIncidentRequest.properties.toGroup.deprecated,
      schemas.IncidentHistoryEntryResponse.properties.position.deprecated,
    ]).toEqual([true, true, true, true, true]);
  });

  describe('links to a change by its number, its id or both, looked up in the incidents copy of changes', () => {
    const linkChange = (id: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
      post(agent, `/incidents/${id}/link`, { kind: 'change', ...body }, headers);
    /** The incident's revision and its links, read from its stream. */
    const stateOf = async (id: string) => {
      const read = await get(agent, `/incidents/${id}`);
      return { etag: read.headers.get('etag'), changeLinks: read.body.changeLinks };
    };

    it('by its number alone (as OpenAPI documents it): 200, and the incident shows the link with the id and the number', async () => {
      const { id } = (await open(agent)).body;
      const change = await app.raiseChange();
      const linked = await linkChange(id, { changeNumber: change.changeNumber });
      const link = { changeId: change.changeId, changeNumber: change.changeNumber, relation: 'related' };
      expect([linked.status, linked.body.changeLinks]).toEqual([200, [link]]);
      expect((await get(agent, `/incidents/${id}`)).body.changeLinks).toEqual([link]);
    });

    it('by its id alone, or by an id and a number of the same change', async () => {
      const { id } = (await open(agent)).body;
      const [first, second] = [await app.raiseChange(), await app.raiseChange()];
      const byId = await linkChange(id, { changeId: first.changeId, relation: 'caused-by' });
      expect([byId.status, byId.body.changeLinks]).toEqual([
        200,
        [{ changeId: first.changeId, changeNumber: first.changeNumber, relation: 'caused-by' }],
      ]);
      const both = await linkChange(id, { changeId: second.changeId, changeNumber: second.changeNumber });
      expect([both.status, both.body.changeLinks.at(-1)]).toEqual([
        200,
        { changeId: second.changeId, changeNumber: second.changeNumber, relation: 'related' },
      ]);
    });

    it('waits with X-Wait-For-Position for the copy to take in a change raised a moment ago', async () => {
      const { id } = (await open(agent)).body;
      const change = await app.raiseChange({ waitForCopy: false });
      const linked = await linkChange(id, { changeNumber: change.changeNumber }, { 'x-wait-for-position': String(change.position) });
      expect([linked.status, linked.body.changeLinks]).toEqual([
        200,
        [{ changeId: change.changeId, changeNumber: change.changeNumber, relation: 'related' }],
      ]);
      expect((await linkChange(id, { changeNumber: change.changeNumber, relation: 'caused-by' }, { 'x-wait-for-position': 'soon' })).status).toBe(400);
    });

    it('holds a link that names a position not yet written until the change written there is in the copy', async () => {
      const opened = await open(agent);
      // The next append starts at head + 1: the link can only go on once that write is in the copy of changes.
      const head = Number(opened.headers.get('x-log-position'));
      const waiting = linkChange(opened.body.id, { changeNumber: 'CHG0900001' }, { 'x-wait-for-position': String(head + 1) });
      const change = await app.raiseChange({ number: 'CHG0900001', waitForCopy: false });
      const linked = await waiting;
      expect([linked.status, linked.body.changeLinks]).toEqual([
        200,
        [{ changeId: change.changeId, changeNumber: 'CHG0900001', relation: 'related' }],
      ]);
    });

    it('answers an unknown change with 404 problem+json naming the number, and changes nothing', async () => {
      const { id } = (await open(agent)).body;
      const before = await stateOf(id);
      const unknown = await linkChange(id, { changeNumber: 'CHG9999999' });
      expect(unknown.status).toBe(404);
      expect(unknown.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(unknown.body).toMatchObject({ status: 404, title: 'Not found', detail: expect.stringContaining('No change with number CHG9999999') });
      expect((await linkChange(id, { changeId: '0190f3a4-0000-7000-8000-0000000000c9' })).status).toBe(404);
      expect(await stateOf(id)).toEqual(before);
    });

    it('refuses an id and a number of two different changes with 409 problem+json, and changes nothing', async () => {
      const { id } = (await open(agent)).body;
      const [first, second] = [await app.raiseChange(), await app.raiseChange()];
      const before = await stateOf(id);
      const mismatch = await linkChange(id, { changeId: first.changeId, changeNumber: second.changeNumber });
      expect(mismatch.status).toBe(409);
      expect(mismatch.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(mismatch.body.detail).toBe(
        `The change id ${first.changeId} and the change number ${second.changeNumber} do not name the same change: ` +
          `${first.changeId} is ${first.changeNumber}, ${second.changeNumber} is change ${second.changeId}. Send one of them, or both of the same change`,
      );
      expect((await linkChange(id, { changeId: first.changeId, changeNumber: 'CHG9999999' })).status).toBe(409);
      expect(await stateOf(id)).toEqual(before);
    });

    it('needs the number or the id (400 naming what is missing), each well-formed', async () => {
      const { id } = (await open(agent)).body;
      const neither = await linkChange(id, { relation: 'related' });
      expect([neither.status, neither.body.errors]).toEqual([
        400,
        [{ field: 'changeNumber', message: 'kind=change names the change: changeNumber, changeId or both' }],
      ]);
      const badNumber = await linkChange(id, { changeNumber: 'change 42' });
      expect([badNumber.status, badNumber.body.errors]).toEqual([
        400,
        [{ field: 'changeNumber', message: 'changeNumber must be a change number (CHG0000001)' }],
      ]);
      const badId = await linkChange(id, { changeId: 'chg-1', changeNumber: 'CHG0000001' });
      expect([badId.status, badId.body.errors.map((error: { field: string }) => error.field)]).toEqual([400, ['changeId']]);
      expect((await linkChange(id, { changeId: null })).status).toBe(400);
      expect((await get(agent, `/incidents/${id}`)).body.changeLinks).toEqual([]);
    });

    it('documents both as optional in OpenAPI, the number with its pattern, and X-Wait-For-Position on the route', async () => {
      const docs = (await call(`${app.baseUrl}/api/docs-json`)).body;
      const schema = docs.components.schemas.LinkIncidentRequest;
      expect(schema.required).toEqual(['kind']);
      expect(schema.properties.changeNumber).toMatchObject({ pattern: '^CHG\\d{7,}$', example: 'CHG0000001' });
      const headers = docs.paths['/api/v1/incidents/{id}/link'].post.parameters
        .filter((parameter: { in: string }) => parameter.in === 'header')
        .map((parameter: { name: string }) => parameter.name);
      expect(headers).toEqual(expect.arrayContaining(['X-Wait-For-Position', 'If-Match']));
    });
  });

  it('lists with filters and cursor pages', async () => {
    const marker = `zebra${Date.now()}`;
    const first = (
      await open(agent, { shortDescription: `${marker} printer jam` })
    ).body;
    const second = (
      await open(agent, { shortDescription: `${marker} printer offline` })
    ).body;
    const assigned = await post(agent, `/incidents/${second.id}/assign`, {
      group: 'printing',
    });
    const byText = await get(
      agent,
      `/incidents?q=${marker}&limit=1`,
      afterWrite(assigned),
    );
    expect(byText.body.nextCursor).toEqual(expect.any(String));
    const next = await get(
      agent,
      `/incidents?q=${marker}&limit=1&cursor=${byText.body.nextCursor}`,
    );
    expect(
      [...byText.body.items, ...next.body.items]
        .map((item: { id: string }) => item.id)
        .sort(),
    ).toEqual([first.id, second.id].sort());
    expect(next.body.nextCursor).toBeNull();
    const queue = await get(
      agent,
      '/incidents?assignmentGroup=printing&state=assigned',
      afterWrite(assigned),
    );
    expect(queue.body.items.map((item: { id: string }) => item.id)).toEqual([
      second.id,
    ]);
    const either = await get(
      agent,
      `/incidents?q=${marker}&state=new&state=assigned&priority=P3&priority=P1`,
      afterWrite(assigned),
    );
    expect(
      either.body.items.map((item: { id: string }) => item.id).sort(),
    ).toEqual([first.id, second.id].sort());
    const groups = await get(
      agent,
      `/incidents?q=${marker}&assignmentGroup=printing&assignmentGroup=nobody`,
    );
    expect(groups.body.items.map((item: { id: string }) => item.id)).toEqual([
      second.id,
    ]);
    expect(
      (await get(agent, '/incidents?state=new&state=sleeping')).status,
    ).toBe(400);
    expect((await get(agent, '/incidents?state=sleeping')).status).toBe(400);
    expect((await get(agent, '/incidents?breached=maybe')).status).toBe(400);
    expect((await get(agent, '/incidents?cursor=not-a-cursor!')).status).toBe(
      400,
    );
  });

  it('shows the history as field changes: who, when, field, old → new', async () => {
    const { id } = (await open(agent)).body;
    const assigned = await post(agent, `/incidents/${id}/assign`, {
      group: 'service-desk',
      agent: 'adam',
    });
    const history = await get(
      agent,
      `/incidents/${id}/history`,
      afterWrite(assigned),
    );
    expect(history.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          field: 'state',
          oldValue: 'new',
          newValue: 'assigned',
          actor: 'adam',
          eventType: 'IncidentAssigned',
        }),
        expect.objectContaining({
          field: 'assignmentGroup',
          oldValue: null,
          newValue: 'service-desk',
          actor: 'adam',
        }),
        expect.objectContaining({
          field: 'assignee',
          oldValue: null,
          newValue: 'adam',
        }),
      ]),
    );
    // The stream revision is `revision` (the ETag's number); `position` stays as a deprecated alias.
    expect(history.body.items[0]).toMatchObject({ revision: 0, position: 0 });
  });

  it('records the hold reason and the resolution notes in the history, and keeps the resolution after close', async () => {
    const { id } = (await open(agent)).body;
    for (const [action, body] of [
      ['assign', { group: 'service-desk', agent: 'adam' }],
      ['start', {}],
      ['hold', { reason: 'awaiting-vendor' }],
      ['resolve', { code: 'solved-workaround', notes: 'Rerouted the mail' }],
    ] as const) {
      expect((await post(agent, `/incidents/${id}/${action}`, body)).status).toBe(200);
    }
    const closed = await post(agent, `/incidents/${id}/close`);
    expect(closed.body.resolution).toMatchObject({ code: 'solved-workaround', notes: 'Rerouted the mail' });
    const history = await get(agent, `/incidents/${id}/history`, afterWrite(closed));
    const changes = history.body.items.map(
      (item: { field: string; oldValue: string | null; newValue: string | null }) => [item.field, item.oldValue, item.newValue],
    );
    expect(changes).toEqual(
      expect.arrayContaining([
        ['holdReason', null, 'awaiting-vendor'],
        ['holdReason', 'awaiting-vendor', null],
        ['resolutionNotes', null, 'Rerouted the mail'],
        ['state', 'resolved', 'closed'],
      ]),
    );
  });

  it('finds an incident by its number as well as by its id', async () => {
    const opened = await open(agent);
    const byNumber = await get(agent, `/incidents/${opened.body.number}`, afterWrite(opened));
    expect([byNumber.status, byNumber.body.id]).toEqual([200, opened.body.id]);
    for (const view of ['sla', 'history', 'children']) {
      expect([view, (await get(agent, `/incidents/${opened.body.number}/${view}`)).status]).toEqual([view, 200]);
    }
    expect((await get(agent, '/incidents/INC9999999')).status).toBe(404);
    expect((await get(agent, '/incidents/INC12')).status).toBe(400);
    const others = await open(otherRequester);
    expect(
      (await get(requester, `/incidents/${others.body.number}`, afterWrite(others))).status,
    ).toBe(404);
  });

  it('answers ?asOf on the SLA and the history with what stood at that instant; a malformed one is a 400', async () => {
    const { id } = (await open(agent)).body;
    await sleep(20);
    const beforeAssign = new Date();
    await sleep(20);
    await post(agent, `/incidents/${id}/assign`, { group: 'service-desk', agent: 'adam' });
    const started = await post(agent, `/incidents/${id}/start`);
    const history = await get(
      agent,
      `/incidents/${id}/history?asOf=${beforeAssign.toISOString()}`,
      afterWrite(started),
    );
    expect(
      history.body.items.every((item: { eventType: string }) => item.eventType === 'IncidentOpened'),
    ).toBe(true);
    const slaThen = await get(agent, `/incidents/${id}/sla?asOf=${beforeAssign.toISOString()}`);
    const slaNow = await get(agent, `/incidents/${id}/sla`);
    const responseTimer = (answer: Answer) =>
      answer.body.timers.find((timer: { kind: string }) => timer.kind === 'response').state;
    // Before work started the response timer was not met yet (running, or breached measured at the real instant
    // asOf names, since this app's clock stands still in the past); now it is.
    expect([slaThen.status, responseTimer(slaNow)]).toEqual([200, 'met']);
    expect(['running', 'breached']).toContain(responseTimer(slaThen));
    expect((await get(agent, `/incidents/${id}/sla?asOf=yesterday`)).status).toBe(400);
    expect((await get(agent, `/incidents/${id}/history?asOf=yesterday`)).status).toBe(400);
  });

  it('answers ?asOf with the incident as it was then, folded from the log', async () => {
    const beforeOpen = new Date();
    await sleep(20);
    const { id } = (await open(agent)).body;
    await post(agent, `/incidents/${id}/assign`, {
      group: 'service-desk',
      agent: 'adam',
    });
    await sleep(20);
    const assignedAt = new Date();
    await sleep(20);
    await post(agent, `/incidents/${id}/start`);
    expect((await get(agent, `/incidents/${id}`)).body.state).toBe(
      'in-progress',
    );
    const then = await get(
      agent,
      `/incidents/${id}?asOf=${assignedAt.toISOString()}`,
    );
    expect([then.status, then.body.state, then.body.assignee]).toEqual([
      200,
      'assigned',
      'adam',
    ]);
    expect(then.headers.get('etag')).toBe(`"${then.body.revision}"`);
    expect(
      (await get(agent, `/incidents/${id}?asOf=${beforeOpen.toISOString()}`))
        .status,
    ).toBe(404);
    expect((await get(agent, `/incidents/${id}?asOf=yesterday`)).status).toBe(
      400,
    );
  });

  it('reads its own writes: the list and the history wait for the X-Log-Position of a write named in X-Wait-For-Position', async () => {
    const marker = `walrus${Date.now()}`;
    const opened = await open(agent, {
      shortDescription: `${marker} VPN drops`,
    });
    const listed = await get(
      agent,
      `/incidents?q=${marker}`,
      afterWrite(opened),
    );
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((item: { id: string }) => item.id)).toEqual([
      opened.body.id,
    ]);

    const assigned = await post(agent, `/incidents/${opened.body.id}/assign`, {
      group: 'network',
      agent: 'adam',
    });
    expect(Number(assigned.headers.get('x-log-position'))).toBeGreaterThan(
      Number(opened.headers.get('x-log-position')),
    );
    const queue = await get(
      agent,
      `/incidents?q=${marker}&assignmentGroup=network&state=assigned`,
      afterWrite(assigned),
    );
    expect(queue.body.items).toEqual([
      expect.objectContaining({
        id: opened.body.id,
        state: 'assigned',
        assignee: 'adam',
      }),
    ]);
    const history = await get(
      agent,
      `/incidents/${opened.body.id}/history`,
      afterWrite(assigned),
    );
    expect(history.status).toBe(200);
    expect(history.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          field: 'assignee',
          newValue: 'adam',
          eventType: 'IncidentAssigned',
        }),
      ]),
    );
  });

  it('holds a list read that names a position not yet written until the write that reaches it is projected', async () => {
    const marker = `narwhal${Date.now()}`;
    const head = Number((await open(agent)).headers.get('x-log-position'));
    // The next append starts at head + 1: the read can only answer once that write is in the list.
    const waiting = get(agent, `/incidents?q=${marker}`, {
      'x-wait-for-position': String(head + 1),
    });
    const opened = await open(agent, { shortDescription: `${marker} late` });
    const listed = await waiting;
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((item: { id: string }) => item.id)).toEqual([
      opened.body.id,
    ]);
  });

  it('answers 400 problem+json to an X-Wait-For-Position that is not a log position', async () => {
    const { id } = (await open(agent)).body;
    for (const path of ['/incidents', `/incidents/${id}/history`]) {
      for (const value of ['soon', '-1', '1.5', '12345678901234567890']) {
        const answer = await get(agent, path, { 'x-wait-for-position': value });
        expect([path, value, answer.status]).toEqual([path, value, 400]);
        expect(answer.headers.get('content-type')).toContain(
          'application/problem+json',
        );
        expect(answer.body.errors).toEqual([
          expect.objectContaining({ field: 'X-Wait-For-Position' }),
        ]);
      }
    }
  });

  it('documents X-Wait-For-Position on the list and the history in the OpenAPI document', async () => {
    const document = (await call(`${app.baseUrl}/api/docs-json`)).body;
    for (const path of [
      '/api/v1/incidents',
      '/api/v1/incidents/{id}/history',
    ]) {
      expect([path, document.paths[path].get.parameters]).toEqual([
        path,
        expect.arrayContaining([
          expect.objectContaining({
            name: 'X-Wait-For-Position',
            in: 'header',
            required: false,
          }),
        ]),
      ]);
    }
  });

  it('answers 404 for an unknown incident and 400 for a malformed id', async () => {
    expect(
      (await get(agent, '/incidents/0190f3a4-0000-7000-8000-00000000abcd'))
        .status,
    ).toBe(404);
    expect((await get(agent, '/incidents/not-a-uuid')).status).toBe(400);
  });
});
