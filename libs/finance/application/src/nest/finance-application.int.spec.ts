import { Readable } from 'node:stream';
import { costCenterStreamId, incidentStreamId, serviceStreamId } from '@itsm/contracts';
import { IllegalTransition, newId, RuleViolation, WrongExpectedRevisionError } from '@itsm/event-sourcing';
import { NoExchangeRate, type OpenedCostCenter, type PlannedBudget } from '@itsm/finance-domain';
import { FinanceNotFound } from '../errors';
import { LedgerImportRejected } from '../import-ledger/import-ledger.errors';
import { financeMetadata as metadata, openFinanceTestKit, type FinanceTestKit } from '../testing/finance-test-kit';

const eur = (amount: string) => ({ amount, currency: 'EUR' });
const usd = (amount: string) => ({ amount, currency: 'USD' });

describe('finance handlers on PGlite (the hosts’ write pipeline, directory and copies following the log)', () => {
  let kit: FinanceTestKit;
  let itOps: OpenedCostCenter;
  let sales: OpenedCostCenter;
  let mailServiceId: string;

  beforeAll(async () => {
    kit = await openFinanceTestKit('pglite');
    itOps = (await kit.handlers.openCostCenter.execute({ code: 'it-ops', name: 'IT operations', currency: 'EUR' }, metadata)).state;
    sales = (await kit.handlers.openCostCenter.execute({ code: 'SALES', name: 'Sales', currency: 'EUR', parentId: itOps.costCenterId }, metadata)).state;
    mailServiceId = newId();
    await kit.appendForeign(serviceStreamId(mailServiceId), [
      { type: 'ServiceRegistered', data: { serviceId: mailServiceId, number: 'SVC0000001', name: 'Mail', kind: 'business', description: 'Mail', ownerGroup: 'o', supportGroup: 's', criticality: 'high', lifecycle: 'pipeline', registeredAt: '2026-01-01T00:00:00.000Z' } },
    ]);
  });
  afterAll(() => kit?.close());

  describe('cost centers', () => {
    it('opens one with its code upper-cased, at revision 0, stamped with the caller', async () => {
      const opened = await kit.handlers.openCostCenter.execute({ code: ' hr-1 ', name: 'Human resources', currency: 'USD' }, metadata);
      expect([opened.revision, opened.state]).toEqual([0, expect.objectContaining({ status: 'opened', code: 'HR-1', currency: 'USD', parentId: null })]);
      const [stored] = await kit.store.readStream(costCenterStreamId(opened.id));
      expect([stored.type, stored.schemaVersion, stored.actor]).toEqual(['CostCenterOpened', 1, metadata.actor]);
    });

    it('refuses a code already taken (whatever its case) and appends nothing', async () => {
      const before = (await kit.store.readAll()).events.length;
      await expect(kit.handlers.openCostCenter.execute({ code: 'It-Ops', name: 'Again', currency: 'EUR' }, metadata)).rejects.toThrow(
        new RuleViolation(`The code IT-OPS is already the code of cost center ${itOps.costCenterId}`),
      );
      expect((await kit.store.readAll()).events.length).toBe(before);
    });

    it('lets only one of two concurrent opens with the same code through', async () => {
      const outcomes = await Promise.allSettled([0, 1, 2].map(() => kit.handlers.openCostCenter.execute({ code: 'RACE', name: 'Race', currency: 'EUR' }, metadata)));
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      expect(outcomes.filter((outcome) => outcome.status === 'rejected').map((outcome) => (outcome as PromiseRejectedResult).reason)).toEqual([
        expect.any(RuleViolation),
        expect.any(RuleViolation),
      ]);
    });

    it('refuses a parent that does not exist or is closed', async () => {
      await expect(kit.handlers.openCostCenter.execute({ code: 'ORPHAN', name: 'Orphan', currency: 'EUR', parentId: newId() }, metadata)).rejects.toThrow(/The parent cost center .* does not exist/);
      const closed = await kit.handlers.openCostCenter.execute({ code: 'GONE', name: 'Gone', currency: 'EUR' }, metadata);
      await kit.handlers.closeCostCenter.execute(closed.id, metadata);
      await expect(kit.handlers.openCostCenter.execute({ code: 'UNDER-GONE', name: 'Under', currency: 'EUR', parentId: closed.id }, metadata)).rejects.toThrow('The parent cost center GONE is closed');
    });

    it('renames one (the same name again records nothing) and honours If-Match', async () => {
      const renamed = await kit.handlers.renameCostCenter.execute(sales.costCenterId, { name: 'Sales and marketing' }, metadata, { expectedRevision: 0 });
      expect([renamed.revision, renamed.events.map((event) => event.type)]).toEqual([1, ['CostCenterRenamed']]);
      expect((await kit.handlers.renameCostCenter.execute(sales.costCenterId, { name: 'Sales and marketing' }, metadata)).events).toEqual([]);
      await expect(kit.handlers.renameCostCenter.execute(sales.costCenterId, { name: 'Stale' }, metadata, { expectedRevision: 0 })).rejects.toThrow(WrongExpectedRevisionError);
    });

    it('moves one under another, refuses a move under its own descendant (a cycle), and moves it to the top', async () => {
      const emea = await kit.handlers.openCostCenter.execute({ code: 'EMEA', name: 'EMEA sales', currency: 'EUR', parentId: sales.costCenterId }, metadata);
      await expect(kit.handlers.moveCostCenter.execute(itOps.costCenterId, { parentId: emea.id }, metadata)).rejects.toThrow(/would make a cycle/);
      await expect(kit.handlers.moveCostCenter.execute(sales.costCenterId, { parentId: sales.costCenterId }, metadata)).rejects.toThrow('A cost center cannot be its own parent');
      const moved = await kit.handlers.moveCostCenter.execute(emea.id, { parentId: itOps.costCenterId }, metadata);
      expect(moved.state).toMatchObject({ parentId: itOps.costCenterId });
      const top = await kit.handlers.moveCostCenter.execute(emea.id, { parentId: null }, metadata);
      expect(top.state).toMatchObject({ parentId: null });
    });

    it('closes one for good, and answers not found for an id that names none', async () => {
      const temp = await kit.handlers.openCostCenter.execute({ code: 'TEMP', name: 'Temporary', currency: 'EUR' }, metadata);
      expect((await kit.handlers.closeCostCenter.execute(temp.id, metadata)).state).toMatchObject({ status: 'closed' });
      await expect(kit.handlers.renameCostCenter.execute(temp.id, { name: 'x' }, metadata)).rejects.toThrow(IllegalTransition);
      await expect(kit.handlers.renameCostCenter.execute(newId(), { name: 'x' }, metadata)).rejects.toThrow(FinanceNotFound);
      await expect(kit.handlers.closeCostCenter.execute('not-a-uuid', metadata)).rejects.toThrow(FinanceNotFound);
    });
  });

  describe('cost pools', () => {
    it('opens a pool owned by an open cost center, renames and closes it', async () => {
      const pool = await kit.handlers.openCostPool.execute({ name: 'Hosting', currency: 'EUR', ownerCostCenterId: itOps.costCenterId }, metadata);
      expect(pool.state).toMatchObject({ status: 'opened', ownerCostCenterId: itOps.costCenterId });
      expect((await kit.handlers.renameCostPool.execute(pool.id, { name: 'Cloud hosting' }, metadata)).state).toMatchObject({ name: 'Cloud hosting' });
      expect((await kit.handlers.closeCostPool.execute(pool.id, metadata)).state).toMatchObject({ status: 'closed' });
    });
    it('refuses an owner that does not exist', async () => {
      await expect(kit.handlers.openCostPool.execute({ name: 'Hosting', currency: 'EUR', ownerCostCenterId: newId() }, metadata)).rejects.toThrow(/The owner cost center .* does not exist/);
    });
  });

  describe('rate cards', () => {
    it('creates a card and publishes versions, each after the latest', async () => {
      const card = await kit.handlers.createRateCard.execute({ name: 'IT 2026' }, metadata);
      const v1 = await kit.handlers.publishRateCardVersion.execute(card.id, { effectiveFrom: '2026-01-01', currency: 'EUR', roleRates: { agent: eur('60.00') }, unitPrices: { mailbox: eur('4.50') } }, metadata);
      expect(v1.revision).toBe(1);
      await expect(
        kit.handlers.publishRateCardVersion.execute(card.id, { effectiveFrom: '2025-12-31', currency: 'EUR', roleRates: { agent: eur('1.00') }, unitPrices: {} }, metadata),
      ).rejects.toThrow(/must take effect after the latest one/);
    });
  });

  describe('allocation rules', () => {
    let poolId: string;
    beforeAll(async () => {
      poolId = (await kit.handlers.openCostPool.execute({ name: 'Licences', currency: 'EUR', ownerCostCenterId: itOps.costCenterId }, metadata)).id;
    });

    it('defines a percentage rule for a pool, refuses a second live rule for it, and lets a new one in after retiring', async () => {
      const method = { kind: 'percentage' as const, shares: [{ consumerCostCenterId: itOps.costCenterId, percent: '60' }, { consumerCostCenterId: sales.costCenterId, percent: '40' }] };
      const rule = await kit.handlers.defineRule.execute({ name: 'Licences by head count', source: { kind: 'pool', id: poolId }, method }, metadata);
      expect(rule.state).toMatchObject({ status: 'defined', source: { kind: 'pool', id: poolId } });
      await expect(kit.handlers.defineRule.execute({ name: 'Again', source: { kind: 'pool', id: poolId }, method }, metadata)).rejects.toThrow(`already has allocation rule ${rule.id}`);
      const revised = await kit.handlers.reviseRule.execute(rule.id, { method: { kind: 'equal', consumerCostCenterIds: [itOps.costCenterId, sales.costCenterId] } }, metadata);
      expect(revised.events.map((event) => event.type)).toEqual(['AllocationRuleRevised']);
      await kit.handlers.retireRule.execute(rule.id, metadata);
      const next = await kit.handlers.defineRule.execute({ name: 'Licences by usage', source: { kind: 'pool', id: poolId }, method: { kind: 'usage-units', unit: 'seat' } }, metadata);
      expect(next.state).toMatchObject({ status: 'defined' });
    });

    it('refuses an unknown consumer, an unknown pool and a service finance does not know; takes a known service', async () => {
      await expect(
        kit.handlers.defineRule.execute({ name: 'x', source: { kind: 'pool', id: newId() }, method: { kind: 'direct', consumerCostCenterId: itOps.costCenterId } }, metadata),
      ).rejects.toThrow(/The cost pool .* does not exist/);
      await expect(
        kit.handlers.defineRule.execute({ name: 'x', source: { kind: 'service', id: newId() }, method: { kind: 'direct', consumerCostCenterId: itOps.costCenterId } }, metadata),
      ).rejects.toThrow(/is not known to finance/);
      await expect(
        kit.handlers.defineRule.execute({ name: 'x', source: { kind: 'service', id: mailServiceId }, method: { kind: 'direct', consumerCostCenterId: newId() } }, metadata),
      ).rejects.toThrow(/The consumer cost center .* does not exist/);
      const byService = await kit.handlers.defineRule.execute({ name: 'Mail by usage', source: { kind: 'service', id: mailServiceId }, method: { kind: 'usage-units', unit: 'mailbox' } }, metadata);
      expect(byService.state).toMatchObject({ source: { kind: 'service', id: mailServiceId } });
    });
  });

  describe('exchange rates and budgets', () => {
    let budget: PlannedBudget;

    it('publishes a day’s rate once: the same again records nothing, another rate for that day is refused', async () => {
      const set = await kit.handlers.setExchangeRate.execute({ from: 'USD', to: 'EUR', date: '2026-03-02', rate: '0.9' }, metadata);
      expect(set.events.map((event) => event.data)).toEqual([{ from: 'USD', to: 'EUR', date: '2026-03-02', rate: '0.9', setAt: expect.any(String) }]);
      expect((await kit.handlers.setExchangeRate.execute({ from: 'USD', to: 'EUR', date: '2026-03-02', rate: '0.90' }, metadata)).events).toEqual([]);
      await expect(kit.handlers.setExchangeRate.execute({ from: 'USD', to: 'EUR', date: '2026-03-02', rate: '0.91' }, metadata)).rejects.toThrow(/already published/);
    });

    it('plans a budget in the cost center’s currency, one per cost center and period', async () => {
      budget = (await kit.handlers.planBudget.execute({ costCenterId: itOps.costCenterId, period: '2026-03', planned: eur('1000.00') }, metadata)).state;
      expect(budget).toMatchObject({ status: 'planned', currency: 'EUR', thresholds: [80, 100] });
      await expect(kit.handlers.planBudget.execute({ costCenterId: itOps.costCenterId, period: '2026-03', planned: eur('5.00') }, metadata)).rejects.toThrow(
        `Cost center IT-OPS already has budget ${budget.budgetId} for 2026-03: revise its plan`,
      );
      await expect(kit.handlers.planBudget.execute({ costCenterId: newId(), period: '2026-03', planned: eur('5.00') }, metadata)).rejects.toThrow(/does not exist/);
    });

    it('records actuals: a threshold is crossed once; a USD actual is converted at the rate of its day', async () => {
      const first = await kit.handlers.recordActual.execute(budget.budgetId, { amount: eur('700.00'), postedAt: '2026-03-02', source: 'invoice 1' }, metadata);
      expect(first.events.map((event) => event.type)).toEqual(['BudgetActualRecorded']);
      const second = await kit.handlers.recordActual.execute(budget.budgetId, { amount: usd('200.00'), postedAt: '2026-03-05', source: 'invoice 2' }, metadata);
      expect(second.events.map((event) => [event.type, event.data])).toEqual([
        ['BudgetActualRecorded', expect.objectContaining({ amount: eur('180.00'), actual: eur('880.00'), conversion: { original: usd('200.00'), rate: '0.9', rateDate: '2026-03-02' } })],
        ['BudgetThresholdCrossed', expect.objectContaining({ threshold: 80 })],
      ]);
      const third = await kit.handlers.recordActual.execute(budget.budgetId, { amount: eur('10.00'), postedAt: '2026-03-06', source: 'invoice 3' }, metadata);
      expect(third.events.map((event) => event.type)).toEqual(['BudgetActualRecorded']);
    });

    it('refuses a foreign-currency posting without a rate on or before its day', async () => {
      await expect(kit.handlers.recordActual.execute(budget.budgetId, { amount: usd('1.00'), postedAt: '2026-03-01', source: 'early' }, metadata)).rejects.toThrow(NoExchangeRate);
      await expect(kit.handlers.recordCommitment.execute(budget.budgetId, { amount: { amount: '1.00', currency: 'GBP' }, postedAt: '2026-03-05', source: 'po' }, metadata)).rejects.toThrow(
        'No exchange rate from GBP to EUR on or before 2026-03-05',
      );
    });

    it('records commitments and revises the plan (thresholds fall below with a larger plan)', async () => {
      const committed = await kit.handlers.recordCommitment.execute(budget.budgetId, { amount: eur('50.00'), postedAt: '2026-03-07', source: 'PO 7', postingId: 'po-7' }, metadata);
      expect(committed.state).toMatchObject({ committed: eur('50.00') });
      expect((await kit.handlers.recordCommitment.execute(budget.budgetId, { amount: eur('50.00'), postedAt: '2026-03-07', source: 'PO 7', postingId: 'po-7' }, metadata)).events).toEqual([]);
      const revised = await kit.handlers.reviseBudget.execute(budget.budgetId, { planned: eur('2000.00'), reason: 'New project' }, metadata);
      expect(revised.events.map((event) => event.type)).toEqual(['BudgetPlanRevised', 'BudgetFellBelowThreshold']);
    });
  });

  describe('usage', () => {
    const record = () => ({ serviceId: mailServiceId, consumerCostCenterId: sales.costCenterId, unit: 'mailbox', quantity: '25', postedOn: '2026-03-01' });

    it('records a batch under the client’s reference once; the same again is a replay, other records under it are refused', async () => {
      const first = await kit.handlers.recordUsage.execute({ reference: 'meter-2026-03-01', records: [record(), { ...record(), quantity: '2.5', unit: 'gb-month' }] }, metadata);
      expect([first.replayed, first.events.map((event) => event.type)]).toEqual([false, ['UsageRecorded']]);
      const again = await kit.handlers.recordUsage.execute({ reference: 'meter-2026-03-01', records: [record(), { ...record(), quantity: '2.50', unit: 'gb-month' }] }, metadata);
      expect([again.replayed, again.id, again.revision]).toEqual([true, first.id, first.revision]);
      await expect(kit.handlers.recordUsage.execute({ reference: 'meter-2026-03-01', records: [record()] }, metadata)).rejects.toThrow(/already used for other usage records/);
    });

    it('refuses a service finance does not know and a consumer that is closed', async () => {
      await expect(kit.handlers.recordUsage.execute({ reference: 'r-unknown', records: [{ ...record(), serviceId: newId() }] }, metadata)).rejects.toThrow(/is not known to finance/);
      const closed = await kit.handlers.openCostCenter.execute({ code: 'CLOSED-USER', name: 'Closed', currency: 'EUR' }, metadata);
      await kit.handlers.closeCostCenter.execute(closed.id, metadata);
      await expect(kit.handlers.recordUsage.execute({ reference: 'r-closed', records: [{ ...record(), consumerCostCenterId: closed.id }] }, metadata)).rejects.toThrow(/does not exist or is closed/);
    });
  });

  describe('ledger imports', () => {
    const header = 'date,account,cost_pool,cost_center,amount,currency,source_reference,description';
    const csv = (lines: string[]) => Readable.from([`${header}\n${lines.join('\n')}\n`]);

    it('imports 1,000 lines in EUR and USD in one append, each with its source reference', async () => {
      const lines = Array.from({ length: 1000 }, (_, index) => `2026-03-${String((index % 28) + 1).padStart(2, '0')},6200,,${index % 2 ? 'IT-OPS' : 'sales'},${index % 3 ? '10.00' : '-2.5'},${index % 5 ? 'EUR' : 'USD'},JE-${index},"Licence, seat ${index}"`);
      const importId = newId();
      const started = Date.now();
      const result = await kit.handlers.importLedger.execute({ importId, fileName: 'gl-march.csv', body: csv(lines) }, metadata);
      expect(Date.now() - started).toBeLessThan(60_000);
      expect(result.state).toMatchObject({ status: 'imported', lineCount: 1000, chunkCount: 2, firstPostedOn: '2026-03-01', lastPostedOn: '2026-03-28' });
      expect(result.state.totals.map((total) => total.currency)).toEqual(['EUR', 'USD']);
      const events = await kit.store.readStream(`ledger-import-${importId}`);
      expect(events.map((event) => event.type)).toEqual(['LedgerImported', 'LedgerLinesImported', 'LedgerLinesImported']);
      const first = (events[1].data as { lines: { lineNumber: number; sourceReference: string; description: string; target: unknown }[] }).lines[0];
      expect(first).toMatchObject({ lineNumber: 2, sourceReference: 'JE-0', description: 'Licence, seat 0', target: { kind: 'cost-center', id: sales.costCenterId } });
      expect(await kit.handlers.ledgerImportStatus.execute(importId)).toMatchObject({ status: 'imported', processed: 1000, total: 1000, errorCount: 0 });

      const replay = await kit.handlers.importLedger.execute({ importId, fileName: 'gl-march.csv', body: csv(lines) }, metadata);
      expect([replay.replayed, replay.events]).toEqual([true, []]);
      await expect(kit.handlers.importLedger.execute({ fileName: 'copy.csv', body: csv(lines) }, metadata)).rejects.toThrow(`was already imported as ledger import ${importId}`);
    });

    it('imports nothing when one line is bad, naming its line number', async () => {
      const lines = Array.from({ length: 20 }, (_, index) => `2026-03-02,6200,,IT-OPS,1.00,EUR,JE-B${index},ok`);
      lines[6] = '2026-03-02,6200,,IT-OPS,1.001,EUR,JE-B6,too precise';
      lines[9] = '2026-03-02,6200,,NO-SUCH,1.00,EUR,JE-B9,unknown cost center';
      const importId = newId();
      const before = (await kit.store.readAll()).events.length;
      const rejection = await kit.handlers.importLedger.execute({ importId, body: csv(lines) }, metadata).catch((error: unknown) => error);
      expect(rejection).toBeInstanceOf(LedgerImportRejected);
      expect((rejection as LedgerImportRejected).run).toMatchObject({
        status: 'rejected',
        processed: 20,
        errorCount: 2,
        errors: [
          { line: 8, problems: ['The amount "1.001" has more decimal places than EUR has (2)'] },
          { line: 11, problems: ['cost_center "NO-SUCH" is not a cost center finance knows'] },
        ],
      });
      expect((await kit.store.readAll()).events.length).toBe(before);
      expect(await kit.handlers.ledgerImportStatus.execute(importId)).toMatchObject({ status: 'rejected', errorCount: 2 });
    });

    it('rejects a file whose header is not a ledger header, and a line with the wrong number of fields', async () => {
      const badHeader = await kit.handlers.importLedger.execute({ body: Readable.from(['when,what\n2026-03-01,x\n']) }, metadata).catch((error: unknown) => error);
      expect((badHeader as LedgerImportRejected).run.failure).toMatch(/^The header \(line 1\) is not one of a ledger file: Unknown columns "when", "what"/);
      const ragged = await kit.handlers.importLedger.execute({ body: csv(['2026-03-02,6200,,IT-OPS,1.00,EUR,JE-R1,ok', '2026-03-02,6200,,IT-OPS,1.00']) }, metadata).catch((error: unknown) => error);
      expect((ragged as LedgerImportRejected).run.errors).toEqual([{ line: 3, problems: ['the line has another number of fields than the header'] }]);
    });
  });

  describe('copies of the catalog and of incidents', () => {
    it('keeps a service’s cost model as exact money, converted once from the catalog’s legacy floats', async () => {
      await kit.appendForeign(serviceStreamId(mailServiceId), [{ type: 'ServiceCostModelSet', data: { serviceId: mailServiceId, fixedMonthlyCost: 1200.005, currency: 'EUR', unitRate: 0.0023, unitName: 'mailbox' } }]);
      const [service] = await kit.catalog.services([mailServiceId]);
      expect(service.costModel).toEqual({ fixedMonthlyCost: eur('1200.00'), unitRate: { amount: '0.0023', currency: 'EUR' }, unitName: 'mailbox', setAt: expect.any(String) });
    });

    it('prices logged work with the rate card at the log’s day and the actor’s role (agent when none), and keeps SLA breaches', async () => {
      const incidentId = newId();
      const card = await kit.handlers.createRateCard.execute({ name: 'Labour' }, metadata);
      await kit.handlers.publishRateCardVersion.execute(card.id, { effectiveFrom: '2026-03-01', currency: 'EUR', roleRates: { agent: eur('60.00'), admin: eur('90.00') }, unitPrices: {} }, metadata);
      const logged = (entryId: string, minutes: number, at: string) => ({ type: 'IncidentWorkLogged', data: { incidentId, entryId, entry: 'work', minutesSpent: minutes, loggedBy: 'adam', loggedAt: at } });
      await kit.appendForeign(incidentStreamId(incidentId), [
        { type: 'IncidentOpened', data: { incidentId, number: 'INC0000042', serviceId: mailServiceId, offeringId: null, priority: 'P2', callerId: 'c', shortDescription: 's', description: 'd', impact: 2, urgency: 2, state: 'new', openedAt: '2026-03-03T08:00:00.000Z' } },
        { type: 'SlaTimerStarted', data: { incidentId, kind: 'resolution', priority: 'P2', offeringId: 'gold', calendarId: 'cal', targetMinutes: 60, startedAt: '2026-03-03T08:00:00.000Z', dueAt: '2026-03-03T09:00:00.000Z' } },
        { ...logged('e1', 45, '2026-03-03T09:00:00.000Z'), actor: { id: 'adam', role: 'agent' } },
        { ...logged('e2', 30, '2026-03-03T10:00:00.000Z'), actor: { id: 'root', role: 'admin' } },
        { ...logged('e3', 10, '2026-03-04T10:00:00.000Z'), actor: { id: 'bot' } },
        { type: 'SlaBreached', data: { incidentId, kind: 'resolution', dueAt: '2026-03-03T09:00:00.000Z', breachedAt: '2026-03-03T09:00:00.000Z' } },
      ]);
      const labour = await kit.handlers.labourCosts.execute({ period: '2026-03', rateCardId: card.id });
      expect(labour.entries.map((entry) => [entry.entryId, entry.role, entry.cost])).toEqual([
        ['e1', 'agent', eur('45.00')],
        ['e2', 'admin', eur('45.00')],
        ['e3', 'agent', eur('10.00')],
      ]);
      expect(labour.totals).toEqual([{ serviceId: mailServiceId, minutes: 85, cost: eur('100.00') }]);
      const breaches = await kit.incidents.slaBreaches({ from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-04-01T00:00:00Z') });
      expect(breaches).toEqual([
        {
          breachEventId: expect.any(String), incidentId, incidentNumber: 'INC0000042', serviceId: mailServiceId, offeringId: 'gold', priority: 'P2', timerKind: 'resolution',
          dueAt: '2026-03-03T09:00:00.000Z', breachedAt: '2026-03-03T09:00:00.000Z',
        },
      ]);
    });
  });
});

describe('finance cost center codes on the PostgreSQL server (advisory-lock sections)', () => {
  it('lets only one of concurrent opens with the same code through', async () => {
    const kit = await openFinanceTestKit('postgres');
    try {
      const outcomes = await Promise.allSettled([0, 1, 2, 3].map(() => kit.handlers.openCostCenter.execute({ code: 'RACE', name: 'Race', currency: 'EUR' }, metadata)));
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    } finally {
      await kit.close();
    }
  });
});
