import type { PeriodInputsV1, ReconciliationV1 } from '@itsm/contracts';
import { deciderSpecification, IllegalTransition, RuleViolation } from '@itsm/event-sourcing';
import type { PeriodAdjustmentPosted, PeriodClosed, PeriodRun, PeriodStatementsPublished, StatementPublished } from './events';
import type { PostAdjustment, RunPeriod } from './commands';
import { nextPeriod, periodDecider } from './decide';
import type { StatementDraft } from './compute-period';
import { publishStatement, type Statement } from './statement';

const now = new Date('2026-04-02T09:30:00.000Z');
const at = now.toISOString();
const metadata = { now, actor: { id: 'fiona', role: 'finance' } };
const cc = '0190f3a4-1111-7222-8333-944445555666';
const eur = (amount: string) => ({ amount, currency: 'EUR' });

const inputs = (adjustmentIds: string[] = []): PeriodInputsV1 => ({
  logPosition: 42, reportingCurrency: 'EUR', ledgerImports: [], usageBatches: [], rules: [], labourRateCard: null, labour: [], credits: [], adjustmentIds, exchangeRates: [],
  costCenters: [{ costCenterId: cc, code: 'IT', currency: 'EUR', revision: 0 }],
});
const check = (balanced: boolean) => ({ name: 'ledger = pools + direct', left: eur('10.00'), right: eur(balanced ? '10.00' : '9.99'), balanced });
const reconciliation = (balanced = true): ReconciliationV1 => ({
  currency: 'EUR', ledger: { lineCount: 1, total: eur('10.00'), byCurrency: [] }, pools: [], direct: [{ costCenterId: cc, amount: eur('10.00') }], services: [],
  consumers: [{ costCenterId: cc, total: eur('10.00') }], labour: eur('0.00'), credits: eur('0.00'), adjustments: eur('0.00'), unallocated: [], rounding: [], checks: [check(balanced)], balanced,
});
const draft = { costCenterId: cc, costCenterCode: 'IT', currency: 'EUR', reportingCurrency: 'EUR', total: eur('10.00'), reportingTotal: eur('10.00'), lines: [
  { lineId: '1', kind: 'ledger' as const, description: 'Ledger account 6200 (1 line)', reportingAmount: eur('10.00'), amount: eur('10.00'), postedOn: '2026-03-31', account: '6200', ledgerLineCount: 1 },
] };
const statement: Statement = publishStatement('2026-03', draft, 'chargeback');

const runCommand = (data: Partial<RunPeriod['data']> = {}): RunPeriod => ({
  type: 'RunPeriod', data: { period: '2026-03', inputs: inputs(), reconciliation: reconciliation(), statements: [{ costCenterId: cc, lineCount: 1, reportingTotal: eur('10.00') }], ...data }, metadata,
});
const ran = (runNumber = 1, adjustmentIds: string[] = []): PeriodRun => ({
  type: 'PeriodRun', data: { period: '2026-03', runNumber, runAt: at, inputs: inputs(adjustmentIds), reconciliation: reconciliation(), statements: [{ costCenterId: cc, lineCount: 1, reportingTotal: eur('10.00') }] },
});
const publishCommand = (statements: StatementDraft[] = [draft], runNumber = 1) => ({ type: 'PublishStatements' as const, data: { runNumber, statements: statements.map((one) => ({ ...one, mode: 'chargeback' as const })) }, metadata });
const summary: PeriodStatementsPublished = {
  type: 'PeriodStatementsPublished',
  data: { period: '2026-03', runNumber: 1, publishedAt: at, statements: [{ statementId: statement.statementId, costCenterId: cc, mode: 'chargeback', contentHash: statement.contentHash }] },
};
const statementPublished: StatementPublished = { type: 'StatementPublished', data: statement };
const closeCommand = () => ({ type: 'ClosePeriod' as const, data: {}, metadata });
const closed: PeriodClosed = { type: 'PeriodClosed', data: { period: '2026-03', runNumber: 1, closedAt: at, statementHashes: [{ statementId: statement.statementId, contentHash: statement.contentHash }] } };
const adjustCommand = (data: Partial<PostAdjustment['data']> = {}): PostAdjustment => ({
  type: 'PostAdjustment',
  data: { period: '2026-03', adjustmentId: 'adj-1', correctsPeriod: '2026-02', correctsStatementId: `2026-02.${cc}`, correctsLineId: '3', costCenterId: cc, amount: eur('-5.00'), reason: 'Double-booked licence', ...data },
  metadata,
});
const adjusted: PeriodAdjustmentPosted = {
  type: 'PeriodAdjustmentPosted',
  data: { period: '2026-03', adjustmentId: 'adj-1', correctsPeriod: '2026-02', correctsStatementId: `2026-02.${cc}`, correctsLineId: '3', costCenterId: cc, amount: eur('-5.00'), reason: 'Double-booked licence', postedAt: at },
};

const spec = deciderSpecification(periodDecider, expect);
const given = spec.given.bind(spec);

describe('Period decider', () => {
  describe('when open (nothing run yet)', () => {
    it('records a run that reconciles, as run 1', () => {
      given([]).when(runCommand()).then([ran(1)]);
    });
    it('refuses a run that does not reconcile, naming the check', () => {
      given([]).when(runCommand({ reconciliation: reconciliation(false) })).thenThrows(RuleViolation, 'The allocation of 2026-03 does not reconcile: ledger = pools + direct (10.00 ≠ 9.99)');
    });
    it('refuses a period that is not a month', () => {
      given([]).when(runCommand({ period: '2026-Q1' })).thenThrows(RuleViolation, /is a month such as 2026-03/);
    });
    it('refuses to publish or close what has not run', () => {
      given([]).when(publishCommand()).thenThrows(IllegalTransition, /has not been run/);
      given([]).when(closeCommand()).thenThrows(IllegalTransition, /cannot be closed before its statements are published/);
    });
    it('takes an adjustment of an earlier period; the same adjustment again records nothing', () => {
      given([]).when(adjustCommand()).then([adjusted]);
      given([adjusted]).when(adjustCommand()).thenNothingHappens();
    });
    it('refuses an adjustment of zero, without a reason, or of this or a later period', () => {
      given([]).when(adjustCommand({ amount: eur('0.00') })).thenThrows(RuleViolation, 'An adjustment of zero corrects nothing');
      given([]).when(adjustCommand({ reason: ' ' })).thenThrows(RuleViolation, 'The reason must not be blank');
      given([]).when(adjustCommand({ correctsPeriod: '2026-03' })).thenThrows(RuleViolation, 'An adjustment in 2026-03 corrects an earlier period, not 2026-03');
    });
    it('refuses a run that leaves out a posted adjustment', () => {
      given([adjusted]).when(runCommand()).thenThrows(RuleViolation, 'A run of 2026-03 must include its adjustments (adj-1), not none');
      given([adjusted]).when(runCommand({ inputs: inputs(['adj-1']) })).then([ran(1, ['adj-1'])]);
    });
  });

  describe('when run', () => {
    it('runs again as run 2', () => {
      given([ran(1)]).when(runCommand()).then([ran(2)]);
    });
    it('publishes the statements of the latest run: the summary, then each statement with its lines and hash', () => {
      given([ran(1)]).when(publishCommand()).then([summary, statementPublished]);
    });
    it('refuses statements of another run, of other totals, line counts or cost centers', () => {
      given([ran(1), ran(2)]).when(publishCommand([draft], 1)).thenThrows(RuleViolation, 'Run 1 is not the latest run of 2026-03 (2)');
      given([ran(1)]).when(publishCommand([{ ...draft, reportingTotal: eur('11.00') }])).thenThrows(RuleViolation, /is not what run 1 computed \(10\.00 in 1 lines\)/);
      given([ran(1)]).when(publishCommand([{ ...draft, lines: [...draft.lines, { ...draft.lines[0], lineId: '2' }] }])).thenThrows(RuleViolation, /is not what run 1 computed/);
      given([ran(1)]).when(publishCommand([])).thenThrows(RuleViolation, 'Run 1 has 1 statements, not 0');
      given([ran(1)]).when(publishCommand([{ ...draft, costCenterId: '0190f3a4-1111-7222-8333-000000000000' }])).thenThrows(RuleViolation, 'Run 1 has no statement for cost center 0190f3a4-1111-7222-8333-000000000000');
    });
    it('marks the run stale when an adjustment comes after it: publishing waits for a new run', () => {
      given([ran(1), adjusted]).when(publishCommand()).thenThrows(IllegalTransition, 'An adjustment was posted to 2026-03 after run 1: run the period again before publishing');
    });
    it('cannot be closed before publishing', () => {
      given([ran(1)]).when(closeCommand()).thenThrows(IllegalTransition, 'Period 2026-03 cannot be closed before its statements are published');
    });
  });

  describe('when published', () => {
    const published = [ran(1), summary, statementPublished];
    it('closes, naming every statement hash', () => {
      given(published).when(closeCommand()).then([closed]);
    });
    it('refuses another run, another publication and an adjustment', () => {
      given(published).when(runCommand()).thenThrows(IllegalTransition, /are published: close the period/);
      given(published).when(publishCommand()).thenThrows(IllegalTransition, 'The statements of 2026-03 are already published');
      given(published).when(adjustCommand()).thenThrows(IllegalTransition, 'The statements of 2026-03 are published: an adjustment goes to the next open period');
    });
  });

  describe('when closed', () => {
    const all = [ran(1), summary, statementPublished, closed];
    it('refuses every command: a closed period is immutable', () => {
      const message = 'Period 2026-03 is closed and cannot change: a correction is an adjustment in the next open period';
      given(all).when(runCommand()).thenThrows(IllegalTransition, message);
      given(all).when(publishCommand()).thenThrows(IllegalTransition, message);
      given(all).when(closeCommand()).thenThrows(IllegalTransition, message);
      given(all).when(adjustCommand()).thenThrows(IllegalTransition, message);
    });
  });

  it('knows the next period', () => {
    expect([nextPeriod('2026-03'), nextPeriod('2026-12')]).toEqual(['2026-04', '2027-01']);
  });
});
