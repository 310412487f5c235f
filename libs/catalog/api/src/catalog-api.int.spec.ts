import { newId } from '@itsm/event-sourcing';
import { catalogProjections, createCatalogReadModels } from '@itsm/catalog-read-models';
import { call, startCatalogTestApp, type Answer, type CatalogTestApp } from './testing/catalog-test-app';

const sla = (minutes: number) =>
  Object.fromEntries(['P1', 'P2', 'P3', 'P4', 'P5'].map((p, i) => [p, { responseMinutes: minutes * (i + 1), resolutionMinutes: minutes * (i + 1) * 8 }]));

describe('catalog API (embedded shape: PGlite, gateway conventions, projections)', () => {
  let app: CatalogTestApp;
  let owner: string;
  let agent: string;
  const api = (path: string) => `${app.baseUrl}/api/v1${path}`;
  const as = (token: string, extra: Record<string, string> = {}) => ({ authorization: `Bearer ${token}`, ...extra });
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) => call(api(path), { method: 'POST', headers: as(owner, headers), body });
  const get = (path: string, headers: Record<string, string> = {}) => call(api(path), { headers: as(agent, headers) });
  const afterWrite = (write: Answer) => ({ 'x-wait-for-position': write.headers.get('x-log-position') ?? '0' });

  const service = async (fields: Record<string, string> = {}) => {
    const answer = await post('/services', {
      name: `Service ${newId().slice(-6)}`,
      kind: 'business',
      description: 'spec',
      ownerGroup: 'owners',
      supportGroup: 'support',
      ...fields,
    });
    expect(answer.status).toBe(201);
    return answer;
  };

  beforeAll(async () => {
    app = await startCatalogTestApp(createCatalogReadModels, catalogProjections);
    owner = await app.token(['service-owner'], 'olivia');
    agent = await app.token(['agent'], 'adam');
  });

  afterAll(() => app?.close());

  it('registers a service with a number, an ETag, a Location and the actor and correlation id in its event', async () => {
    const created = await post(
      '/services',
      { name: 'Corporate Mail', kind: 'business', description: 'Mailboxes', ownerGroup: 'messaging', supportGroup: 'helpdesk' },
      { 'x-correlation-id': 'spec-register-1' },
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      number: expect.stringMatching(/^SVC\d{7}$/),
      lifecycle: 'pipeline',
      criticality: 'medium',
      revision: 0,
      offerings: [],
      costModel: null,
      maintenanceWindows: null,
    });
    expect(created.headers.get('etag')).toBe('"0"');
    expect(created.headers.get('location')).toBe(`/api/v1/services/${created.body.id}`);

    const [event] = await app.store.readStream(`service-${created.body.id}`);
    expect(event).toMatchObject({ type: 'ServiceRegistered', actor: { id: 'olivia', role: 'service-owner', via: 'bearer' }, correlationId: 'spec-register-1' });

    const read = await get(`/services/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
    expect(read.headers.get('etag')).toBe('"0"');

    const byNumber = await get(`/services/${created.body.number}`, afterWrite(created));
    expect([byNumber.status, byNumber.body]).toEqual([200, created.body]);
    expect((await get('/services/SVC9999999')).status).toBe(404);
    expect((await get('/services/SVC12')).status).toBe(400);
  });

  it('lists services from the read model with filters and cursor pages', async () => {
    const tag = newId().slice(-8);
    const a = await service({ name: `Alpha ${tag}`, kind: 'technical', ownerGroup: `net-${tag}` });
    const b = await service({ name: `Beta ${tag}`, kind: 'technical', ownerGroup: `net-${tag}` });
    const c = await service({ name: `Gamma ${tag}`, kind: 'business', ownerGroup: `net-${tag}` });
    const wait = afterWrite(c);

    const technical = await get(`/services?kind=technical&ownerGroup=net-${tag}`, wait);
    expect(technical.status).toBe(200);
    expect(technical.body.items.map((item: { id: string }) => item.id)).toEqual([a.body.id, b.body.id]);
    expect(technical.body.nextCursor).toBeNull();

    const byText = await get(`/services?q=${encodeURIComponent(`GAMMA ${tag}`)}`, wait);
    expect(byText.body.items).toEqual([c.body]);

    const page1 = await get(`/services?ownerGroup=net-${tag}&limit=2`, wait);
    expect(page1.body.items.map((item: { id: string }) => item.id)).toEqual([a.body.id, b.body.id]);
    const page2 = await get(`/services?ownerGroup=net-${tag}&limit=2&cursor=${page1.body.nextCursor}`);
    expect(page2.body).toEqual({ items: [c.body], nextCursor: null });

    const pipeline = await get(`/services?lifecycle=pipeline&ownerGroup=net-${tag}`, wait);
    expect(pipeline.body.items).toHaveLength(3);
  });

  it('updates with If-Match (200 and a new ETag), then refuses the stale ETag with 412', async () => {
    const created = await service();
    const id = created.body.id;
    const patched = await call(api(`/services/${id}`), { method: 'PATCH', headers: as(owner, { 'if-match': '"0"' }), body: { name: 'Renamed' } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ name: 'Renamed', revision: 1 });
    expect(patched.headers.get('etag')).toBe('"1"');

    const stale = await call(api(`/services/${id}`), { method: 'PATCH', headers: as(owner, { 'if-match': '"0"' }), body: { name: 'Lost' } });
    expect(stale.status).toBe(412);
    expect(stale.headers.get('content-type')).toContain('application/problem+json');
    expect((await get(`/services/${id}`)).body.name).toBe('Renamed');
  });

  it('takes a service live and retires it; a retired service refuses changes with 409 and the reason', async () => {
    const id = (await service()).body.id;
    const live = await post(`/services/${id}/go-live`, undefined);
    expect(live.status).toBe(200);
    expect(live.body.lifecycle).toBe('live');
    const retired = await post(`/services/${id}/retire`, { reason: 'replaced' }, { 'if-match': live.headers.get('etag') ?? '' });
    expect(retired.status).toBe(200);
    expect(retired.body.lifecycle).toBe('retired');

    const again = await post(`/services/${id}/retire`, {});
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ status: 409, type: 'urn:itsm:problem:illegal-transition', detail: expect.stringContaining('already retired') });
    const patch = await call(api(`/services/${id}`), { method: 'PATCH', headers: as(owner), body: { name: 'x' } });
    expect(patch.status).toBe(409);
    const listed = await get(`/services?lifecycle=retired`, afterWrite(retired));
    expect(listed.body.items.map((item: { id: string }) => item.id)).toContain(id);
  });

  it('creates calendars and offerings with SLA targets; lists them; refuses an unknown calendar', async () => {
    const calendar = await post('/calendars', {
      name: 'Office hours',
      timeZone: 'Europe/Berlin',
      weeklyHours: [{ day: 'mon', from: '09:00', to: '17:00' }],
      holidays: ['2026-12-25'],
    });
    expect(calendar.status).toBe(201);
    expect(calendar.headers.get('etag')).toBe('"0"');
    expect(calendar.body.number).toMatch(/^CAL\d{7}$/);
    expect((await get(`/calendars/${calendar.body.id}`)).body).toEqual(calendar.body);
    const calendars = await get('/calendars?limit=100', afterWrite(calendar));
    expect(calendars.body.items).toContainEqual(calendar.body);

    const id = (await service()).body.id;
    const gold = await post(`/services/${id}/offerings`, { name: 'Gold', calendarId: calendar.body.id, slaTargets: sla(15) });
    expect(gold.status).toBe(201);
    expect(gold.body).toMatchObject({ name: 'Gold', default: true, calendarId: calendar.body.id, slaTargets: sla(15) });
    const silver = await post(`/services/${id}/offerings`, { name: 'Silver', calendarId: calendar.body.id, default: true, slaTargets: sla(30) });
    expect(silver.body.default).toBe(true);

    const offerings = await get(`/services/${id}/offerings`, afterWrite(silver));
    expect(offerings.body.items.map((o: { name: string; default: boolean }) => [o.name, o.default])).toEqual([
      ['Gold', false],
      ['Silver', true],
    ]);
    // Every resource answers with `id`; `offeringId` stays as a deprecated alias.
    expect(gold.body.id).toEqual(expect.any(String));
    expect(gold.body.offeringId).toBe(gold.body.id);
    expect(offerings.body.items.map((o: { id: string; offeringId: string }) => [o.id, o.offeringId])).toEqual([
      [gold.body.id, gold.body.id],
      [silver.body.id, silver.body.id],
    ]);
    expect((await get(`/services/${id}`)).body.offerings).toEqual([
      { id: gold.body.id, offeringId: gold.body.id, name: 'Gold', default: false },
      { id: silver.body.id, offeringId: silver.body.id, name: 'Silver', default: true },
    ]);

    const unknown = await post(`/services/${id}/offerings`, { name: 'Bronze', calendarId: newId(), slaTargets: sla(60) });
    expect(unknown.status).toBe(409);
    expect(unknown.body.detail).toMatch(/Calendar .* does not exist/);
  });

  it('adds dependencies, answers the impact transitively and refuses a cycle with 409', async () => {
    const storage = (await service({ name: 'Storage' })).body.id;
    const database = (await service({ name: 'Database' })).body.id;
    const erp = (await service({ name: 'ERP' })).body.id;
    expect((await post(`/services/${database}/dependencies`, { dependsOnServiceId: storage })).status).toBe(201);
    const last = await post(`/services/${erp}/dependencies`, { dependsOnServiceId: database });
    expect(last.status).toBe(201);
    expect(last.body.dependsOn).toEqual([database]);

    const impact = await get(`/services/${storage}/impact`, afterWrite(last));
    expect(impact.status).toBe(200);
    expect(impact.body.items.map((s: { id: string; depth: number }) => [s.id, s.depth])).toEqual([
      [database, 1],
      [erp, 2],
    ]);

    const cycle = await post(`/services/${storage}/dependencies`, { dependsOnServiceId: erp });
    expect(cycle.status).toBe(409);
    expect(cycle.body.detail).toMatch(/cycle/);

    const removed = await call(api(`/services/${erp}/dependencies/${database}`), { method: 'DELETE', headers: as(owner) });
    expect(removed.status).toBe(200);
    expect(removed.body.dependsOn).toEqual([]);
    expect((await get(`/services/${storage}/impact`, afterWrite(removed))).body.items.map((s: { id: string }) => s.id)).toEqual([database]);
  });

  it('adds and lists change templates, and sets the cost model', async () => {
    const id = (await service()).body.id;
    const template = await post(`/services/${id}/change-templates`, { name: 'Restart', steps: ['Drain', 'Restart', 'Verify'], preApproved: true });
    expect(template.status).toBe(201);
    expect(template.body).toMatchObject({ serviceId: id, name: 'Restart', steps: ['Drain', 'Restart', 'Verify'], preApproved: true });
    expect([template.body.id, template.body.templateId]).toEqual([expect.any(String), template.body.id]);
    const templates = await get(`/services/${id}/change-templates`, afterWrite(template));
    expect(templates.body.items).toEqual([template.body]);

    const cost = await call(api(`/services/${id}/cost-model`), {
      method: 'PUT',
      headers: as(owner),
      body: { fixedMonthlyCost: 1000, currency: 'EUR', unitRate: 2.5, unitName: 'mailbox' },
    });
    expect(cost.status).toBe(200);
    expect(cost.body.costModel).toEqual({ fixedMonthlyCost: 1000, currency: 'EUR', unitRate: 2.5, unitName: 'mailbox' });
    const listed = await get(`/services?limit=100&q=${encodeURIComponent(cost.body.name)}`, afterWrite(cost));
    expect(listed.body.items[0].costModel).toEqual(cost.body.costModel);
  });

  it('answers 401 without credentials, 403 for writes without service-owner or admin', async () => {
    const anonymous = await call(api('/services'));
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toContain('application/problem+json');
    const forbidden = await call(api('/services'), { method: 'POST', headers: as(agent), body: { name: 'x', kind: 'business', description: 'spec', ownerGroup: 'o', supportGroup: 's' } });
    expect(forbidden.status).toBe(403);
    const admin = await app.token(['admin'], 'root');
    const byAdmin = await call(api('/services'), { method: 'POST', headers: as(admin), body: { name: 'x', kind: 'business', description: 'spec', ownerGroup: 'o', supportGroup: 's' } });
    expect(byAdmin.status).toBe(201);
  });

  it('answers 404 for unknown ids and 400 for malformed ids, bodies, cursors and headers, with per-field errors', async () => {
    expect((await get(`/services/${newId()}`)).status).toBe(404);
    expect((await get(`/calendars/${newId()}`)).status).toBe(404);
    expect((await post(`/services/${newId()}/go-live`, undefined)).status).toBe(404);
    expect((await get(`/services/${newId()}/impact`)).status).toBe(404);

    const badId = await get('/services/not-a-uuid');
    expect(badId.status).toBe(400);
    expect(badId.body.errors).toEqual([expect.objectContaining({ field: 'id' })]);

    const invalid = await post('/services', { name: '', kind: 'other', ownerGroup: 'x'.repeat(101), extra: 1 });
    expect(invalid.status).toBe(400);
    expect(invalid.body.type).toBe('urn:itsm:problem:validation');
    const fields = new Set(invalid.body.errors.map((error: { field: string }) => error.field));
    expect(fields).toEqual(new Set(['name', 'kind', 'description', 'ownerGroup', 'supportGroup', 'extra']));

    const id = (await service()).body.id;
    const badSla = await post(`/services/${id}/offerings`, {
      name: 'Gold',
      calendarId: newId(),
      slaTargets: { ...sla(10), P3: { responseMinutes: 'soon', resolutionMinutes: 10 }, P5: undefined },
    });
    expect(badSla.status).toBe(400);
    expect(badSla.body.errors.map((error: { field: string }) => error.field)).toEqual(
      expect.arrayContaining(['slaTargets.P3.responseMinutes', 'slaTargets.P5']),
    );

    const badCalendar = await post('/calendars', { name: 'x', timeZone: 'Mars/Olympus', weeklyHours: [{ day: 'funday', from: '9', to: '17:00' }], holidays: ['tomorrow'] });
    expect(badCalendar.status).toBe(400);
    expect(badCalendar.body.errors.map((error: { field: string }) => error.field)).toEqual(
      expect.arrayContaining(['timeZone', 'weeklyHours[0].day', 'weeklyHours[0].from', 'holidays']),
    );

    const badCursor = await get('/services?cursor=garbage');
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.errors).toEqual([expect.objectContaining({ field: 'cursor' })]);
    expect((await get('/services?limit=0')).status).toBe(400);
    expect((await get('/services?unknown=1')).status).toBe(400);
    expect((await get('/services', { 'x-wait-for-position': 'soon' })).status).toBe(400);
    expect((await call(api(`/services/${id}`), { method: 'PATCH', headers: as(owner, { 'if-match': 'bogus' }), body: {} })).status).toBe(400);
  });

  it('replays a POST with the same Idempotency-Key instead of registering twice', async () => {
    const body = { name: 'Idempotent', kind: 'technical', description: 'spec', ownerGroup: 'o', supportGroup: 's' };
    const first = await post('/services', body, { 'idempotency-key': 'spec-key-1' });
    const second = await post('/services', body, { 'idempotency-key': 'spec-key-1' });
    expect(second.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
    expect((await post('/services', { ...body, name: 'Other' }, { 'idempotency-key': 'spec-key-1' })).status).toBe(422);
  });

  it('lets exactly one of 20 simultaneous PATCHes with the same If-Match through; the rest get 412, no update is lost', async () => {
    const id = (await service()).body.id;
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        call(api(`/services/${id}`), { method: 'PATCH', headers: as(owner, { 'if-match': '"0"' }), body: { description: `writer ${index}` } }),
      ),
    );
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 412)).toHaveLength(19);
    const winner = answers.find((answer) => answer.status === 200);
    const final = await get(`/services/${id}`);
    expect(final.body).toMatchObject({ revision: 1, description: winner?.body.description });
    expect(await app.store.readStream(`service-${id}`)).toHaveLength(2);
  });

  it('documents every catalog endpoint in the OpenAPI document, with its problem answers', async () => {
    const document = (await call(`${app.baseUrl}/api/docs-json`)).body;
    const operations = Object.entries(document.paths as Record<string, Record<string, { summary?: string; responses: Record<string, unknown> }>>)
      .filter(([path]) => path.startsWith('/api/v1/'))
      .flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ key: `${method.toUpperCase()} ${path}`, operation })));
    expect(operations.map(({ key }) => key).sort()).toEqual(
      [
        'POST /api/v1/services', 'GET /api/v1/services', 'GET /api/v1/services/{id}', 'PATCH /api/v1/services/{id}',
        'POST /api/v1/services/{id}/go-live', 'POST /api/v1/services/{id}/retire', 'GET /api/v1/services/{id}/impact',
        'POST /api/v1/services/{id}/dependencies', 'DELETE /api/v1/services/{id}/dependencies/{dependsOnId}',
        'POST /api/v1/services/{id}/offerings', 'GET /api/v1/services/{id}/offerings', 'PUT /api/v1/services/{id}/cost-model',
        'PUT /api/v1/services/{id}/maintenance-windows', 'GET /api/v1/services/{id}/maintenance-windows',
        'POST /api/v1/services/{id}/change-templates', 'GET /api/v1/services/{id}/change-templates',
        'PATCH /api/v1/services/{id}/offerings/{offeringId}', 'DELETE /api/v1/services/{id}/offerings/{offeringId}',
        'POST /api/v1/calendars', 'GET /api/v1/calendars', 'GET /api/v1/calendars/{id}', 'PATCH /api/v1/calendars/{id}',
      ].sort(),
    );
    for (const { key, operation } of operations) {
      expect([key, typeof operation.summary]).toEqual([key, 'string']);
      expect([key, Object.keys(operation.responses)]).toEqual([key, expect.arrayContaining(['401', '429'])]);
    }
  });

  it('documents the ids or numbers GET /services/{id} and GET /calendars/{id} take, and the calendar’s nullable number', async () => {
    const document = (await call(`${app.baseUrl}/api/docs-json`)).body;
    const idPattern = (path: string) => {
      const parameters = document.paths[path].get.parameters as Array<{ name: string; in: string; schema: { pattern: string } }>;
      const [id] = parameters.filter((parameter) => parameter.in === 'path' && parameter.name === 'id');
      return new RegExp(id.schema.pattern);
    };
    const refs = [newId(), 'SVC0000001', 'CAL0000001', 'CAL12345678', 'CAL12', 'SVC12'];
    expect(refs.filter((ref) => idPattern('/api/v1/services/{id}').test(ref))).toEqual([refs[0], 'SVC0000001']);
    expect(refs.filter((ref) => idPattern('/api/v1/calendars/{id}').test(ref))).toEqual([refs[0], 'CAL0000001', 'CAL12345678']);
    expect(document.components.schemas.CalendarResponse.properties.number).toMatchObject({ type: 'string', nullable: true, example: 'CAL0000001' });
  });

  it('documents weekly hours with patterns that are regular expressions accepting what the calendar accepts', async () => {
    const document = (await call(`${app.baseUrl}/api/docs-json`)).body;
    const { from, to } = document.components.schemas.WeeklyHoursRequest.properties as Record<string, { pattern: string }>;
    const fromPattern = new RegExp(from.pattern, 'u');
    const toPattern = new RegExp(to.pattern, 'u');
    expect(['00:00', '09:00', '23:59'].filter((time) => fromPattern.test(time))).toEqual(['00:00', '09:00', '23:59']);
    expect(['09:00', '17:30', '24:00'].filter((time) => toPattern.test(time))).toEqual(['09:00', '17:30', '24:00']);
    expect(['9:00', '24:00', '12:60', 'HH:MM'].filter((time) => fromPattern.test(time))).toEqual([]);
    expect(['24:01', '25:00', 'HH:MM'].filter((time) => toPattern.test(time))).toEqual([]);
    // Maintenance windows take the same days and times (their own schema, the calendar's rules).
    const windowSchema = document.components.schemas.MaintenanceWindowRequest.properties as Record<string, { pattern?: string; enum?: string[] }>;
    expect([windowSchema.from.pattern, windowSchema.to.pattern, windowSchema.day.enum]).toEqual([from.pattern, to.pattern, ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']]);
  });

  const patch = (path: string, body: unknown, headers: Record<string, string> = {}) => call(api(path), { method: 'PATCH', headers: as(owner, headers), body });
  const remove = (path: string, headers: Record<string, string> = {}) => call(api(path), { method: 'DELETE', headers: as(owner, headers) });
  const officeHours = () => ({ name: `Hours ${newId().slice(-6)}`, timeZone: 'Europe/Berlin', weeklyHours: [{ day: 'mon', from: '09:00', to: '17:00' }], holidays: [] });

  it('numbers calendars CAL…, finds one by its number like services, and answers 404 or 400 for unknown or malformed numbers', async () => {
    const first = await post('/calendars', officeHours());
    const second = await post('/calendars', officeHours());
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(first.body).toMatchObject({ id: expect.any(String), number: expect.stringMatching(/^CAL\d{7}$/), revision: 0 });
    expect(Number(second.body.number.slice(3))).toBe(Number(first.body.number.slice(3)) + 1);
    expect(first.headers.get('location')).toBe(`/api/v1/calendars/${first.body.id}`);

    const byNumber = await get(`/calendars/${second.body.number}`, afterWrite(second));
    expect([byNumber.status, byNumber.body, byNumber.headers.get('etag')]).toEqual([200, second.body, '"0"']);

    const unknown = await get('/calendars/CAL9999999', afterWrite(second));
    expect([unknown.status, unknown.body.detail]).toEqual([404, 'No calendar with number CAL9999999']);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
    expect((await get('/services/SVC9999999')).body.detail).toBe('No service with number SVC9999999');
    for (const malformed of ['CAL12', 'cal0000001', 'SVC0000001', 'CAL0000001x']) {
      const answer = await get(`/calendars/${malformed}`);
      expect([malformed, answer.status, answer.body.errors]).toEqual([malformed, 400, [{ field: 'id', message: 'id must be a calendar id (uuid) or number (CAL0000001)' }]]);
    }
    expect((await get(`/services/${first.body.number}`)).status).toBe(400);

    // Numbers only name calendars for reading: PATCH takes the id.
    expect((await patch(`/calendars/${first.body.number}`, { name: 'By number' })).status).toBe(400);
    const changed = await patch(`/calendars/${first.body.id}`, { name: 'Renamed' });
    expect(changed.body).toMatchObject({ number: first.body.number, name: 'Renamed', revision: 1 });
    const renamed = await get(`/calendars/${first.body.number}`, afterWrite(changed));
    expect(renamed.body).toEqual(changed.body);

    const listed = await get(`/calendars?q=${first.body.number.toLowerCase()}`, afterWrite(changed));
    expect(listed.body.items).toEqual([changed.body]);
    expect((await get(`/calendars?q=${encodeURIComponent(changed.body.name)}&limit=100`)).body.items.map((item: { id: string }) => item.id)).toContain(first.body.id);
    expect((await get('/calendars?q=')).status).toBe(400);
  });

  it('answers number null for a calendar created before calendars were numbered (CalendarCreated v1 in the log)', async () => {
    const calendarId = newId();
    const written = await app.store.appendToStream(
      `calendar-${calendarId}`,
      [{ type: 'CalendarCreated', schemaVersion: 1, data: { calendarId, ...officeHours() }, metadata: { actor: { id: 'older-release' }, correlationId: newId() } }],
      { expectedRevision: -1 },
    );
    const read = await get(`/calendars/${calendarId}`);
    expect([read.status, read.body.id, read.body.number]).toEqual([200, calendarId, null]);
    const listed = await get('/calendars?limit=100', { 'x-wait-for-position': String(written.lastGlobalPosition) });
    expect(listed.body.items).toContainEqual(read.body);
    const changed = await patch(`/calendars/${calendarId}`, { name: 'Still without a number' });
    expect(changed.body).toMatchObject({ number: null, name: 'Still without a number', revision: 1 });
  });

  it('changes a calendar with PATCH /calendars/:id, conditionally on If-Match', async () => {
    const calendar = await post('/calendars', officeHours());
    const id = calendar.body.id;
    const changed = await patch(`/calendars/${id}`, { timeZone: 'Europe/London', holidays: ['2026-12-26'] }, { 'if-match': '"0"' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ id, name: calendar.body.name, timeZone: 'Europe/London', holidays: ['2026-12-26'], revision: 1 });
    expect(changed.headers.get('etag')).toBe('"1"');
    expect((await get(`/calendars/${id}`)).body).toEqual(changed.body);

    const stale = await patch(`/calendars/${id}`, { name: 'Lost' }, { 'if-match': '"0"' });
    expect([stale.status, stale.headers.get('etag')]).toEqual([412, '"1"']);
    expect((await patch(`/calendars/${id}`, { weeklyHours: [{ day: 'mon', from: '17:00', to: '09:00' }] })).status).toBe(409);
    expect((await patch(`/calendars/${id}`, { name: null })).status).toBe(400);
    expect((await patch(`/calendars/${id}`, { colour: 'red' })).status).toBe(400);
    expect((await patch(`/calendars/${newId()}`, { name: 'Nobody' })).status).toBe(404);
    expect((await call(api(`/calendars/${id}`), { method: 'PATCH', headers: as(agent), body: { name: 'x' } })).status).toBe(403);
  });

  it('changes and removes an offering with PATCH and DELETE /services/:id/offerings/:offeringId', async () => {
    const calendar = await post('/calendars', officeHours());
    const id = (await service()).body.id;
    const gold = await post(`/services/${id}/offerings`, { name: 'Gold', calendarId: calendar.body.id, slaTargets: sla(15) });
    const silver = await post(`/services/${id}/offerings`, { name: 'Silver', calendarId: calendar.body.id, slaTargets: sla(30) });
    const goldId = gold.body.offeringId;
    const silverId = silver.body.offeringId;

    const seen = silver.headers.get('etag') ?? '';
    const renamed = await patch(`/services/${id}/offerings/${silverId}`, { name: 'Platinum', slaTargets: sla(5) }, { 'if-match': seen });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ offeringId: silverId, name: 'Platinum', default: false, slaTargets: sla(5) });
    expect(renamed.headers.get('etag')).toBe(`"${Number(JSON.parse(seen)) + 1}"`);
    expect((await patch(`/services/${id}/offerings/${silverId}`, { name: 'Stale' }, { 'if-match': seen })).status).toBe(412);
    expect((await patch(`/services/${id}/offerings/${goldId}`, { default: false })).status).toBe(409);
    expect((await patch(`/services/${id}/offerings/${goldId}`, { calendarId: newId() })).status).toBe(409);
    expect((await patch(`/services/${id}/offerings/${goldId}`, { name: '   ' })).status).toBe(400);
    const logBefore = (await app.store.readStream(`service-${id}`)).length;
    const nobody = newId();
    const unknown = await patch(`/services/${id}/offerings/${nobody}`, { name: 'Nobody' });
    expect([unknown.status, unknown.headers.get('content-type')]).toEqual([404, expect.stringContaining('application/problem+json')]);
    expect(unknown.body).toMatchObject({ status: 404, detail: `Service ${id} has no offering with id ${nobody}` });
    expect((await remove(`/services/${id}/offerings/${nobody}`)).body).toMatchObject({ status: 404, detail: expect.stringContaining('has no offering') });
    expect((await patch(`/services/${newId()}/offerings/${goldId}`, { name: 'Nobody' })).status).toBe(404);
    expect((await app.store.readStream(`service-${id}`)).length).toBe(logBefore);
    expect((await patch(`/services/${id}/offerings/not-a-uuid`, { name: 'Nobody' })).status).toBe(400);

    expect((await remove(`/services/${id}/offerings/${goldId}`)).status).toBe(409);
    const removed = await remove(`/services/${id}/offerings/${silverId}`, { 'if-match': renamed.headers.get('etag') ?? '' });
    expect(removed.status).toBe(200);
    expect(removed.body.offerings).toEqual([{ id: goldId, offeringId: goldId, name: 'Gold', default: true }]);
    expect(removed.headers.get('etag')).toBe(`"${removed.body.revision}"`);
    expect((await remove(`/services/${id}/offerings/${silverId}`)).status).toBe(404);
    const listed = await get(`/services/${id}/offerings`, afterWrite(removed));
    expect(listed.body.items.map((offering: { offeringId: string }) => offering.offeringId)).toEqual([goldId]);
  });

  it('registers, changes, lists and filters services by criticality; a service registered before criticality reads as medium', async () => {
    const owners = `crit-${newId().slice(-8)}`;
    const critical = await service({ ownerGroup: owners, criticality: 'critical' });
    expect(critical.body.criticality).toBe('critical');
    const plain = await service({ ownerGroup: owners });
    const raised = await patch(`/services/${plain.body.id}`, { criticality: 'high' }, { 'if-match': '"0"' });
    expect([raised.status, raised.body.criticality, raised.headers.get('etag')]).toEqual([200, 'high', '"1"']);
    expect((await patch(`/services/${plain.body.id}`, { criticality: 'vital' })).body.errors).toEqual([expect.objectContaining({ field: 'criticality' })]);
    expect((await patch(`/services/${plain.body.id}`, { criticality: null })).status).toBe(400);

    // As an older release wrote it: ServiceRegistered v1, without criticality.
    const legacyId = newId();
    const written = await app.store.appendToStream(
      `service-${legacyId}`,
      [{
        type: 'ServiceRegistered',
        schemaVersion: 1,
        data: { serviceId: legacyId, number: 'SVC0900001', name: 'Legacy', kind: 'business', description: 'old', ownerGroup: owners, supportGroup: 's', lifecycle: 'pipeline', registeredAt: new Date().toISOString() },
        metadata: { actor: { id: 'older-release' }, correlationId: newId() },
      }],
      { expectedRevision: 'no-stream' },
    );
    const legacy = await get(`/services/${legacyId}`);
    expect([legacy.status, legacy.body.criticality]).toEqual([200, 'medium']);

    const wait = { 'x-wait-for-position': String(written.lastGlobalPosition) };
    const listed = await get(`/services?ownerGroup=${owners}`, wait);
    expect(listed.body.items.map((item: { id: string; criticality: string }) => [item.id, item.criticality])).toEqual([
      [critical.body.id, 'critical'],
      [plain.body.id, 'high'],
      [legacyId, 'medium'],
    ]);
    expect((await get(`/services?ownerGroup=${owners}&criticality=medium`, wait)).body.items.map((item: { id: string }) => item.id)).toEqual([legacyId]);
    expect((await get('/services?criticality=vital')).body.errors).toEqual([expect.objectContaining({ field: 'criticality' })]);
  });

  it('sets maintenance windows with PUT, reads them with GET and in the service; 412 when stale, 400 and 409 change nothing', async () => {
    const id = (await service()).body.id;
    const path = `/services/${id}/maintenance-windows`;
    const put = (body: unknown, headers: Record<string, string> = {}, token = owner) => call(api(path), { method: 'PUT', headers: as(token, headers), body });
    const never = await get(path);
    expect([never.status, never.body, never.headers.get('etag')]).toEqual([200, { serviceId: id, timeZone: null, windows: [] }, '"0"']);

    const windows = [{ day: 'sun', from: '22:00', to: '02:00' }, { day: 'sat', from: '22:00', to: '24:00' }];
    const set = await put({ timeZone: 'europe/berlin', windows }, { 'if-match': '"0"' });
    const expected = { timeZone: 'Europe/Berlin', windows: [windows[1], windows[0]] };
    expect([set.status, set.body, set.headers.get('etag')]).toEqual([200, { serviceId: id, ...expected }, '"1"']);
    const read = await get(path);
    expect([read.body, read.headers.get('etag')]).toEqual([set.body, '"1"']);
    expect((await get(`/services/${id}`)).body).toMatchObject({ revision: 1, maintenanceWindows: expected });
    const listed = await get(`/services?q=${encodeURIComponent((await get(`/services/${id}`)).body.name)}`, afterWrite(set));
    expect(listed.body.items[0].maintenanceWindows).toEqual(expected);

    const stale = await put({ timeZone: 'UTC', windows: [] }, { 'if-match': '"0"' });
    expect([stale.status, stale.headers.get('content-type')]).toEqual([412, expect.stringContaining('application/problem+json')]);
    const bad = await put({ timeZone: 'Mars/Olympus', windows: [{ day: 'funday', from: '9:00', to: '25:00' }], colour: 'red' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['colour', 'timeZone', 'windows[0].day', 'windows[0].from', 'windows[0].to']);
    const overlapping = await put({ timeZone: 'UTC', windows: [{ day: 'sat', from: '22:00', to: '06:00' }, { day: 'sun', from: '05:00', to: '07:00' }] });
    expect(overlapping.body).toMatchObject({ status: 409, detail: 'sat 22:00–06:00 overlaps sun 05:00–07:00' });
    expect((await put(expected, {}, agent)).status).toBe(403);
    expect((await call(api(`/services/${newId()}/maintenance-windows`), { method: 'PUT', headers: as(owner), body: expected })).status).toBe(404);
    expect((await get(`/services/${newId()}/maintenance-windows`)).status).toBe(404);
    expect((await get(path)).body).toEqual(set.body);
    expect(await app.store.readStream(`service-${id}`)).toHaveLength(2);

    const changeManager = await app.token(['change-manager'], 'carla');
    const cleared = await put({ timeZone: 'UTC', windows: [] }, { 'if-match': '"1"' }, changeManager);
    expect([cleared.status, cleared.body]).toEqual([200, { serviceId: id, timeZone: 'UTC', windows: [] }]);
    const [, , event] = await app.store.readStream(`service-${id}`);
    expect(event).toMatchObject({ type: 'ServiceMaintenanceWindowsSet', actor: { id: 'carla', role: 'change-manager' }, data: { serviceId: id, timeZone: 'UTC', windows: [] } });
  });

  it('takes If-Match: * as "the resource exists", as the incident routes do', async () => {
    const id = (await service()).body.id;
    const updated = await patch(`/services/${id}`, { description: 'any revision' }, { 'if-match': '*' });
    expect([updated.status, updated.body.description]).toEqual([200, 'any revision']);
    expect((await patch(`/services/${newId()}`, { description: 'none' }, { 'if-match': '*' })).status).toBe(404);
  });

  it('refuses a malformed If-Match on create routes too', async () => {
    const body = { name: 'Conditional', kind: 'business', description: 'spec', ownerGroup: 'o', supportGroup: 's' };
    expect((await post('/services', body, { 'if-match': '3' })).status).toBe(400);
    expect((await post('/calendars', officeHours(), { 'if-match': '"0", "1"' })).status).toBe(400);
  });

  it('refuses blank or zero-width names and empty descriptions', async () => {
    const body = { name: 'Visible', kind: 'business', description: 'spec', ownerGroup: 'o', supportGroup: 's' };
    for (const blank of ['', ' ', '\u200b', '\u00a0\ufeff', '\n']) {
      const answers = [
        await post('/services', { ...body, name: blank }),
        await post('/services', { ...body, description: blank }),
        await post('/services', { ...body, ownerGroup: blank }),
        await post('/calendars', { ...officeHours(), name: blank }),
      ];
      expect([JSON.stringify(blank), answers.map((answer) => answer.status)]).toEqual([JSON.stringify(blank), [400, 400, 400, 400]]);
    }
    const multiLine = await post('/services', { ...body, description: 'First line\nsecond line' });
    expect(multiLine.status).toBe(201);
    expect((await post('/services', { ...body, name: 'Two\nlines' })).status).toBe(400);
  });

  it('refuses unknown query parameters on every read, __proto__ included, like unknown body fields', async () => {
    const id = (await service()).body.id;
    for (const path of ['/services?__proto__=x', '/calendars?__proto__=x', '/calendars?constructor=1', `/services/${id}/offerings?limit=5`, `/services/${id}?unknown=1`, `/services/${id}/impact?x=1`]) {
      const answer = await get(path);
      expect([path, answer.status, answer.body.type]).toEqual([path, 400, 'urn:itsm:problem:validation']);
    }
    const answer = await get('/services?__proto__=x');
    expect(answer.body.errors).toEqual([{ field: '__proto__', message: 'property __proto__ should not exist' }]);
  });
});
