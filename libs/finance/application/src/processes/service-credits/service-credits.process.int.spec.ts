import { incidentStreamId, serviceCreditsStreamId, serviceStreamId } from '@itsm/contracts';
import { newId, waitUntil, type RecordedEvent } from '@itsm/event-sourcing';
import { createInProcessMessageBus, toCloudEventMessage } from '@itsm/messaging';
import { EventProcessesRunner } from '@itsm/platform-kit';
import { financeMetadata as metadata, openFinanceTestKit, type FinanceTestKit } from '../../testing/finance-test-kit';
import { serviceCreditsLedgerId } from './service-credits.process';

const eur = (amount: string) => ({ amount, currency: 'EUR' });
const at = (dayAndTime: string) => `2026-${dayAndTime}:00.000Z`;

/** The incidents' events of one incident, as the incidents context writes them (the fields finance reads). */
const incident = (number: string, serviceId: string, offeringId: string, priority = 'P1') => {
  const incidentId = newId();
  const timer = (kind: string, dueAt: string) => ({
    type: 'SlaTimerStarted',
    data: { incidentId, kind, priority, offeringId, calendarId: 'cal-24x7', targetMinutes: 240, startedAt: at('03-11T09:00'), dueAt },
  });
  return {
    incidentId,
    opened: [
      {
        type: 'IncidentOpened',
        data: {
          incidentId, number, callerId: 'carol', shortDescription: 'Mail down', description: 'spec', serviceId, offeringId, impact: 1, urgency: 1, priority, state: 'new', openedAt: at('03-11T09:00'),
        },
      },
      timer('response', at('03-11T10:00')),
      timer('resolution', at('03-11T13:00')),
    ],
    breached: (kind = 'resolution', breachedAt = at('03-11T13:00')) => ({ type: 'SlaBreached', data: { incidentId, kind, dueAt: breachedAt, breachedAt } }),
    retargeted: (to: string, dueAt: string, kind = 'resolution') => ({
      type: 'SlaTimerRetargeted',
      data: {
        incidentId, kind, priority: to, offeringId, calendarId: 'cal-24x7', targetMinutes: 960, cause: 'priority-changed', previousPriority: priority, previousTargetMinutes: 240,
        previousDueAt: at('03-11T13:00'), dueAt, retargetedAt: at('03-11T15:00'),
      },
    }),
    resolved: () => [
      { type: 'IncidentResolved', data: { incidentId, code: 'fixed', notes: 'n', previousState: 'in-progress', state: 'resolved', childIncidentIds: [], resolvedWithParentIncidentId: null, resolvedAt: at('03-11T14:00') } },
      { type: 'SlaTimerMet', data: { incidentId, kind: 'resolution', dueAt: at('03-11T13:00'), elapsedMinutes: 300, metAt: at('03-11T14:00') } },
    ],
    reopened: () => [
      { type: 'IncidentReopened', data: { incidentId, reason: 'Not fixed', reopenCount: 1, state: 'in-progress', reopenedAt: at('03-12T09:00') } },
      { type: 'SlaTimerResumed', data: { incidentId, kind: 'resolution', dueAt: at('03-12T08:00'), resumedAt: at('03-12T09:00') } },
    ],
  };
};

describe('the service-credit process (PGlite, from the log)', () => {
  let kit: FinanceTestKit;
  let mail: string;
  let gold: string;
  let sales: string;

  const creditLines = async (period = '2026-03') => (await kit.credits.credits({ period, limit: 100 })).items;
  const lineOf = async (incidentNumber: string) => (await creditLines()).find((line) => line.incidentNumber === incidentNumber);
  const creditEventsOf = async (ledgerId: string) => (await kit.store.readStream(serviceCreditsStreamId(ledgerId))).map((event) => event.type);

  beforeAll(async () => {
    kit = await openFinanceTestKit('pglite', '2026-03-01T08:00:00.000Z');
    sales = (await kit.handlers.openCostCenter.execute({ code: 'SALES', name: 'Sales', currency: 'EUR' }, metadata)).id;
    [mail, gold] = [newId(), newId()];
    await kit.appendForeign(serviceStreamId(mail), [
      { type: 'ServiceRegistered', data: { serviceId: mail, number: 'SVC0000001', name: 'Mail', kind: 'business', description: 'Mail', ownerGroup: 'o', supportGroup: 's', criticality: 'high', lifecycle: 'live', registeredAt: '2026-01-01T00:00:00.000Z' } },
      { type: 'ServiceOfferingAdded', data: { serviceId: mail, offeringId: gold, name: 'Mail Gold for Sales', calendarId: 'cal-24x7', default: true, slaTargets: {} } },
      { type: 'ServiceCostModelSet', data: { serviceId: mail, fixedMonthlyCost: 2000, currency: 'EUR', unitRate: 0.5, unitName: 'mailbox' } },
    ]);
    // P1 resolution 10 %, P1 response 5 %, capped at 15 % of the 2,000.00 EUR fee a period (300.00 EUR).
    await kit.handlers.publishCreditPolicy.execute(
      gold,
      {
        effectiveFrom: '2026-01-01',
        consumerCostCenterId: sales,
        tiers: [
          { priority: 'P1', timerKind: 'resolution', percentOfMonthlyFee: '10' },
          { priority: 'P1', timerKind: 'response', percentOfMonthlyFee: '5' },
        ],
        capPercentOfMonthlyFee: '15',
      },
      metadata,
    );
  }, 60_000);
  afterAll(() => kit?.close());

  it('accrues a P1 resolution breach to the offering’s consumer: 10 % of the service’s monthly fee, naming the incident and the breach event', async () => {
    const first = incident('INC0000101', mail, gold);
    await kit.appendForeign(incidentStreamId(first.incidentId), [...first.opened, first.breached()]);
    await kit.settleProcesses();
    const breach = (await kit.store.readStream(incidentStreamId(first.incidentId))).find((event) => event.type === 'SlaBreached') as RecordedEvent;
    expect(await lineOf('INC0000101')).toMatchObject({
      creditId: breach.eventId,
      breachEventId: breach.eventId,
      incidentNumber: 'INC0000101',
      incidentId: first.incidentId,
      period: '2026-03',
      costCenterId: sales,
      serviceId: mail,
      offeringId: gold,
      priority: 'P1',
      timerKind: 'resolution',
      policyVersion: 1,
      monthlyFee: eur('2000.00'),
      amount: eur('200.00'),
      capped: false,
      status: 'accrued',
    });
    expect(await kit.credits.creditsFor('2026-03')).toEqual([expect.objectContaining({ breachEventId: breach.eventId, incidentNumber: 'INC0000101', costCenterId: sales, amount: eur('200.00') })]);
  });

  it('credits the same breach event once, however often it is delivered or replayed', async () => {
    const again = incident('INC0000102', mail, gold);
    await kit.appendForeign(incidentStreamId(again.incidentId), [...again.opened, again.breached('response', at('03-11T10:00'))]);
    await kit.settleProcesses();
    const events = (await kit.store.readStream(incidentStreamId(again.incidentId))) as RecordedEvent[];
    for (const event of [...events, ...events]) await kit.serviceCredits.handle(event);
    await kit.settleProcesses();
    const ledger = serviceCreditsLedgerId(gold, sales, '2026-03');
    expect((await creditEventsOf(ledger)).filter((type) => type === 'ServiceCreditAccrued')).toHaveLength(2);
    expect((await creditLines()).filter((line) => line.incidentNumber === 'INC0000102').map((line) => line.amount)).toEqual([eur('100.00')]);
  });

  it('respects the cap across the period: what is left of 300.00 EUR, then nothing', async () => {
    // 200.00 + 100.00 already accrued: the cap is used up.
    const third = incident('INC0000103', mail, gold);
    await kit.appendForeign(incidentStreamId(third.incidentId), [...third.opened, third.breached()]);
    await kit.settleProcesses();
    expect(await lineOf('INC0000103')).toMatchObject({ amount: eur('0.00'), capped: true, status: 'accrued' });
    expect((await kit.credits.creditsFor('2026-03')).map((credit) => credit.incidentNumber)).toEqual(['INC0000101', 'INC0000102']);
  });

  it('reverses the credit of a breach a retarget supersedes (priority lowered: now due after the breach), once', async () => {
    const first = await lineOf('INC0000101');
    const incidentId = first?.incidentId ?? '';
    expect(first?.status).toBe('accrued');
    const retarget = {
      type: 'SlaTimerRetargeted',
      data: {
        incidentId, kind: 'resolution', priority: 'P4', offeringId: gold, calendarId: 'cal-24x7', targetMinutes: 960, cause: 'priority-changed', previousPriority: 'P1',
        previousTargetMinutes: 240, previousDueAt: at('03-11T13:00'), dueAt: at('03-12T01:00'), retargetedAt: at('03-11T15:00'),
      },
    };
    await kit.appendForeign(incidentStreamId(incidentId), [retarget]);
    await kit.settleProcesses();
    const reversed = await lineOf('INC0000101');
    expect(reversed).toMatchObject({ status: 'reversed', amount: eur('200.00'), reversalReason: expect.stringContaining('P1 → P4') });
    const [retargetEvent] = (await kit.store.readStream(incidentStreamId(incidentId))).filter((event) => event.type === 'SlaTimerRetargeted');
    expect(reversed?.supersededByEventId).toBe(retargetEvent.eventId);
    expect((await kit.credits.creditsFor('2026-03')).map((credit) => credit.incidentNumber)).toEqual(['INC0000102']);
    // Delivered again: nothing more.
    await kit.serviceCredits.handle(retargetEvent as RecordedEvent);
    expect((await creditEventsOf(serviceCreditsLedgerId(gold, sales, '2026-03'))).filter((type) => type === 'ServiceCreditReversed')).toHaveLength(1);
  });

  it('reverses the credit of a reopened incident whose breach is superseded, and keeps one a retarget leaves breached', async () => {
    const reopened = incident('INC0000104', mail, gold);
    const kept = incident('INC0000105', mail, gold);
    await kit.appendForeign(incidentStreamId(reopened.incidentId), [...reopened.opened, reopened.breached()]);
    await kit.appendForeign(incidentStreamId(kept.incidentId), [...kept.opened, kept.breached()]);
    await kit.settleProcesses();
    // The cap freed by the reversal above lets these accrue.
    expect((await lineOf('INC0000104'))?.amount).toEqual(eur('200.00'));
    expect((await lineOf('INC0000105'))?.amount).toEqual(eur('0.00'));
    await kit.appendForeign(incidentStreamId(reopened.incidentId), [...reopened.resolved(), ...reopened.reopened(), reopened.retargeted('P3', at('03-12T17:00'))]);
    await kit.appendForeign(incidentStreamId(kept.incidentId), [kept.retargeted('P2', at('03-11T12:30'))]);
    await kit.settleProcesses();
    expect(await lineOf('INC0000104')).toMatchObject({ status: 'reversed', reversalReason: expect.stringContaining('now due 2026-03-12T17:00:00.000Z') });
    expect(await lineOf('INC0000105')).toMatchObject({ status: 'accrued' });
  });

  it('takes the policy version in force at the breach, and credits nothing without a policy', async () => {
    await kit.handlers.publishCreditPolicy.execute(
      gold,
      { effectiveFrom: '2026-04-01', consumerCostCenterId: sales, tiers: [{ priority: 'P1', timerKind: 'resolution', percentOfMonthlyFee: '25' }], capPercentOfMonthlyFee: '100', monthlyFee: eur('1000') },
      metadata,
    );
    const april = incident('INC0000106', mail, gold);
    await kit.appendForeign(incidentStreamId(april.incidentId), [...april.opened, april.breached('resolution', at('04-02T13:00'))]);
    const silver = newId();
    const unpolicied = incident('INC0000107', mail, silver);
    await kit.appendForeign(incidentStreamId(unpolicied.incidentId), [...unpolicied.opened, unpolicied.breached()]);
    await kit.settleProcesses();
    expect((await creditLines('2026-04')).map((line) => [line.incidentNumber, line.policyVersion, line.monthlyFee, line.amount])).toEqual([['INC0000106', 2, eur('1000.00'), eur('250.00')]]);
    expect(await lineOf('INC0000107')).toBeUndefined();
    expect(kit.skippedBreaches.map((skipped) => skipped.reason)).toContain(`Offering ${silver} has no credit policy in force on 2026-03-11`);
  });
});

describe('the service-credit process (distributed shape: from the incidents topic through the message bus)', () => {
  let kit: FinanceTestKit;
  afterAll(() => kit?.close());

  it('accrues a breach from `itsm.incidents.events.v1` once, however often the bus delivers it', async () => {
    kit = await openFinanceTestKit('pglite', '2026-03-01T08:00:00.000Z');
    const sales = (await kit.handlers.openCostCenter.execute({ code: 'SALES', name: 'Sales', currency: 'EUR' }, metadata)).id;
    const [mail, gold] = [newId(), newId()];
    await kit.appendForeign(serviceStreamId(mail), [
      { type: 'ServiceRegistered', data: { serviceId: mail, number: 'SVC0000001', name: 'Mail', kind: 'business', description: 'Mail', ownerGroup: 'o', supportGroup: 's', criticality: 'high', lifecycle: 'live', registeredAt: '2026-01-01T00:00:00.000Z' } },
      { type: 'ServiceOfferingAdded', data: { serviceId: mail, offeringId: gold, name: 'Gold', calendarId: 'cal-24x7', default: true, slaTargets: {} } },
      { type: 'ServiceCostModelSet', data: { serviceId: mail, fixedMonthlyCost: 1200.5, currency: 'EUR', unitRate: 0, unitName: 'mailbox' } },
    ]);
    await kit.handlers.publishCreditPolicy.execute(gold, { effectiveFrom: '2026-01-01', consumerCostCenterId: sales, tiers: [{ priority: 'P1', timerKind: 'resolution', percentOfMonthlyFee: '10' }], capPercentOfMonthlyFee: '100' }, metadata);
    const one = incident('INC0000201', mail, gold);
    await kit.appendForeign(incidentStreamId(one.incidentId), [...one.opened, one.breached()]);
    const events = (await kit.store.readStream(incidentStreamId(one.incidentId))) as RecordedEvent[];
    const bus = createInProcessMessageBus();
    const runner = new EventProcessesRunner({
      processes: [kit.serviceCredits], eventsFrom: 'message-bus', contexts: ['incidents'], context: 'finance', topicPrefix: 'spec.', db: kit.db, store: kit.store, bus, log: console,
    });
    await runner.start();
    // The relay published the breach twice (a retry after a lost acknowledgement): Kafka delivers both.
    const breach = events.at(-1) as RecordedEvent;
    await bus.publish([...events, breach].map((event) => ({ ...toCloudEventMessage(event), topic: `spec.${toCloudEventMessage(event).topic}` })));
    const ledger = serviceCreditsLedgerId(gold, sales, '2026-03');
    await waitUntil('the credit to accrue', async () => (await kit.store.readStream(serviceCreditsStreamId(ledger))).length > 0, 10_000);
    await new Promise((resume) => setTimeout(resume, 100));
    await runner.stop();
    await bus.close();
    const accrued = await kit.store.readStream(serviceCreditsStreamId(ledger));
    expect(accrued.map((event) => [event.type, (event.data as { breachEventId: string; amount: unknown }).breachEventId, (event.data as { amount: unknown }).amount])).toEqual([
      ['ServiceCreditAccrued', breach.eventId, eur('120.05')],
    ]);
  });
});
