import { expect } from '@jest/globals';
import { budgetStreamId, incidentStreamId } from '@itsm/contracts';
import { call, waitUntil, type JsonAnswer, type Role } from '@itsm/platform-kit';
import { acceptanceLedger, centsToDecimal as decimal, LEDGER_LINE_COUNT, LEDGER_PERIOD as PERIOD, USD_TO_EUR } from './finance-acceptance-ledger';

/*
 * Issue 11's acceptance scenario for IT finance, through HTTP only, in ONE place (as `runChangesAcceptanceScenario`):
 * the embedded platform's spec (apps/platform/test/finance-acceptance.int.spec.ts) runs it against its base URL, and a
 * distributed host (gateway → catalog, incidents and finance processes) can run the same steps against the gateway.
 *
 * March 2026, reporting currency EUR, three cost centers (SALES EUR, ENG USD, HR EUR):
 * - a 1,000-line ledger in EUR and USD (finance-acceptance-ledger.ts) imported as CSV, the USD → EUR rates entered
 *   through the API: 10 lines on HR directly, the rest on the ERP hosting cost pool;
 * - the ERP hosting pool shared by percentage, SALES 40 / HR 30 / ENG 30: one cent is left over, both 30 % shares
 *   have the same remainder (half a cent), and the documented tie-break (money/allocate: largest remainder, on equal
 *   remainders the line earlier in the rule's order) gives it to HR;
 * - the Mail service (catalog API, a Berlin 9–17 calendar, a Gold offering with SLA targets) shared by usage units
 *   (mailboxes posted through the API: 10 / 20 / 30); its cost is the labour logged on its incidents (90 minutes at
 *   60.00 EUR an hour);
 * - SALES' budget crosses 80 % once, and stays above it after a further posting: one BudgetThresholdCrossed;
 * - a P1 on Mail breaches its resolution target (the incidents' clock and SLA timers driven by the host): the Gold
 *   offering's credit policy gives SALES 10 % of a 125.00 EUR monthly fee, a credit line on SALES' statement naming
 *   the incident number and the breach event id;
 * - the period is run, reconciled, published, closed and replayed (the same hash for every statement); a correction
 *   after the close lands in April, March's statements unchanged.
 */

/** Where the scenario runs, and how it moves the incidents' time (the only thing it does not do over HTTP). */
export interface FinanceAcceptanceHost {
  /** `http://127.0.0.1:<port>`, without `/api/v1`. */
  baseUrl: string;
  /** Authorization headers of a caller `sub` with these roles. */
  headersFor(roles: Role[], sub: string): Promise<Record<string, string>>;
  /** The incidents' clock and durable SLA timers: set the instant, then poll the due timers once (as the scheduler does). */
  sla: { setTime(instant: string): void; runTimers(): Promise<unknown> };
  /** How long a fact of another context may take to arrive (default 30 s). */
  propagationMs?: number;
  /** Told each step as it starts (long runs show progress). */
  progress?(step: string): void;
}

export interface FinanceAcceptanceOutcome {
  costCenters: { sales: string; eng: string; hr: string };
  incident: { id: string; number: string };
  breachEventId: string;
  /** Statement id → content hash, as published in March. */
  marchHashes: Record<string, string>;
  adjustmentId: string;
}

const eur = (cents: bigint) => ({ amount: decimal(cents), currency: 'EUR' });
/** A Berlin local instant of March 2026 (CET, +01:00): '10T09:00' is Tuesday 10 March, 09:00. */
const berlin = (local: string) => new Date(`2026-03-${local}+01:00`).toISOString();
/** Half to even, as the finance domain rounds a conversion once. */
const roundHalfEven = (numerator: bigint, denominator: bigint): bigint => {
  const floor = numerator / denominator;
  const twice = 2n * (numerator % denominator);
  return twice > denominator || (twice === denominator && floor % 2n !== 0n) ? floor + 1n : floor;
};
const BERLIN_OFFICE = { name: 'Berlin office', timeZone: 'Europe/Berlin', weeklyHours: (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((day) => ({ day, from: '09:00', to: '17:00' })), holidays: [] };
const GOLD_TARGETS = { P1: { responseMinutes: 60, resolutionMinutes: 240 }, P2: { responseMinutes: 120, resolutionMinutes: 480 }, P3: { responseMinutes: 240, resolutionMinutes: 960 }, P4: { responseMinutes: 480, resolutionMinutes: 1920 }, P5: { responseMinutes: 960, resolutionMinutes: 3840 } };

interface StatementLine {
  lineId: string;
  kind: string;
  reportingAmount: { amount: string; currency: string };
  amount: { amount: string; currency: string };
  incidentNumber?: string;
  breachEventId?: string;
  source?: { kind: string; id: string };
  basis?: { method: string; share: string; of: string };
  correctsPeriod?: string;
  adjustmentId?: string;
}

export const runFinanceAcceptanceScenario = async (host: FinanceAcceptanceHost): Promise<FinanceAcceptanceOutcome> => {
  const propagationMs = host.propagationMs ?? 30_000;
  const step = (text: string) => host.progress?.(text);
  const api = (path: string) => `${host.baseUrl}/api/v1${path}`;
  const as = (roles: Role[], sub: string) => host.headersFor(roles, sub);
  const send = async (method: 'POST' | 'PUT', path: string, who: Promise<Record<string, string>>, body: unknown = {}, headers: Record<string, string> = {}) =>
    call(api(path), { method, headers: { ...(await who), ...headers }, body });
  const get = async (path: string, who: Promise<Record<string, string>>, headers: Record<string, string> = {}) => call(api(path), { headers: { ...(await who), ...headers } });
  const expectStatus = (answer: JsonAnswer, status: number, what: string): JsonAnswer => {
    if (answer.status !== status) throw new Error(`${what}: expected ${status}, got ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer;
  };
  const after = (write: JsonAnswer) => ({ 'x-wait-for-position': write.headers.get('x-log-position') ?? '' });
  const eventually = <T>(what: string, probe: () => Promise<T | undefined>) => waitUntil(what, probe, propagationMs);

  const owner = as(['service-owner'], 'olivia');
  const agent = as(['agent'], 'adam');
  const finance = as(['finance'], 'fiona');
  const auditor = as(['auditor'], 'audrey');
  const financePost = async (path: string, body: unknown, what: string, status = 201) => expectStatus(await send('POST', `/finance${path}`, finance, body), status, what).body;
  /** The events of one stream and type, as the auditors' search of the log shows them. */
  const eventsOf = async (streamId: string, type: string) =>
    expectStatus(await get(`/audit/events?streamId=${encodeURIComponent(streamId)}&type=${type}&limit=100`, auditor), 200, `the ${type} events of ${streamId}`).body.items as { eventId: string; data: Record<string, unknown> }[];

  step('the catalog: a Berlin 9–17 calendar, the Mail service live with its Gold offering (P1 resolution 240 minutes)');
  const calendar = expectStatus(await send('POST', '/calendars', owner, BERLIN_OFFICE), 201, 'publish the calendar');
  const mailService = expectStatus(await send('POST', '/services', owner, { name: 'Mail', kind: 'business', description: 'Corporate mail', ownerGroup: 'messaging', supportGroup: 'service-desk' }), 201, 'register Mail');
  const mailServiceId = mailService.body.id as string;
  const gold = expectStatus(await send('POST', `/services/${mailServiceId}/offerings`, owner, { name: 'Gold', calendarId: calendar.body.id, slaTargets: GOLD_TARGETS }), 201, 'add the Gold offering');
  const goldOfferingId = (gold.body.offeringId ?? gold.body.id) as string;
  const live = expectStatus(await send('POST', `/services/${mailServiceId}/go-live`, owner), 200, 'Mail goes live');

  step('finance: three cost centers, the USD rates by day, the ERP hosting pool, a rate card');
  const sales = (await financePost('/cost-centers', { code: 'SALES', name: 'Sales', currency: 'EUR' }, 'open SALES')).id as string;
  const eng = (await financePost('/cost-centers', { code: 'ENG', name: 'Engineering', currency: 'USD' }, 'open ENG')).id as string;
  const hr = (await financePost('/cost-centers', { code: 'HR', name: 'People', currency: 'EUR' }, 'open HR')).id as string;
  for (const { date, rate } of USD_TO_EUR) await financePost('/exchange-rates', { from: 'USD', to: 'EUR', date, rate }, `USD → EUR on ${date}`);
  // ENG's statement is in USD: converted at the rate of the period's last day.
  await financePost('/exchange-rates', { from: 'EUR', to: 'USD', date: '2026-03-01', rate: '1.25' }, 'EUR → USD');
  const pool = (await financePost('/cost-pools', { name: 'ERP hosting', currency: 'EUR', ownerCostCenterId: eng }, 'open the ERP hosting pool')).id as string;
  const rateCardId = (await financePost('/rate-cards', { name: 'Labour 2026' }, 'create the rate card')).id as string;
  await financePost(`/rate-cards/${rateCardId}/versions`, { effectiveFrom: '2026-01-01', currency: 'EUR', roleRates: { agent: { amount: '60.00', currency: 'EUR' } }, unitPrices: {} }, 'publish its version');

  step(`the general ledger: ${LEDGER_LINE_COUNT} lines in EUR and USD, imported as CSV`);
  const ledger = acceptanceLedger(pool);
  const imported = expectStatus(
    await call(api('/finance/ledger-imports?fileName=gl-2026-03.csv'), { method: 'POST', headers: { ...(await finance), 'content-type': 'text/csv' }, rawBody: ledger.csv }),
    201,
    'import the ledger',
  );
  const importId = (imported.body.importId ?? imported.body.id) as string;
  const importStatus = expectStatus(await get(`/finance/ledger-imports/${importId}`, finance), 200, 'the import').body;
  expect(importStatus).toMatchObject({ status: 'imported', processed: LEDGER_LINE_COUNT, total: LEDGER_LINE_COUNT });

  step('allocation rules: the pool by percentage (SALES 40, HR 30, ENG 30), Mail by mailboxes used');
  await financePost('/allocation-rules', { name: 'ERP hosting', source: { kind: 'pool', id: pool }, method: { kind: 'percentage', shares: [{ consumerCostCenterId: sales, percent: '40' }, { consumerCostCenterId: hr, percent: '30' }, { consumerCostCenterId: eng, percent: '30' }] } }, 'the pool rule');
  await financePost('/allocation-rules', { name: 'Mail', source: { kind: 'service', id: mailServiceId }, method: { kind: 'usage-units', unit: 'mailbox' } }, 'the Mail rule');
  await financePost('/usage', { reference: 'mail-2026-03', records: [
    { serviceId: mailServiceId, consumerCostCenterId: sales, unit: 'mailbox', quantity: '10', postedOn: '2026-03-02' },
    { serviceId: mailServiceId, consumerCostCenterId: eng, unit: 'mailbox', quantity: '20', postedOn: '2026-03-02' },
    { serviceId: mailServiceId, consumerCostCenterId: hr, unit: 'mailbox', quantity: '30', postedOn: '2026-03-02' },
  ] }, 'post the usage');

  step('SALES’ budget: 80 % crossed once, still once after a further posting');
  const budget = (await financePost('/budgets', { costCenterId: sales, period: PERIOD, planned: eur(10_000n) }, 'plan the budget')).id as string;
  const actual = (cents: bigint, day: string) => financePost(`/budgets/${budget}/actuals`, { amount: eur(cents), postedAt: day, source: `invoice ${day}` }, `post ${decimal(cents)}`);
  expect((await actual(5_000n, '2026-03-05')).thresholdsCrossed).toEqual([]);
  expect((await actual(3_500n, '2026-03-10')).thresholdsCrossed).toEqual([80]);
  expect((await actual(500n, '2026-03-20')).thresholdsCrossed).toEqual([80]);
  expect(expectStatus(await get(`/finance/budgets/${budget}`, finance), 200, 'the budget').body).toMatchObject({ actual: eur(9_000n), thresholdsCrossed: [80] });
  const crossings = await eventsOf(budgetStreamId(budget), 'BudgetThresholdCrossed');
  expect(crossings.map((event) => event.data)).toEqual([expect.objectContaining({ threshold: 80, actual: eur(8_500n), planned: eur(10_000n) })]);

  step('the Gold offering’s credit policy: a P1 resolution breach gives SALES 10 % of 125.00 EUR');
  // The finance copy of the catalog learns the offering from the catalog's events.
  await eventually('finance to know the Gold offering', async () => {
    const answer = await send('PUT', `/finance/credit-policies/${goldOfferingId}`, finance, { effectiveFrom: '2026-01-01', consumerCostCenterId: sales, tiers: [{ priority: 'P1', timerKind: 'resolution', percentOfMonthlyFee: '10' }], capPercentOfMonthlyFee: '100', monthlyFee: eur(12_500n) });
    if (answer.status === 404) return undefined;
    return expectStatus(answer, 200, 'the credit policy');
  });

  step('a P1 on Mail, Tuesday 10 March 09:00 Berlin: work starts, 90 minutes logged, the resolution breaches at 13:00');
  host.sla.setTime(berlin('10T09:00'));
  const opened = expectStatus(
    await send('POST', '/incidents', agent, { shortDescription: 'Mail down', description: 'Nobody receives mail', callerId: 'rita', serviceId: mailServiceId, impact: 1, urgency: 1 }, after(live)),
    201,
    'open the P1',
  );
  expect([opened.body.priority, opened.body.offeringId]).toEqual(['P1', goldOfferingId]);
  const incident = { id: opened.body.id as string, number: opened.body.number as string };
  host.sla.setTime(berlin('10T09:10'));
  expectStatus(await send('POST', `/incidents/${incident.id}/start`, agent, { assignTo: { group: 'service-desk', agent: 'adam' } }), 200, 'start work');
  host.sla.setTime(berlin('10T10:10'));
  expectStatus(await send('POST', `/incidents/${incident.id}/worklog`, agent, { entry: 'Traced the relay', minutesSpent: 60 }), 200, 'log 60 minutes');
  host.sla.setTime(berlin('10T11:00'));
  expectStatus(await send('POST', `/incidents/${incident.id}/worklog`, agent, { entry: 'Replaced the relay', minutesSpent: 30 }), 200, 'log 30 minutes');
  host.sla.setTime(berlin('10T13:00'));
  await host.sla.runTimers();
  const breaches = await eventually('the resolution breach', async () => {
    const found = await eventsOf(incidentStreamId(incident.id), 'SlaBreached');
    return found.length > 0 ? found : undefined;
  });
  expect(breaches.map((event) => [event.data['kind'], event.data['breachedAt']])).toEqual([['resolution', berlin('10T13:00')]]);
  const breachEventId = breaches[0].eventId;
  host.sla.setTime(berlin('10T13:30'));
  expectStatus(await send('POST', `/incidents/${incident.id}/resolve`, agent, { code: 'solved-permanently', notes: 'Relay replaced' }), 200, 'resolve');

  step('the credit accrued from the breach event, and the labour learned from the work logs');
  const credit = await eventually('the service credit', async () => {
    const items = (await get(`/finance/credits?period=${PERIOD}`, finance)).body.items as { breachEventId: string }[] | undefined;
    return items?.find((item) => item.breachEventId === breachEventId);
  });
  expect(credit).toMatchObject({ costCenterId: sales, incidentId: incident.id, incidentNumber: incident.number, priority: 'P1', timerKind: 'resolution', amount: eur(1_250n) });
  await eventually('the labour of the P1', async () => {
    const labour = (await get(`/finance/labour?period=${PERIOD}&rateCardId=${rateCardId}`, finance)).body;
    return labour?.totals?.find((total: { serviceId: string; minutes: number }) => total.serviceId === mailServiceId && total.minutes === 90);
  });

  step('run the period: every layer reconciles to the ledger; the pool’s left-over cent goes to HR by the tie-break');
  const run = expectStatus(await send('POST', `/finance/periods/${PERIOD}/run`, finance, { labourRateCardId: rateCardId }), 200, 'run March');
  expect([run.body.status, run.body.balanced, run.body.inputs.creditIds]).toEqual(['run', true, [breachEventId]]);
  const reconciliation = expectStatus(await get(`/finance/periods/${PERIOD}/reconciliation`, finance), 200, 'the reconciliation').body;
  const poolTotal = ledger.poolCents;
  expect(poolTotal % 10n).toBe(5n);
  const [salesPool, hrPool, engPool] = [(poolTotal * 40n) / 100n, (poolTotal * 30n) / 100n + 1n, (poolTotal * 30n) / 100n];
  expect(salesPool + hrPool + engPool).toBe(poolTotal);
  expect(reconciliation).toMatchObject({
    balanced: true,
    ledger: {
      lineCount: LEDGER_LINE_COUNT,
      total: eur(poolTotal + ledger.directCents),
      byCurrency: [
        { currency: 'EUR', lineCount: ledger.eurLineCount, amount: eur(ledger.eurCents) },
        { currency: 'USD', lineCount: ledger.usdLineCount, amount: { amount: decimal(ledger.usdCents), currency: 'USD' } },
      ],
    },
    pools: [{ poolId: pool, amount: eur(poolTotal), allocated: eur(poolTotal), unallocated: eur(0n) }],
    direct: [{ costCenterId: hr, amount: eur(ledger.directCents) }],
    services: [{ serviceId: mailServiceId, labour: eur(9_000n), allocated: eur(9_000n), unallocated: eur(0n) }],
    credits: eur(1_250n),
    unallocated: [],
  });
  expect(reconciliation.checks.every((check: { balanced: boolean }) => check.balanced)).toBe(true);
  const consumers = Object.fromEntries(reconciliation.consumers.map((c: { costCenterId: string; total: { amount: string } }) => [c.costCenterId, c.total.amount]));
  expect(consumers).toEqual({
    [sales]: decimal(salesPool + 1_500n - 1_250n),
    [hr]: decimal(ledger.directCents + hrPool + 4_500n),
    [eng]: decimal(engPool + 3_000n),
  });

  step('publish (ENG in chargeback), read the statements: the pool lines sum to the pool, the credit names its incident');
  const published = expectStatus(await send('POST', `/finance/periods/${PERIOD}/publish`, finance, { mode: 'showback', costCenterModes: { [eng]: 'chargeback' } }), 200, 'publish March');
  const marchHashes: Record<string, string> = Object.fromEntries(published.body.statements.map((s: { statementId: string; contentHash: string }) => [s.statementId, s.contentHash]));
  expect(Object.keys(marchHashes).sort()).toEqual([sales, eng, hr].map((id) => `${PERIOD}.${id}`).sort());
  const statement = async (costCenterId: string) => expectStatus(await get(`/finance/statements/${PERIOD}.${costCenterId}`, finance), 200, `the statement of ${costCenterId}`).body;
  const marchStatements = { sales: await statement(sales), eng: await statement(eng), hr: await statement(hr) };
  const poolLine = (lines: StatementLine[]) => lines.find((line) => line.kind === 'pool' && line.source?.id === pool);
  expect([poolLine(marchStatements.sales.lines), poolLine(marchStatements.hr.lines), poolLine(marchStatements.eng.lines)].map((line) => line?.reportingAmount.amount)).toEqual(
    [salesPool, hrPool, engPool].map(decimal),
  );
  expect(poolLine(marchStatements.hr.lines)?.basis).toMatchObject({ method: 'percentage', share: '30', of: '100' });
  const serviceLines = [marchStatements.sales, marchStatements.eng, marchStatements.hr].map((s) => (s.lines as StatementLine[]).find((line) => line.kind === 'service')?.reportingAmount.amount);
  expect(serviceLines).toEqual(['15.00', '30.00', '45.00']);
  const creditLines = [marchStatements.sales, marchStatements.eng, marchStatements.hr].flatMap((s) => (s.lines as StatementLine[]).filter((line) => line.kind === 'credit').map((line) => [s.costCenterId, line]));
  expect(creditLines).toEqual([[sales, expect.objectContaining({ incidentNumber: incident.number, breachEventId, reportingAmount: eur(-1_250n) })]]);
  // ENG's statement: the EUR total converted once at 1.25, half to even (lines that do not add up get a rounding line).
  const engReporting = engPool + 3_000n;
  expect(marchStatements.eng).toMatchObject({ currency: 'USD', mode: 'chargeback', reportingTotal: eur(engReporting), total: { amount: decimal(roundHalfEven(engReporting * 125n, 100n)), currency: 'USD' } });

  step('close the period and replay it from the log: the same hash for every statement');
  expect(expectStatus(await send('POST', `/finance/periods/${PERIOD}/close`, finance), 200, 'close March').body.status).toBe('closed');
  const replay = expectStatus(await send('POST', `/finance/periods/${PERIOD}/replay`, finance), 200, 'replay March').body;
  expect([replay.matches, replay.inputDifferences]).toEqual([true, []]);
  for (const replayed of replay.statements as { statementId: string; recordedHash: string; storedHash: string; replayedHash: string; matches: boolean }[]) {
    expect([replayed.recordedHash, replayed.storedHash, replayed.replayedHash, replayed.matches]).toEqual([marchHashes[replayed.statementId], marchHashes[replayed.statementId], marchHashes[replayed.statementId], true]);
  }
  expect(replay.statements).toHaveLength(3);

  step('a correction after the close lands in April; March’s statements are unchanged');
  const hrPoolLine = poolLine(marchStatements.hr.lines) as StatementLine;
  const adjustment = await financePost('/adjustments', { statementId: `${PERIOD}.${hr}`, lineId: hrPoolLine.lineId, amount: eur(-2_500n), reason: 'ERP hosting overcharged' }, 'the correction');
  expect([adjustment.period, adjustment.correctsPeriod, adjustment.costCenterId]).toEqual(['2026-04', PERIOD, hr]);
  expect(expectStatus(await send('POST', '/finance/periods/2026-04/run', finance, {}), 200, 'run April').body.inputs.adjustmentIds).toEqual([adjustment.adjustmentId]);
  expectStatus(await send('POST', '/finance/periods/2026-04/publish', finance, {}), 200, 'publish April');
  const hrApril = expectStatus(await get(`/finance/statements/2026-04.${hr}`, finance), 200, 'HR in April').body;
  expect(hrApril.lines).toEqual([expect.objectContaining({ kind: 'adjustment', reportingAmount: eur(-2_500n), correctsPeriod: PERIOD, correctsStatementId: `${PERIOD}.${hr}`, correctsLineId: hrPoolLine.lineId, adjustmentId: adjustment.adjustmentId })]);
  expect({ sales: await statement(sales), eng: await statement(eng), hr: await statement(hr) }).toEqual(marchStatements);
  const march = expectStatus(await get(`/finance/periods/${PERIOD}`, finance), 200, 'March').body;
  expect([march.status, march.adjustments, Object.fromEntries(march.statements.map((s: { statementId: string; contentHash: string }) => [s.statementId, s.contentHash]))]).toEqual(['closed', [], marchHashes]);
  expect(expectStatus(await send('POST', `/finance/periods/${PERIOD}/replay`, finance), 200, 'replay March again').body.matches).toBe(true);

  return { costCenters: { sales, eng, hr }, incident, breachEventId, marchHashes, adjustmentId: adjustment.adjustmentId as string };
};
