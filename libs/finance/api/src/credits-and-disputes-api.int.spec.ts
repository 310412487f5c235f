import { incidentStreamId, serviceStreamId } from '@itsm/contracts';
import { newId, waitUntil, type NewEvent } from '@itsm/event-sourcing';
import { financeApplicationProjections } from '@itsm/finance-application';
// The spec plays the host, which joins the api and read-model libs (as apps/finance and apps/platform do).
// eslint-disable-next-line @nx/enforce-module-boundaries
import { createFinanceReadModels, financeProjections } from '@itsm/finance-read-models';
import { call, startFinanceTestApp, type Answer, type FinanceTestApp } from './testing/finance-test-app';

const now = new Date('2026-03-10T12:00:00.000Z');
const eur = (amount: string) => ({ amount, currency: 'EUR' });
const foreign = (type: string, data: object): NewEvent => ({ type, data, metadata: { actor: { id: 'system', role: 'system' }, correlationId: newId() } });

describe('finance API: credit policies and service credits (embedded shape: PGlite, the service-credit process from the log)', () => {
  let app: FinanceTestApp;
  let finance: string;
  let agent: string;
  let sales: string;
  const [serviceId, gold] = [newId(), newId()];
  const api = (path: string) => `${app.baseUrl}/api/v1/finance${path}`;
  const as = (token: string, extra: Record<string, string> = {}) => ({ authorization: `Bearer ${token}`, ...extra });
  const post = (path: string, body: unknown, headers: Record<string, string> = {}, token = finance) => call(api(path), { method: 'POST', headers: as(token, headers), body });
  const put = (path: string, body: unknown, headers: Record<string, string> = {}, token = finance) => call(api(path), { method: 'PUT', headers: as(token, headers), body });
  const get = (path: string, headers: Record<string, string> = {}, token = finance) => call(api(path), { headers: as(token, headers) });
  const afterWrite = (write: Answer) => ({ 'x-wait-for-position': String(write.headers.get('x-log-position')) });
  const head = async () => (await app.store.readAll({ fromPosition: -1, maxCount: 1_000_000 })).events.length;
  const expectProblem = (answer: Answer, status: number) =>
    expect([answer.status, answer.headers.get('content-type')]).toEqual([status, expect.stringMatching(/^application\/problem\+json/)]);
  const policy = {
    effectiveFrom: '2026-01-01',
    consumerCostCenterId: '',
    tiers: [{ priority: 'P1', timerKind: 'resolution', percentOfMonthlyFee: '10' }],
    capPercentOfMonthlyFee: '100',
  };

  beforeAll(async () => {
    app = await startFinanceTestApp({ readModels: createFinanceReadModels, projections: [...financeProjections, ...financeApplicationProjections()], clock: { now: () => now } });
    [finance, agent] = await Promise.all([app.token(['finance'], 'fiona'), app.token(['agent'], 'adam')]);
    sales = (await post('/cost-centers', { code: 'SALES', name: 'Sales', currency: 'EUR' })).body.id;
    policy.consumerCostCenterId = sales;
    const appended = await app.store.appendToStream(
      serviceStreamId(serviceId),
      [
        foreign('ServiceRegistered', { serviceId, number: 'SVC0000009', name: 'Mail', kind: 'business', description: 'Mail', ownerGroup: 'o', supportGroup: 's', criticality: 'high', lifecycle: 'live', registeredAt: now.toISOString() }),
        foreign('ServiceOfferingAdded', { serviceId, offeringId: gold, name: 'Mail Gold', calendarId: 'cal', default: true, slaTargets: {} }),
        foreign('ServiceCostModelSet', { serviceId, fixedMonthlyCost: 3000, currency: 'EUR', unitRate: 0, unitName: 'mailbox' }),
      ],
      { expectedRevision: 'no-stream' },
    );
    await app.caughtUp(appended.lastGlobalPosition);
  });
  afterAll(() => app?.close());

  describe('credit policies', () => {
    it('PUT publishes a version (200, ETag "0"); the same again changes nothing; GET reads it, the list shows the latest', async () => {
      const published = await put(`/credit-policies/${gold}`, policy);
      expect([published.status, published.headers.get('etag')]).toEqual([200, '"0"']);
      expect(published.body).toEqual({
        offeringId: gold,
        versions: [{ version: 1, effectiveFrom: '2026-01-01', consumerCostCenterId: sales, tiers: policy.tiers, capPercentOfMonthlyFee: '100', monthlyFee: null, publishedAt: now.toISOString() }],
      });
      const before = await head();
      const again = await put(`/credit-policies/${gold}`, policy);
      expect([again.status, again.headers.get('etag'), await head()]).toEqual([200, '"0"', before]);
      const v2 = await put(`/credit-policies/${gold}`, { ...policy, effectiveFrom: '2026-06-01', monthlyFee: eur('2500') }, { 'if-match': '"0"' });
      expect([v2.status, v2.headers.get('etag'), v2.body.versions[1]]).toEqual([200, '"1"', expect.objectContaining({ version: 2, monthlyFee: eur('2500.00') })]);
      expect((await get(`/credit-policies/${gold}`)).body.versions.map((version: { effectiveFrom: string }) => version.effectiveFrom)).toEqual(['2026-01-01', '2026-06-01']);
      const list = await get(`/credit-policies?consumerCostCenterId=${sales}`, afterWrite(v2));
      expect(list.body).toEqual({ items: [expect.objectContaining({ offeringId: gold, version: 2, effectiveFrom: '2026-06-01', consumerCostCenterId: sales })], nextCursor: null });
    });

    it('refuses bad input with problem+json: a JSON number (400), a bad tier (400), a back-dated version (409), an unknown offering (404), a stale If-Match (412)', async () => {
      const before = await head();
      const asNumber = await put(`/credit-policies/${gold}`, { ...policy, capPercentOfMonthlyFee: 100 });
      expectProblem(asNumber, 400);
      expect(asNumber.body.errors).toEqual([expect.objectContaining({ field: 'capPercentOfMonthlyFee', message: expect.stringContaining('not a JSON number') })]);
      const badTier = await put(`/credit-policies/${gold}`, { ...policy, tiers: [{ priority: 'P9', timerKind: 'pickup', percentOfMonthlyFee: '10' }] });
      expectProblem(badTier, 400);
      expect(badTier.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['tiers[0].priority', 'tiers[0].timerKind']);
      expectProblem(await put(`/credit-policies/${gold}`, { ...policy, tiers: [] }), 400);
      expectProblem(await put('/credit-policies/not-a-uuid', policy), 400);
      const backDated = await put(`/credit-policies/${gold}`, { ...policy, effectiveFrom: '2026-03-01' });
      expectProblem(backDated, 409);
      expect(backDated.body.detail).toMatch(/must take effect after the latest one \(2026-06-01\)/);
      expectProblem(await put(`/credit-policies/${gold}`, { ...policy, effectiveFrom: '2026-07-01', capPercentOfMonthlyFee: '150' }), 409);
      expectProblem(await put(`/credit-policies/${newId()}`, policy), 404);
      expectProblem(await put(`/credit-policies/${gold}`, { ...policy, effectiveFrom: '2026-07-01', consumerCostCenterId: newId() }), 409);
      expectProblem(await put(`/credit-policies/${gold}`, { ...policy, effectiveFrom: '2026-07-01' }, { 'if-match': '"0"' }), 412);
      expectProblem(await get(`/credit-policies/${newId()}`), 404);
      expectProblem(await put(`/credit-policies/${gold}`, policy, {}, agent), 403);
      expect(await head()).toBe(before);
    });
  });

  describe('service credits', () => {
    it('accrues a P1 resolution breach from the log: GET /credits lists it with the incident number and the breach event id', async () => {
      const incidentId = newId();
      const appended = await app.store.appendToStream(
        incidentStreamId(incidentId),
        [
          foreign('IncidentOpened', {
            incidentId, number: 'INC0000042', callerId: 'carol', shortDescription: 'Mail down', description: 'd', serviceId, offeringId: gold, impact: 1, urgency: 1, priority: 'P1', state: 'new',
            openedAt: '2026-03-09T09:00:00.000Z',
          }),
          foreign('SlaTimerStarted', { incidentId, kind: 'resolution', priority: 'P1', offeringId: gold, calendarId: 'cal', targetMinutes: 240, startedAt: '2026-03-09T09:00:00.000Z', dueAt: '2026-03-09T13:00:00.000Z' }),
          foreign('SlaBreached', { incidentId, kind: 'resolution', dueAt: '2026-03-09T13:00:00.000Z', breachedAt: '2026-03-09T13:00:00.000Z' }),
        ],
        { expectedRevision: 'no-stream' },
      );
      const breach = (await app.store.readStream(incidentStreamId(incidentId))).at(-1);
      await waitUntil('the credit to be listed', async () => (await get('/credits?period=2026-03')).body.items?.length > 0, 15_000);
      const credits = await get(`/credits?period=2026-03&costCenterId=${sales}`, { 'x-wait-for-position': String(appended.lastGlobalPosition) });
      expect(credits.body).toEqual({
        items: [
          expect.objectContaining({
            creditId: breach?.eventId, breachEventId: breach?.eventId, incidentId, incidentNumber: 'INC0000042', period: '2026-03', costCenterId: sales, serviceId, offeringId: gold,
            priority: 'P1', timerKind: 'resolution', policyVersion: 1, monthlyFee: eur('3000.00'), amount: eur('300.00'), capped: false, status: 'accrued', reversedAt: null,
          }),
        ],
        nextCursor: null,
      });
      expect((await get(`/credits?period=2026-04`)).body.items).toEqual([]);
      expect((await get(`/credits?costCenterId=${newId()}`)).body.items).toEqual([]);
    });

    it('refuses a bad period, cost center or cursor (400 problem+json)', async () => {
      expectProblem(await get('/credits?period=2026-3'), 400);
      expectProblem(await get('/credits?period=2026-Q1'), 400);
      expectProblem(await get('/credits?costCenterId=sales'), 400);
      expectProblem(await get('/credits?cursor=nonsense'), 400);
      expectProblem(await get('/credits', {}, agent), 403);
    });
  });
});
