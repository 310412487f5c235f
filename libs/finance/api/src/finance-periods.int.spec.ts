import { createHash } from 'node:crypto';
import { incidentStreamId, serviceStreamId } from '@itsm/contracts';
import { newId, waitUntil, type NewEvent } from '@itsm/event-sourcing';
import { financeApplicationProjections } from '@itsm/finance-application';
import { canonicalJson } from '@itsm/finance-domain';
// The spec plays the host, which joins the api and read-model libs (as apps/finance and apps/platform do).
// eslint-disable-next-line @nx/enforce-module-boundaries
import { createFinanceReadModels, financeProjections } from '@itsm/finance-read-models';
import { call, startFinanceTestApp, type Answer, type FinanceTestApp } from './testing/finance-test-app';

const now = new Date('2026-04-02T12:00:00.000Z');
const eur = (amount: string) => ({ amount, currency: 'EUR' });
const usd = (amount: string) => ({ amount, currency: 'USD' });

describe('finance period close through HTTP (run → reconcile → statements → close → adjustment → replay)', () => {
  let app: FinanceTestApp;
  let finance: string;
  let agent: string;
  const api = (path: string) => `${app.baseUrl}/api/v1/finance${path}`;
  const as = (token: string, extra: Record<string, string> = {}) => ({ authorization: `Bearer ${token}`, ...extra });
  const post = (path: string, body: unknown, headers: Record<string, string> = {}, token = finance) => call(api(path), { method: 'POST', headers: as(token, headers), body });
  const put = (path: string, body: unknown) => call(api(path), { method: 'PUT', headers: as(finance), body });
  const get = (path: string, headers: Record<string, string> = {}) => call(api(path), { headers: as(finance, headers) });
  const expectProblem = (answer: Answer, status: number) =>
    expect([answer.status, answer.headers.get('content-type')]).toEqual([status, expect.stringMatching(/^application\/problem\+json/)]);
  const head = async () => (await app.store.readAll({ fromPosition: -1, maxCount: 1_000_000 })).events.length;
  const created = async (answer: Promise<Answer>) => {
    const done = await answer;
    expect([done.status, done.body?.detail]).toEqual([expect.any(Number), undefined]);
    return done.body;
  };

  const serviceId = newId();
  const incidentId = newId();
  const gold = newId();
  /** The breach event's id: the service-credit process names its credit after it. */
  let breachEventId: string;
  let sales: string;
  let eng: string;
  let hr: string;
  let rateCardId: string;
  let publishedHashes: Record<string, string>;

  beforeAll(async () => {
    app = await startFinanceTestApp({
      readModels: createFinanceReadModels,
      projections: [...financeProjections, ...financeApplicationProjections()],
      clock: { now: () => now },
    });
    [finance, agent] = await Promise.all([app.token(['finance'], 'fiona'), app.token(['agent'], 'adam')]);
    const meta = { actor: { id: 'olivia', role: 'service-owner' }, correlationId: newId() };
    const registered: NewEvent = {
      type: 'ServiceRegistered',
      data: { serviceId, number: 'SVC0000007', name: 'Mail', kind: 'business', description: 'Mail', ownerGroup: 'o', supportGroup: 's', criticality: 'high', lifecycle: 'pipeline', registeredAt: '2026-02-01T00:00:00.000Z' },
      metadata: meta,
    };
    const offering: NewEvent = { type: 'ServiceOfferingAdded', data: { serviceId, offeringId: gold, name: 'Mail Gold', calendarId: 'cal', default: true, slaTargets: {} }, metadata: meta };
    await app.store.appendToStream(serviceStreamId(serviceId), [registered, offering], { expectedRevision: 'no-stream' });
    // 100 minutes of agent work on a Mail incident in March: labour of the service (60.00 EUR an hour → 100.00 EUR).
    const incident = await app.store.appendToStream(
      incidentStreamId(incidentId),
      [
        { type: 'IncidentOpened', data: { incidentId, number: 'INC0000042', serviceId, offeringId: gold, priority: 'P1', callerId: 'c', shortDescription: 's', description: 'd', impact: 1, urgency: 1, state: 'new', openedAt: '2026-03-03T08:00:00.000Z' }, metadata: meta },
        { type: 'IncidentWorkLogged', data: { incidentId, entryId: 'w1', entry: 'work', minutesSpent: 60, loggedBy: 'adam', loggedAt: '2026-03-03T09:00:00.000Z' }, metadata: { ...meta, actor: { id: 'adam', role: 'agent' } } },
        { type: 'IncidentWorkLogged', data: { incidentId, entryId: 'w2', entry: 'work', minutesSpent: 40, loggedBy: 'adam', loggedAt: '2026-03-04T09:00:00.000Z' }, metadata: { ...meta, actor: { id: 'adam', role: 'agent' } } },
      ],
      { expectedRevision: 'no-stream' },
    );
    await app.caughtUp(incident.lastGlobalPosition);

    sales = (await created(post('/cost-centers', { code: 'SALES', name: 'Sales', currency: 'EUR' }))).id;
    eng = (await created(post('/cost-centers', { code: 'ENG', name: 'Engineering', currency: 'USD' }))).id;
    hr = (await created(post('/cost-centers', { code: 'HR', name: 'People', currency: 'EUR' }))).id;
    const pool = (await created(post('/cost-pools', { name: 'Hosting', currency: 'EUR', ownerCostCenterId: sales }))).id;
    await created(post('/exchange-rates', { from: 'USD', to: 'EUR', date: '2026-03-01', rate: '0.9' }));
    await created(post('/exchange-rates', { from: 'EUR', to: 'USD', date: '2026-03-01', rate: '1.1' }));
    rateCardId = (await created(post('/rate-cards', { name: 'Labour 2026' }))).id;
    await created(post(`/rate-cards/${rateCardId}/versions`, { effectiveFrom: '2026-01-01', currency: 'EUR', roleRates: { agent: eur('60.00') }, unitPrices: {} }));
    // The pool by percentage (33.33 / 33.33 / 33.34 of 960.00: two cents left, to the two largest remainders); the service by mailboxes.
    await created(post('/allocation-rules', { name: 'Hosting', source: { kind: 'pool', id: pool }, method: { kind: 'percentage', shares: [{ consumerCostCenterId: sales, percent: '33.33' }, { consumerCostCenterId: eng, percent: '33.33' }, { consumerCostCenterId: hr, percent: '33.34' }] } }));
    await created(post('/allocation-rules', { name: 'Mail', source: { kind: 'service', id: serviceId }, method: { kind: 'usage-units', unit: 'mailbox' } }));
    await created(post('/usage', { reference: 'mail-march', records: [
      { serviceId, consumerCostCenterId: sales, unit: 'mailbox', quantity: '1', postedOn: '2026-03-05' },
      { serviceId, consumerCostCenterId: eng, unit: 'mailbox', quantity: '2', postedOn: '2026-03-05' },
      { serviceId, consumerCostCenterId: hr, unit: 'mailbox', quantity: '5', postedOn: '2026-04-05' },
    ] }));
    const header = 'date,account,cost_pool,cost_center,amount,currency,source_reference,description';
    const csv = [header, `2026-03-02,6200,${pool},,600.00,EUR,JE-1,Hosting EU`, `2026-03-10,6200,${pool},,400.00,USD,JE-2,Hosting US`, '2026-03-03,6100,,HR,99.99,EUR,JE-3,Training', '2026-04-03,6100,,HR,1.00,EUR,JE-4,April'].join('\n');
    const imported = await call(api('/ledger-imports?fileName=gl.csv'), { method: 'POST', headers: as(finance, { 'content-type': 'text/csv' }), rawBody: `${csv}\n` });
    expect(imported.status).toBe(201);
    // A P1 resolution breach on Mail Gold, whose credit policy gives Sales 10 % of a 125.00 EUR monthly fee: the
    // service-credit process accrues 12.50 EUR, which the period's run takes through PeriodCredits.
    await created(put(`/credit-policies/${gold}`, { effectiveFrom: '2026-01-01', consumerCostCenterId: sales, tiers: [{ priority: 'P1', timerKind: 'resolution', percentOfMonthlyFee: '10' }], capPercentOfMonthlyFee: '100', monthlyFee: eur('125.00') }));
    await app.store.appendToStream(
      incidentStreamId(incidentId),
      [
        { type: 'SlaTimerStarted', data: { incidentId, kind: 'resolution', priority: 'P1', offeringId: gold, calendarId: 'cal', targetMinutes: 240, startedAt: '2026-03-20T06:00:00.000Z', dueAt: '2026-03-20T10:00:00.000Z' }, metadata: meta },
        { type: 'SlaBreached', data: { incidentId, kind: 'resolution', dueAt: '2026-03-20T10:00:00.000Z', breachedAt: '2026-03-20T10:00:00.000Z' }, metadata: meta },
      ],
      { expectedRevision: 2 },
    );
    breachEventId = String((await app.store.readStream(incidentStreamId(incidentId))).at(-1)?.eventId);
    await waitUntil('the service credit to be accrued', async () => (await get('/credits?period=2026-03')).body.items?.length === 1, 15_000);
  });
  afterAll(() => app?.close());

  it('runs the period: 200 with the run’s inputs recorded (rule and rate-card revisions, rates by day, ledger import with line count and hash, credit ids)', async () => {
    expectProblem(await post('/periods/2026-03/run', { labourRateCardId: rateCardId }, {}, agent), 403);
    expectProblem(await post('/periods/2026-13/run', {}), 400);
    const unpriced = await post('/periods/2026-03/run', {});
    expectProblem(unpriced, 409);
    expect(unpriced.body.detail).toBe('Labour was logged in the period: name the rate card that prices it (labourRateCardId)');
    const run = await post('/periods/2026-03/run', { labourRateCardId: rateCardId }, { 'idempotency-key': 'run-1' });
    expect([run.status, run.headers.get('etag'), run.body.status, run.body.runNumber, run.body.balanced]).toEqual([200, '"0"', 'run', 1, true]);
    expect(run.body.inputs).toMatchObject({
      reportingCurrency: 'EUR',
      ledgerImports: [expect.objectContaining({ lineCount: 3, linesSha256: expect.stringMatching(/^[0-9a-f]{64}$/), contentSha256: expect.stringMatching(/^[0-9a-f]{64}$/) })],
      usageBatches: [expect.objectContaining({ recordCount: 2 })],
      rules: [expect.objectContaining({ revision: 0 }), expect.objectContaining({ revision: 0 })],
      labourRateCard: { rateCardId, revision: 1 },
      labour: { entries: 2 },
      creditIds: [breachEventId],
      exchangeRates: [
        { from: 'EUR', to: 'USD', day: '2026-03-31', rateDay: '2026-03-01', rate: '1.1' },
        { from: 'USD', to: 'EUR', day: '2026-03-10', rateDay: '2026-03-01', rate: '0.9' },
      ],
    });
    const again = await post('/periods/2026-03/run', { labourRateCardId: rateCardId }, { 'idempotency-key': 'run-1' });
    expect([again.status, again.headers.get('idempotent-replayed'), again.body.runNumber]).toEqual([200, 'true', 1]);
  });

  it('reconciles every layer to the ledger; the 2 cents left land by the largest remainder; rounding is its own line', async () => {
    const reconciliation = await get('/periods/2026-03/reconciliation');
    expect(reconciliation.status).toBe(200);
    expect(reconciliation.body).toMatchObject({
      runNumber: 1,
      balanced: true,
      ledger: { lineCount: 3, total: eur('1059.99'), byCurrency: [{ currency: 'EUR', lineCount: 2, amount: eur('699.99'), reportingAmount: eur('699.99') }, { currency: 'USD', lineCount: 1, amount: usd('400.00'), reportingAmount: eur('360.00') }] },
      pools: [expect.objectContaining({ amount: eur('960.00'), allocated: eur('960.00'), unallocated: eur('0.00') })],
      direct: [{ costCenterId: hr, amount: eur('99.99') }],
      services: [{ serviceId, labour: eur('100.00'), allocated: eur('100.00'), unallocated: eur('0.00') }],
      labour: eur('100.00'),
      credits: eur('12.50'),
      unallocated: [],
      rounding: [{ costCenterId: eng, amount: usd('-0.01'), reason: expect.stringContaining('386.64 EUR is 425.30 USD') }],
    });
    expect(reconciliation.body.checks.every((check: { balanced: boolean }) => check.balanced)).toBe(true);
    const consumers = Object.fromEntries(reconciliation.body.consumers.map((c: { costCenterId: string; total: { amount: string } }) => [c.costCenterId, c.total.amount]));
    // 319.97 + 33.33 − 12.50; 319.97 + 66.67; 99.99 + 320.06 — together 1059.99 + 100.00 − 12.50.
    expect(consumers).toEqual({ [sales]: '340.80', [eng]: '386.64', [hr]: '420.05' });
  });

  it('runs again while open (run 2), then publishes one statement per cost center, in showback or chargeback', async () => {
    const rerun = await post('/periods/2026-03/run', {}, { 'if-match': '"0"' });
    expect([rerun.status, rerun.body.runNumber, rerun.body.inputs.labourRateCard]).toEqual([200, 2, { rateCardId, revision: 1 }]);
    expectProblem(await post('/periods/2026-03/publish', { mode: 'showback' }, { 'if-match': '"0"' }), 412);
    expectProblem(await post('/periods/2026-03/publish', { mode: 'invoice' }), 400);
    const published = await post('/periods/2026-03/publish', { mode: 'showback', costCenterModes: { [eng]: 'chargeback' } }, { 'if-match': '"1"' });
    expect([published.status, published.body.status, published.headers.get('etag')]).toEqual([200, 'published', '"5"']);
    expect(published.body.statements.map((s: { costCenterId: string; mode: string }) => [s.costCenterId, s.mode])).toEqual(
      [[sales, 'showback'], [eng, 'chargeback'], [hr, 'showback']].sort(([a], [b]) => (a < b ? -1 : 1)),
    );
    publishedHashes = Object.fromEntries(published.body.statements.map((s: { statementId: string; contentHash: string }) => [s.statementId, s.contentHash]));
    const list = await get('/periods/2026-03/statements?limit=2');
    expect(list.body.items).toHaveLength(2);
    const rest = await get(`/periods/2026-03/statements?limit=2&cursor=${list.body.nextCursor}`);
    expect([rest.body.items.length, rest.body.nextCursor]).toEqual([1, null]);
    expect((await get(`/periods/2026-03/statements?mode=chargeback`)).body.items.map((s: { costCenterId: string }) => s.costCenterId)).toEqual([eng]);
    expectProblem(await get('/periods/2026-03/statements?cursor=nonsense'), 400);
    const byQuery = await get(`/statements?period=2026-03&costCenterId=${hr}`);
    expect(byQuery.body.items).toEqual([expect.objectContaining({ id: `2026-03.${hr}`, mode: 'showback', lineCount: 2, reportingTotal: eur('420.05'), contentHash: publishedHashes[`2026-03.${hr}`] })]);
    expectProblem(await get('/statements'), 400);
  });

  it('shows each line’s origin in both currencies; a credit names its incident and breach event; the content hash is sha256 of the canonical JSON', async () => {
    const salesStatement = await get(`/statements/2026-03.${sales}`);
    expect([salesStatement.status, salesStatement.headers.get('etag')]).toEqual([200, `"${publishedHashes[`2026-03.${sales}`]}"`]);
    expect(salesStatement.body).toMatchObject({ mode: 'showback', currency: 'EUR', total: eur('340.80'), reportingTotal: eur('340.80'), amountDue: null });
    expect(salesStatement.body.lines.map((l: { kind: string; reportingAmount: { amount: string } }) => [l.kind, l.reportingAmount.amount])).toEqual([['pool', '319.97'], ['service', '33.33'], ['credit', '-12.50']]);
    expect(salesStatement.body.lines[1]).toMatchObject({ source: { kind: 'service', id: serviceId }, ruleRevision: 0, basis: { method: 'usage-units', share: '1', of: '3', unit: 'mailbox' } });
    expect(salesStatement.body.lines[2]).toMatchObject({ incidentNumber: 'INC0000042', breachEventId, creditId: breachEventId });
    const { contentHash, id: _id, ...content } = salesStatement.body;
    expect(createHash('sha256').update(canonicalJson(content)).digest('hex')).toBe(contentHash);

    const engStatement = await get(`/statements/2026-03.${eng}`);
    expect(engStatement.body).toMatchObject({ mode: 'chargeback', currency: 'USD', total: usd('425.30'), reportingTotal: eur('386.64'), amountDue: usd('425.30') });
    expect(engStatement.body.lines.map((l: { kind: string; amount: { amount: string }; reportingAmount: { amount: string } }) => [l.kind, l.reportingAmount.amount, l.amount.amount])).toEqual([
      ['pool', '319.97', '351.97'],
      ['service', '66.67', '73.34'],
      ['rounding', '0.00', '-0.01'],
    ]);

    const csv = await fetch(api(`/statements/2026-03.${eng}?format=csv`), { headers: as(finance) });
    const text = await csv.text();
    expect([csv.status, csv.headers.get('content-type')]).toEqual([200, 'text/csv; charset=utf-8']);
    expect(text.split('\r\n')[0]).toMatch(/^statement_id,period,cost_center_id,cost_center_code,mode,content_hash,line_id,kind,description,posted_on,amount,currency,reporting_amount/);
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(4);
    expect(text).toContain(`,3,rounding,`);
    const byAccept = await fetch(api(`/statements/2026-03.${hr}`), { headers: as(finance, { accept: 'text/csv' }) });
    expect([byAccept.headers.get('content-type'), (await byAccept.text()).includes(',ledger,Ledger account 6100 (1 line),')]).toEqual(['text/csv; charset=utf-8', true]);
    expectProblem(await get(`/statements/2026-03.${newId()}`), 404);
    expectProblem(await get('/statements/nonsense'), 404);
  });

  it('closes the period; a closed period refuses every command, and nothing is appended', async () => {
    expectProblem(await post('/periods/2026-03/close', undefined, { 'if-match': '"4"' }), 412);
    const closed = await post('/periods/2026-03/close', undefined);
    expect([closed.status, closed.body.status, closed.body.closedAt]).toEqual([200, 'closed', now.toISOString()]);
    const before = await head();
    const refused = await post('/periods/2026-03/run', {});
    expectProblem(refused, 409);
    expect(refused.body.detail).toBe('Period 2026-03 is closed and cannot change: a correction is an adjustment in the next open period');
    expectProblem(await post('/periods/2026-03/publish', {}), 409);
    expectProblem(await post('/periods/2026-03/close', undefined), 409);
    expect(await head()).toBe(before);
  });

  it('takes a correction as an adjustment naming the closed statement line; it lands in the next open period and its next run', async () => {
    expectProblem(await post('/adjustments', { statementId: `2026-03.${hr}`, lineId: '1', amount: usd('-10.00'), reason: 'Training refunded' }), 409);
    expectProblem(await post('/adjustments', { statementId: `2026-03.${hr}`, lineId: '99', amount: eur('-10.00'), reason: 'Training refunded' }), 409);
    expectProblem(await post('/adjustments', { statementId: `2026-03.${newId()}`, amount: eur('-10.00'), reason: 'x' }), 404);
    expectProblem(await post('/adjustments', { statementId: 'march', amount: eur('-10.00'), reason: 'x' }), 400);
    expectProblem(await post('/adjustments', { statementId: `2026-03.${hr}`, amount: { amount: -10, currency: 'EUR' }, reason: 'x' }), 400);
    const adjustment = await post('/adjustments', { statementId: `2026-03.${hr}`, lineId: '1', amount: eur('-10.00'), reason: 'Training refunded' });
    expect([adjustment.status, adjustment.headers.get('location'), adjustment.body]).toEqual([
      201,
      '/api/v1/finance/periods/2026-04',
      { period: '2026-04', adjustmentId: expect.any(String), correctsPeriod: '2026-03', correctsStatementId: `2026-03.${hr}`, correctsLineId: '1', costCenterId: hr, amount: eur('-10.00'), reason: 'Training refunded', postedAt: now.toISOString() },
    ]);
    const april = await post('/periods/2026-04/run', {});
    expect([april.status, april.body.inputs.adjustmentIds]).toEqual([200, [adjustment.body.adjustmentId]]);
    const reconciliation = await get('/periods/2026-04/reconciliation');
    expect([reconciliation.body.adjustments, reconciliation.body.balanced]).toEqual([eur('-10.00'), true]);
    await post('/periods/2026-04/publish', {});
    const hrApril = await get(`/statements/2026-04.${hr}`);
    expect(hrApril.body.lines).toContainEqual(
      expect.objectContaining({ kind: 'adjustment', reportingAmount: eur('-10.00'), correctsPeriod: '2026-03', correctsStatementId: `2026-03.${hr}`, correctsLineId: '1', adjustmentId: adjustment.body.adjustmentId }),
    );
    // The April statement has April's own ledger line and usage too (the March run never saw them).
    expect(hrApril.body.lines.map((l: { kind: string }) => l.kind)).toEqual(['ledger', 'adjustment']);
    // April is published now: a further correction of March goes to May.
    const next = await post('/adjustments', { statementId: `2026-03.${sales}`, amount: eur('5.00'), reason: 'Late licence' });
    expect([next.status, next.body.period]).toEqual([201, '2026-05']);
    expect((await get('/periods/2026-03')).body.adjustments).toEqual([]);
  });

  it('replays the closed period from the log with the versions it recorded: the same hashes', async () => {
    // A rule revised after the close does not change the replay: it reads the rule as the run recorded it.
    const rules = await get('/allocation-rules');
    const mail = rules.body.items.find((rule: { name: string }) => rule.name === 'Mail');
    expect((await call(api(`/allocation-rules/${mail.id}`), { method: 'PATCH', headers: as(finance), body: { method: { kind: 'equal', consumerCostCenterIds: [sales, eng] } } })).status).toBe(200);
    const replay = await post('/periods/2026-03/replay', undefined);
    expect([replay.status, replay.body.matches, replay.body.inputDifferences]).toEqual([200, true, []]);
    expect(Object.fromEntries(replay.body.statements.map((s: { statementId: string; replayedHash: string }) => [s.statementId, s.replayedHash]))).toEqual(publishedHashes);
    expectProblem(await post('/periods/2026-06/replay', undefined), 409);
    const period = await get('/periods/2026-03');
    expect([period.status, period.headers.get('etag'), period.body.status]).toEqual([200, '"6"', 'closed']);
    expectProblem(await get('/periods/2027-01'), 404);
  });
});
