import { incidentStreamId, serviceStreamId } from '@itsm/contracts';
import { newId, type NewEvent } from '@itsm/event-sourcing';
import { financeApplicationProjections } from '@itsm/finance-application';
// The spec plays the host, which joins the api and read-model libs (as apps/finance and apps/platform do).
// eslint-disable-next-line @nx/enforce-module-boundaries
import { createFinanceReadModels, financeProjections } from '@itsm/finance-read-models';
import { call, startFinanceTestApp, type Answer, type FinanceTestApp } from './testing/finance-test-app';

const now = new Date('2026-03-10T12:00:00.000Z');
const eur = (amount: string) => ({ amount, currency: 'EUR' });

describe('finance API through HTTP (embedded shape: PGlite, gateway conventions, projections)', () => {
  let app: FinanceTestApp;
  let finance: string;
  let agent: string;
  let auditor: string;
  const api = (path: string) => `${app.baseUrl}/api/v1/finance${path}`;
  const as = (token: string, extra: Record<string, string> = {}) => ({ authorization: `Bearer ${token}`, ...extra });
  const post = (path: string, body: unknown, headers: Record<string, string> = {}, token = finance) => call(api(path), { method: 'POST', headers: as(token, headers), body });
  const patch = (path: string, body: unknown, headers: Record<string, string> = {}) => call(api(path), { method: 'PATCH', headers: as(finance, headers), body });
  const get = (path: string, headers: Record<string, string> = {}, token = finance) => call(api(path), { headers: as(token, headers) });
  const afterWrite = (write: Answer) => ({ 'x-wait-for-position': String(write.headers.get('x-log-position')) });
  const head = async () => (await app.store.readAll({ fromPosition: -1, maxCount: 1_000_000 })).events.length;
  const expectProblem = (answer: Answer, status: number) =>
    expect([answer.status, answer.headers.get('content-type')]).toEqual([status, expect.stringMatching(/^application\/problem\+json/)]);
  const postCsv = (path: string, csv: string, headers: Record<string, string> = {}) =>
    call(api(path), { method: 'POST', headers: as(finance, { 'content-type': 'text/csv', ...headers }), rawBody: csv });

  let itOps: string;
  let sales: string;
  const serviceId = newId();

  beforeAll(async () => {
    app = await startFinanceTestApp({ readModels: createFinanceReadModels, projections: [...financeProjections, ...financeApplicationProjections()], clock: { now: () => now } });
    [finance, agent, auditor] = await Promise.all([app.token(['finance'], 'fiona'), app.token(['agent'], 'adam'), app.token(['auditor'], 'audrey')]);
    const registered: NewEvent = {
      type: 'ServiceRegistered',
      data: { serviceId, number: 'SVC0000007', name: 'Mail', kind: 'business', description: 'Mail', ownerGroup: 'o', supportGroup: 's', criticality: 'high', lifecycle: 'pipeline', registeredAt: now.toISOString() },
      metadata: { actor: { id: 'olivia', role: 'service-owner' }, correlationId: newId() },
    };
    await app.caughtUp((await app.store.appendToStream(serviceStreamId(serviceId), [registered], { expectedRevision: 'no-stream' })).lastGlobalPosition);
  });
  afterAll(() => app?.close());

  describe('cost centers', () => {
    it('opens one: 201, ETag "0", Location, the write’s log position; the same Idempotency-Key replays, another body is 422', async () => {
      const body = { code: 'it-ops', name: 'IT operations', currency: 'EUR' };
      const created = await post('/cost-centers', body, { 'idempotency-key': 'cc-1' });
      expect([created.status, created.headers.get('etag'), created.headers.get('location')]).toEqual([201, '"0"', `/api/v1/finance/cost-centers/${created.body.id}`]);
      expect(created.headers.get('x-log-position')).toMatch(/^\d+$/);
      expect(created.body).toEqual({ id: expect.any(String), code: 'IT-OPS', name: 'IT operations', currency: 'EUR', parentId: null, status: 'opened', openedAt: now.toISOString(), closedAt: null });
      itOps = created.body.id;
      const replay = await post('/cost-centers', body, { 'idempotency-key': 'cc-1' });
      expect([replay.status, replay.body, replay.headers.get('idempotent-replayed')]).toEqual([201, created.body, 'true']);
      expectProblem(await post('/cost-centers', { ...body, name: 'Other' }, { 'idempotency-key': 'cc-1' }), 422);
      const child = await post('/cost-centers', { code: 'SALES', name: 'Sales', currency: 'EUR', parentId: itOps });
      sales = child.body.id;
      expect(child.body.parentId).toBe(itOps);
    });

    it('refuses a code taken (409) and a bad body (400 naming the fields), appending nothing', async () => {
      const before = await head();
      const taken = await post('/cost-centers', { code: 'IT-OPS', name: 'Again', currency: 'EUR' });
      expectProblem(taken, 409);
      expect(taken.body.detail).toBe(`The code IT-OPS is already the code of cost center ${itOps}`);
      const bad = await post('/cost-centers', { code: 'IT OPS', name: 'x', currency: 'EURO', colour: 'red' });
      expectProblem(bad, 400);
      expect(bad.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['code', 'colour', 'currency']);
      expect(await head()).toBe(before);
    });

    it('lists them by code, a level of the hierarchy with parentId, and reads one by id or code', async () => {
      const all = await get('/cost-centers', afterWrite(await post('/cost-centers', { code: 'HR', name: 'HR', currency: 'USD' })));
      expect(all.body.items.map((item: { code: string }) => item.code)).toEqual(['HR', 'IT-OPS', 'SALES']);
      expect((await get('/cost-centers?parentId=none')).body.items.map((item: { code: string }) => item.code)).toEqual(['HR', 'IT-OPS']);
      expect((await get(`/cost-centers?parentId=${itOps}`)).body.items).toEqual([expect.objectContaining({ code: 'SALES', revision: 0, childCount: 0 })]);
      const page = await get('/cost-centers?limit=2');
      expect((await get(`/cost-centers?limit=2&cursor=${page.body.nextCursor}`)).body.items.map((item: { code: string }) => item.code)).toEqual(['SALES']);
      expect((await get('/cost-centers/it-ops')).body).toMatchObject({ id: itOps, code: 'IT-OPS' });
      const byId = await get(`/cost-centers/${itOps}`, {}, auditor);
      expect([byId.status, byId.headers.get('etag')]).toEqual([200, '"0"']);
      expectProblem(await get(`/cost-centers/${newId()}`), 404);
      expectProblem(await get('/cost-centers/NO-SUCH'), 404);
      expectProblem(await get('/cost-centers?limit=0'), 400);
      expectProblem(await get('/cost-centers?cursor=nonsense'), 400);
    });

    it('renames with If-Match: a stale ETag is 412 (with the current one), the right one 200 with the next ETag', async () => {
      const renamed = await patch(`/cost-centers/${sales}`, { name: 'Sales and marketing' }, { 'if-match': '"0"' });
      expect([renamed.status, renamed.headers.get('etag'), renamed.body.name]).toEqual([200, '"1"', 'Sales and marketing']);
      const stale = await patch(`/cost-centers/${sales}`, { name: 'Stale' }, { 'if-match': '"0"' });
      expectProblem(stale, 412);
      expect(stale.headers.get('etag')).toBe('"1"');
      expectProblem(await patch(`/cost-centers/${sales}`, { name: '' }), 400);
      expectProblem(await patch('/cost-centers/not-a-uuid', { name: 'x' }), 400);
    });

    it('moves (a cycle is 409) and closes a cost center', async () => {
      const cycle = await post(`/cost-centers/${itOps}/move`, { parentId: sales });
      expectProblem(cycle, 409);
      expect(cycle.body.detail).toMatch(/would make a cycle/);
      const top = await post(`/cost-centers/${sales}/move`, { parentId: null });
      expect([top.status, top.body.parentId]).toEqual([200, null]);
      const temp = await post('/cost-centers', { code: 'TEMP', name: 'Temporary', currency: 'EUR' });
      const closed = await post(`/cost-centers/${temp.body.id}/close`, undefined, { 'if-match': '"0"' });
      expect([closed.status, closed.body.status, closed.headers.get('etag')]).toEqual([200, 'closed', '"1"']);
      expectProblem(await post(`/cost-centers/${temp.body.id}/close`, undefined), 409);
      expectProblem(await post(`/cost-centers/${newId()}/close`, undefined), 404);
    });
  });

  describe('a period run without the credits process', () => {
    it('is 503 while no PeriodCredits adapter is bound, appending nothing (never a run without its credits)', async () => {
      const before = await head();
      const refused = await post('/periods/2026-03/run', {});
      expectProblem(refused, 503);
      expect(refused.body.detail).toBe('The service credits of a period cannot be read: no PeriodCredits adapter is bound (PERIOD_CREDITS)');
      expect(await head()).toBe(before);
    });
  });

  describe('roles', () => {
    it('lets finance and admin write; auditors read; others get 403', async () => {
      expectProblem(await post('/cost-centers', { code: 'AGENT', name: 'Agent', currency: 'EUR' }, {}, agent), 403);
      expectProblem(await post('/cost-centers', { code: 'AUDIT', name: 'Audit', currency: 'EUR' }, {}, auditor), 403);
      expectProblem(await get('/cost-centers', {}, agent), 403);
      expect((await get('/budgets', {}, auditor)).status).toBe(200);
      expect((await post('/cost-centers', { code: 'ADMIN', name: 'Admin', currency: 'EUR' }, {}, await app.token(['admin'], 'root'))).status).toBe(201);
      expectProblem(await call(api('/cost-centers')), 401);
    });
  });

  describe('money on the wire', () => {
    it('refuses a JSON number wherever money, a rate, a percentage or a quantity is expected (400), changing nothing', async () => {
      const card = await post('/rate-cards', { name: 'IT 2026' });
      const before = await head();
      const asNumber = await post(`/rate-cards/${card.body.id}/versions`, { effectiveFrom: '2026-01-01', currency: 'EUR', roleRates: { agent: { amount: 60, currency: 'EUR' } }, unitPrices: {} });
      expectProblem(asNumber, 400);
      expect(asNumber.body.errors).toEqual([{ field: 'roleRates', message: 'roleRates.agent.amount must be a decimal string such as "95.00", not a JSON number (a float would round it)' }]);
      const budget = await post('/budgets', { costCenterId: itOps, period: '2026-03', planned: { amount: 1000, currency: 'EUR' } });
      expectProblem(budget, 400);
      expect(budget.body.errors).toEqual([{ field: 'planned.amount', message: 'amount must be a decimal string such as "1234.56", not a JSON number (a float would round it)' }]);
      expectProblem(await post('/exchange-rates', { from: 'USD', to: 'EUR', date: '2026-03-01', rate: 0.9 }), 400);
      expectProblem(await post('/usage', { reference: 'n', records: [{ serviceId, consumerCostCenterId: itOps, unit: 'mailbox', quantity: 3, postedOn: '2026-03-01' }] }), 400);
      expectProblem(
        await post('/allocation-rules', { name: 'x', source: { kind: 'service', id: serviceId }, method: { kind: 'percentage', shares: [{ consumerCostCenterId: itOps, percent: 100 }] } }),
        400,
      );
      expectProblem(await post('/budgets', { costCenterId: itOps, period: '2026-03', planned: { amount: '1,000.00', currency: 'EUR' } }), 400);
      expect(await head()).toBe(before);
      const version = await post(`/rate-cards/${card.body.id}/versions`, { effectiveFrom: '2026-01-01', currency: 'EUR', roleRates: { agent: eur('60.00') }, unitPrices: { mailbox: eur('4.5') } }, { 'if-match': '"0"' });
      expect([version.status, version.headers.get('etag'), version.body.versions]).toEqual([
        201,
        '"1"',
        [{ version: 1, effectiveFrom: '2026-01-01', currency: 'EUR', roleRates: { agent: eur('60.00') }, unitPrices: { mailbox: eur('4.50') }, publishedAt: now.toISOString() }],
      ]);
      expect((await get('/rate-cards', afterWrite(version))).body.items).toEqual([expect.objectContaining({ name: 'IT 2026', versionCount: 1, latestEffectiveFrom: '2026-01-01' })]);
      expectProblem(await post(`/rate-cards/${card.body.id}/versions`, { effectiveFrom: '2025-12-01', currency: 'EUR', roleRates: { agent: eur('1.00') }, unitPrices: {} }), 409);
    });
  });

  describe('budgets', () => {
    let budgetId: string;

    it('plans one in the cost center’s currency; a second for the period is 409', async () => {
      const planned = await post('/budgets', { costCenterId: itOps, period: '2026-03', planned: eur('1000.00') });
      expect([planned.status, planned.headers.get('etag')]).toEqual([201, '"0"']);
      expect(planned.body).toMatchObject({ period: '2026-03', currency: 'EUR', planned: eur('1000.00'), actual: eur('0.00'), thresholds: [80, 100], thresholdsCrossed: [] });
      budgetId = planned.body.id;
      expectProblem(await post('/budgets', { costCenterId: itOps, period: '2026-03', planned: eur('1.00') }), 409);
    });

    it('crosses a threshold once through the API: 700, then 150 (80 % crossed), then 20 (nothing more)', async () => {
      const posting = (amount: string, day: string) => post(`/budgets/${budgetId}/actuals`, { amount: eur(amount), postedAt: day, source: `invoice ${amount}` });
      await posting('700.00', '2026-03-02');
      const crossing = await posting('150.00', '2026-03-05');
      const beyond = await posting('20.00', '2026-03-06');
      expect([crossing.status, crossing.body.thresholdsCrossed, beyond.body.thresholdsCrossed]).toEqual([201, [80], [80]]);
      const crossed = (await app.store.readStream(`budget-${budgetId}`)).filter((event) => event.type === 'BudgetThresholdCrossed');
      expect(crossed.map((event) => event.data)).toEqual([expect.objectContaining({ threshold: 80, actual: eur('850.00'), planned: eur('1000.00') })]);
      const read = await get(`/budgets/${budgetId}`, {}, auditor);
      // 870.00 spent in 10 of 31 days: the run rate leads to 870 ÷ 10 × 31 = 2697.00.
      expect(read.body).toMatchObject({ actual: eur('870.00'), available: eur('130.00'), forecast: eur('2697.00'), forecastVariance: eur('1697.00'), elapsedDays: 10, daysInPeriod: 31 });
      const listed = await get(`/budgets?costCenterId=${itOps}`, afterWrite(beyond));
      expect(listed.body.items).toEqual([
        expect.objectContaining({ id: budgetId, actual: eur('870.00'), forecast: eur('2697.00'), thresholdsCrossed: [{ threshold: 80, crossedAt: now.toISOString() }], revision: 4 }),
      ]);
    });

    it('converts a posting in another currency at the rate of its day; without a rate it is 409', async () => {
      expectProblem(await post(`/budgets/${budgetId}/commitments`, { amount: { amount: '100.00', currency: 'USD' }, postedAt: '2026-03-03', source: 'PO 1' }), 409);
      const rate = await post('/exchange-rates', { from: 'USD', to: 'EUR', date: '2026-03-01', rate: '0.9000' });
      expect([rate.status, rate.body]).toEqual([201, { from: 'USD', to: 'EUR', date: '2026-03-01', rate: '0.9' }]);
      expect((await post('/exchange-rates', { from: 'USD', to: 'EUR', date: '2026-03-01', rate: '0.9' })).status).toBe(200);
      expectProblem(await post('/exchange-rates', { from: 'USD', to: 'EUR', date: '2026-03-01', rate: '0.95' }), 409);
      const committed = await post(`/budgets/${budgetId}/commitments`, { amount: { amount: '100.00', currency: 'USD' }, postedAt: '2026-03-03', source: 'PO 1' });
      expect(committed.body.committed).toEqual(eur('90.00'));
      expect((await get('/exchange-rates?from=USD', afterWrite(rate))).body.items).toEqual([{ from: 'USD', to: 'EUR', date: '2026-03-01', rate: '0.9', setAt: now.toISOString() }]);
    });

    it('revises the plan with If-Match', async () => {
      const revised = await patch(`/budgets/${budgetId}`, { planned: eur('2000.00'), reason: 'New project' }, { 'if-match': '"5"' });
      expect([revised.status, revised.body.planned, revised.body.thresholdsCrossed]).toEqual([200, eur('2000.00'), []]);
      expectProblem(await patch(`/budgets/${budgetId}`, { planned: eur('3000.00'), reason: 'Stale' }, { 'if-match': '"5"' }), 412);
    });
  });

  describe('cost pools and allocation rules', () => {
    it('opens a pool, defines a rule for it (one live per source), revises and retires it', async () => {
      const pool = await post('/cost-pools', { name: 'Hosting', currency: 'EUR', ownerCostCenterId: itOps });
      expect([pool.status, pool.body.status]).toEqual([201, 'opened']);
      const method = { kind: 'percentage', shares: [{ consumerCostCenterId: itOps, percent: '60' }, { consumerCostCenterId: sales, percent: '40' }] };
      const rule = await post('/allocation-rules', { name: 'Hosting split', source: { kind: 'pool', id: pool.body.id }, method });
      expect([rule.status, rule.body.method]).toEqual([201, method]);
      expectProblem(await post('/allocation-rules', { name: 'Again', source: { kind: 'pool', id: pool.body.id }, method }), 409);
      expectProblem(await post('/allocation-rules', { name: 'Bad', source: { kind: 'service', id: serviceId }, method: { ...method, shares: [{ consumerCostCenterId: itOps, percent: '90' }] } }), 409);
      const revised = await patch(`/allocation-rules/${rule.body.id}`, { method: { kind: 'equal', consumerCostCenterIds: [itOps, sales] } }, { 'if-match': '"0"' });
      expect([revised.status, revised.headers.get('etag')]).toEqual([200, '"1"']);
      const retired = await post(`/allocation-rules/${rule.body.id}/retire`, undefined);
      expect(retired.body.status).toBe('retired');
      const listed = await get(`/allocation-rules?sourceKind=pool&sourceId=${pool.body.id}`, afterWrite(retired));
      expect(listed.body.items).toEqual([expect.objectContaining({ id: rule.body.id, status: 'retired', method: { kind: 'equal', consumerCostCenterIds: [itOps, sales] } })]);
      expect((await get(`/cost-pools/${pool.body.id}`)).body.name).toBe('Hosting');
      expect((await patch(`/cost-pools/${pool.body.id}`, { name: 'Cloud hosting' })).body.name).toBe('Cloud hosting');
      expect((await get(`/cost-pools?ownerCostCenterId=${itOps}`, afterWrite(retired))).body.items.map((item: { id: string }) => item.id)).toEqual([pool.body.id]);
    });
  });

  describe('usage', () => {
    it('records a batch (201), replays it by reference (200), refuses other records under it (409), and sums per period', async () => {
      const body = { reference: 'meter-2026-03-01', records: [{ serviceId, consumerCostCenterId: sales, unit: 'mailbox', quantity: '25', postedOn: '2026-03-01', reference: 'r1' }] };
      const recorded = await post('/usage', body);
      expect([recorded.status, recorded.body.records]).toEqual([201, body.records]);
      const replay = await post('/usage', body);
      expect([replay.status, replay.body.id]).toEqual([200, recorded.body.id]);
      expectProblem(await post('/usage', { ...body, records: [{ ...body.records[0], quantity: '26' }] }), 409);
      expectProblem(await post('/usage', { ...body, reference: 'other', records: [{ ...body.records[0], serviceId: newId() }] }), 409);
      const totals = await get('/usage?period=2026-Q1', afterWrite(recorded));
      expect(totals.body).toEqual({ period: '2026-Q1', items: [{ serviceId, consumerCostCenterId: sales, unit: 'mailbox', quantity: '25', records: 1 }] });
      expectProblem(await get('/usage'), 400);
    });
  });

  describe('ledger imports (text/csv, streamed)', () => {
    const header = 'date,account,cost_pool,cost_center,amount,currency,source_reference,description';

    it('imports 1,000 lines in EUR and USD: 201, its status, its lines by period', async () => {
      const lines = Array.from({ length: 1000 }, (_, index) => `2026-03-${String((index % 28) + 1).padStart(2, '0')},6200,,${index % 2 ? 'IT-OPS' : 'sales'},${index % 3 ? '10.00' : '-2.50'},${index % 4 ? 'EUR' : 'USD'},JE-${index},Licence ${index}`);
      const importId = newId();
      const imported = await postCsv(`/ledger-imports?importId=${importId}&fileName=gl-march.csv`, `${header}\n${lines.join('\n')}\n`);
      expect([imported.status, imported.headers.get('location')]).toEqual([201, `/api/v1/finance/ledger-imports/${importId}`]);
      expect(imported.body).toMatchObject({ id: importId, status: 'imported', fileName: 'gl-march.csv', processed: 1000, total: 1000, errorCount: 0, firstPostedOn: '2026-03-01', lastPostedOn: '2026-03-28' });
      expect(imported.body.totals.map((total: { currency: string }) => total.currency)).toEqual(['EUR', 'USD']);
      const status = await get(`/ledger-imports/${importId}`, {}, auditor);
      expect([status.status, status.body.status, status.body.processed, status.headers.get('etag')]).toEqual([200, 'imported', 1000, '"2"']);
      const march = await get(`/ledger-lines?period=2026-03&costCenterId=${itOps}&limit=100`, afterWrite(imported));
      expect(march.body.items).toHaveLength(100);
      expect(march.body.items[0]).toMatchObject({ importId, account: '6200', target: { kind: 'cost-center', id: itOps }, sourceReference: expect.stringMatching(/^JE-\d+$/) });
      expect((await get('/ledger-imports')).body.items).toEqual([expect.objectContaining({ id: importId, lineCount: 1000, importedBy: 'fiona' })]);
      const again = await postCsv(`/ledger-imports?importId=${importId}&fileName=gl-march.csv`, `${header}\n${lines.join('\n')}\n`);
      expect([again.status, again.body.status]).toEqual([200, 'imported']);
      expectProblem(await postCsv('/ledger-imports', `${header}\n${lines.join('\n')}\n`), 409);
    });

    it('imports nothing when a line is bad: 400 naming every bad line by number', async () => {
      const lines = Array.from({ length: 50 }, (_, index) => `2026-03-02,6300,,IT-OPS,5.00,EUR,JE-X${index},ok`);
      lines[11] = '2026-03-02,6300,,IT-OPS,5.001,EUR,JE-X11,three decimals';
      lines[40] = '2026-02-30,6300,,IT-OPS,5.00,EUR,JE-X40,no such day';
      const before = await head();
      const importId = newId();
      const rejected = await postCsv(`/ledger-imports?importId=${importId}`, `${header}\n${lines.join('\n')}\n`);
      expectProblem(rejected, 400);
      expect(rejected.body).toMatchObject({ importId, errorCount: 2, lines: [{ line: 13, problems: ['The amount "5.001" has more decimal places than EUR has (2)'] }, { line: 42, problems: ['date "2026-02-30" is not a day (YYYY-MM-DD)'] }] });
      expect(rejected.body.errors).toEqual([
        { field: 'line 13', message: 'The amount "5.001" has more decimal places than EUR has (2)' },
        { field: 'line 42', message: 'date "2026-02-30" is not a day (YYYY-MM-DD)' },
      ]);
      expect(await head()).toBe(before);
      expect((await get(`/ledger-imports/${importId}`)).body).toMatchObject({ status: 'rejected', processed: 50, errorCount: 2 });
    });

    it('names an import by the caller’s Idempotency-Key when no importId is given: a retry of the file is a replay', async () => {
      const csv = `${header}\n2026-03-03,6400,,IT-OPS,12.00,EUR,JE-K1,keyed\n`;
      const first = await postCsv('/ledger-imports', csv, { 'idempotency-key': 'gl-upload-7' });
      const retry = await postCsv('/ledger-imports', csv, { 'idempotency-key': 'gl-upload-7' });
      expect([first.status, retry.status, retry.body.id, retry.headers.get('idempotent-replayed')]).toEqual([201, 200, first.body.id, 'true']);
      expectProblem(await postCsv('/ledger-imports', `${header}\n2026-03-03,6400,,IT-OPS,13.00,EUR,JE-K2,other\n`, { 'idempotency-key': 'gl-upload-7' }), 409);
    });

    it('takes CSV only on the import route, and only CSV there (415)', async () => {
      expectProblem(await postCsv('/cost-centers', 'code,name\nX,Y\n'), 415);
      expectProblem(await post('/ledger-imports', { lines: [] }), 415);
      expectProblem(await postCsv('/ledger-imports', `${header}\n2026-03-02,6300,,IT-OPS,5.00,EUR,JE-1,x\n`, { authorization: `Bearer ${agent}` }), 403);
    });
  });

  describe('labour and settings', () => {
    it('prices work logged on incidents with a rate card, and tells the reporting currency', async () => {
      const incidentId = newId();
      const card = await post('/rate-cards', { name: 'Labour' });
      await post(`/rate-cards/${card.body.id}/versions`, { effectiveFrom: '2026-03-01', currency: 'EUR', roleRates: { agent: eur('60.00') }, unitPrices: {} });
      const metadata = { actor: { id: 'adam', role: 'agent' }, correlationId: newId() };
      const appended = await app.store.appendToStream(
        incidentStreamId(incidentId),
        [
          { type: 'IncidentOpened', data: { incidentId, number: 'INC0000001', serviceId, offeringId: null, priority: 'P3', callerId: 'c', shortDescription: 's', description: 'd', impact: 2, urgency: 2, state: 'new', openedAt: '2026-03-04T08:00:00.000Z' }, metadata },
          { type: 'IncidentWorkLogged', data: { incidentId, entryId: 'w1', entry: 'Fixed', minutesSpent: 90, loggedBy: 'adam', loggedAt: '2026-03-04T10:00:00.000Z' }, metadata },
        ],
        { expectedRevision: 'no-stream' },
      );
      await app.caughtUp(appended.lastGlobalPosition);
      const labour = await get(`/labour?period=2026-03&rateCardId=${card.body.id}`);
      expect(labour.body.totals).toEqual([{ serviceId, minutes: 90, cost: eur('90.00') }]);
      expect(labour.body.entries).toEqual([expect.objectContaining({ incidentNumber: 'INC0000001', role: 'agent', cost: eur('90.00'), rateCardVersion: 1 })]);
      expect((await get('/settings', {}, auditor)).body).toEqual({ reportingCurrency: 'EUR' });
    });
  });
});
