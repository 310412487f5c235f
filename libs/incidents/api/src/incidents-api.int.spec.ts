import {
  incidentProjections,
  createIncidentReadModels,
} from '@itsm/incidents-read-models';
import {
  call,
  eventually,
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
  const get = (token: string, path: string) =>
    call(api(path), { headers: as(token) });
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
    expect(read.body).toMatchObject({
      state: 'closed',
      assignmentGroup: 'service-desk',
      assignee: 'adam',
      resolution: null,
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
    expect(
      (await post(agent, `/incidents/${parent.id}/major`, { action: 'accept' }))
        .body.majorStatus,
    ).toBe('accepted');
    const patched = await call(api(`/incidents/${parent.id}`), {
      method: 'PATCH',
      headers: as(agent),
      body: { impact: 1, urgency: 1 },
    });
    expect([patched.status, patched.body.priority]).toEqual([200, 'P1']);
    expect(
      (
        await post(agent, `/incidents/${child.id}/link`, {
          kind: 'parent',
          parentIncidentId: parent.id,
        })
      ).body.parentIncidentId,
    ).toBe(parent.id);
    const change = {
      kind: 'change',
      changeId: '0190f3a4-0000-7000-8000-000000000001',
      changeNumber: 'CHG0000001',
      relation: 'caused-by',
    };
    expect(
      (await post(agent, `/incidents/${parent.id}/link`, change)).body
        .changeLinks,
    ).toEqual([
      {
        changeId: change.changeId,
        changeNumber: 'CHG0000001',
        relation: 'caused-by',
      },
    ]);
    const children = await get(agent, `/incidents/${parent.id}/children`);
    expect(children.body.items.map((item: { id: string }) => item.id)).toEqual([
      child.id,
    ]);
    await post(agent, `/incidents/${parent.id}/start`);
    await post(agent, `/incidents/${parent.id}/resolve`, {
      code: 'solved-permanently',
      notes: 'Fixed the router',
    });
    expect((await get(agent, `/incidents/${child.id}`)).body.state).toBe(
      'resolved',
    );
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
    const others = (await open(otherRequester)).body;
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
    const mine = await eventually(async () => {
      const page = await get(requester, '/incidents?limit=100');
      return page.body.items.some((item: { id: string }) => item.id === own.id)
        ? page
        : null;
    });
    expect(
      mine.body.items.every(
        (item: { callerId: string }) => item.callerId === 'rita',
      ),
    ).toBe(true);
    const all = await eventually(async () => {
      const page = await get(auditor, '/incidents?limit=100');
      return page.body.items.some(
        (item: { id: string }) => item.id === others.id,
      )
        ? page
        : null;
    });
    expect(
      all.body.items.map((item: { callerId: string }) => item.callerId),
    ).toEqual(expect.arrayContaining(['rita', 'otto']));
  });

  it('lists with filters and cursor pages', async () => {
    const marker = `zebra${Date.now()}`;
    const first = (
      await open(agent, { shortDescription: `${marker} printer jam` })
    ).body;
    const second = (
      await open(agent, { shortDescription: `${marker} printer offline` })
    ).body;
    await post(agent, `/incidents/${second.id}/assign`, { group: 'printing' });
    const byText = await eventually(async () => {
      const page = await get(agent, `/incidents?q=${marker}&limit=1`);
      return page.body.nextCursor ? page : null;
    });
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
    const queue = await eventually(async () => {
      const page = await get(
        agent,
        '/incidents?assignmentGroup=printing&state=assigned',
      );
      return page.body.items.length > 0 ? page : null;
    });
    expect(queue.body.items.map((item: { id: string }) => item.id)).toEqual([
      second.id,
    ]);
    expect((await get(agent, '/incidents?state=sleeping')).status).toBe(400);
    expect((await get(agent, '/incidents?breached=maybe')).status).toBe(400);
    expect((await get(agent, '/incidents?cursor=not-a-cursor!')).status).toBe(
      400,
    );
  });

  it('shows the history as field changes: who, when, field, old → new', async () => {
    const { id } = (await open(agent)).body;
    await post(agent, `/incidents/${id}/assign`, {
      group: 'service-desk',
      agent: 'adam',
    });
    const history = await eventually(async () => {
      const answer = await get(agent, `/incidents/${id}/history`);
      return answer.body.items.some(
        (item: { field: string }) => item.field === 'assignee',
      )
        ? answer
        : null;
    });
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

  it('answers 404 for an unknown incident and 400 for a malformed id', async () => {
    expect(
      (await get(agent, '/incidents/0190f3a4-0000-7000-8000-00000000abcd'))
        .status,
    ).toBe(404);
    expect((await get(agent, '/incidents/not-a-uuid')).status).toBe(400);
  });
});
