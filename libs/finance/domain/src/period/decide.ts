import { assertNever, IllegalTransition, RuleViolation, type Decider } from '@itsm/event-sourcing';
import { isZero, moneyFromWire, moneyToWire } from '../money';
import { requireText } from '../shared/guards';
import type { ClosePeriod, PeriodCommand, PostAdjustment, PublishStatements, RunPeriod } from './commands';
import type { PeriodEvent } from './events';
import { evolve, initialState, type PeriodState } from './state';
import { publishStatement, statementIdOf } from './statement';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export const requirePeriodMonth = (period: unknown): string => {
  if (typeof period !== 'string' || !MONTH.test(period)) throw new RuleViolation(`A period is a month such as 2026-03, not "${String(period).slice(0, 40)}"`);
  return period;
};

/** The month after "2026-12" is "2027-01". */
export const nextPeriod = (period: string): string => {
  const [year, month] = requirePeriodMonth(period).split('-').map(Number);
  return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
};

export const decide = (command: PeriodCommand, state: PeriodState): PeriodEvent[] => {
  switch (command.type) {
    case 'RunPeriod': return run(command, state);
    case 'PublishStatements': return publish(command, state);
    case 'ClosePeriod': return close(command, state);
    case 'PostAdjustment': return adjust(command, state);
    default: return assertNever(command);
  }
};

export const periodDecider: Decider<PeriodCommand, PeriodState, PeriodEvent> = { decide, evolve, initialState };

const refuseClosed = (state: PeriodState) => {
  if (state.status === 'closed') throw new IllegalTransition(`Period ${state.period} is closed and cannot change: a correction is an adjustment in the next open period`);
};

const run = ({ data, metadata }: RunPeriod, state: PeriodState): PeriodEvent[] => {
  const period = requirePeriodMonth(data.period);
  refuseClosed(state);
  if (state.status === 'published') throw new IllegalTransition(`The statements of ${period} are published: close the period; a correction is an adjustment in the next open period`);
  if (!data.reconciliation.balanced) {
    const failed = data.reconciliation.checks.filter((check) => !check.balanced).map((check) => `${check.name} (${check.left.amount} ≠ ${check.right.amount})`);
    throw new RuleViolation(`The allocation of ${period} does not reconcile: ${failed.join('; ')}`);
  }
  const posted = state.adjustments.map((adjustment) => adjustment.adjustmentId).sort();
  const included = [...data.inputs.adjustmentIds].sort();
  if (posted.join() !== included.join()) throw new RuleViolation(`A run of ${period} must include its adjustments (${posted.join(', ') || 'none'}), not ${included.join(', ') || 'none'}`);
  const runNumber = (state.latestRun?.runNumber ?? 0) + 1;
  return [{ type: 'PeriodRun', data: { period, runNumber, runAt: metadata.now.toISOString(), inputs: data.inputs, reconciliation: data.reconciliation, statements: data.statements } }];
};

const publish = ({ data, metadata }: PublishStatements, state: PeriodState): PeriodEvent[] => {
  refuseClosed(state);
  if (state.status === 'published') throw new IllegalTransition(`The statements of ${state.period} are already published`);
  const latest = state.latestRun;
  if (latest === null) throw new IllegalTransition(`Period ${state.period ?? ''} has not been run: run it before publishing its statements`.replace('  ', ' '));
  if (state.stale) throw new IllegalTransition(`An adjustment was posted to ${latest.period} after run ${latest.runNumber}: run the period again before publishing`);
  if (data.runNumber !== latest.runNumber) throw new RuleViolation(`Run ${data.runNumber} is not the latest run of ${latest.period} (${latest.runNumber})`);
  const expected = new Map(latest.statements.map((statement) => [statement.costCenterId, statement]));
  if (data.statements.length !== expected.size) throw new RuleViolation(`Run ${latest.runNumber} has ${expected.size} statements, not ${data.statements.length}`);
  const statements = data.statements.map(({ mode, ...draft }) => {
    const summary = expected.get(draft.costCenterId);
    if (summary === undefined) throw new RuleViolation(`Run ${latest.runNumber} has no statement for cost center ${draft.costCenterId}`);
    if (draft.reportingTotal.amount !== summary.reportingTotal.amount || draft.lines.length !== summary.lineCount) {
      throw new RuleViolation(`Statement ${statementIdOf(latest.period, draft.costCenterId)} is not what run ${latest.runNumber} computed (${summary.reportingTotal.amount} in ${summary.lineCount} lines)`);
    }
    // Hashed here, once: a period's statements hold tens of thousands of lines.
    return publishStatement(latest.period, draft, mode);
  });
  statements.sort((a, b) => (a.costCenterId < b.costCenterId ? -1 : a.costCenterId > b.costCenterId ? 1 : 0));
  return [
    {
      type: 'PeriodStatementsPublished',
      data: {
        period: latest.period,
        runNumber: latest.runNumber,
        publishedAt: metadata.now.toISOString(),
        statements: statements.map(({ statementId, costCenterId, mode, contentHash }) => ({ statementId, costCenterId, mode, contentHash })),
      },
    },
    ...statements.map((statement) => ({ type: 'StatementPublished' as const, data: statement })),
  ];
};

const close = ({ metadata }: ClosePeriod, state: PeriodState): PeriodEvent[] => {
  refuseClosed(state);
  if (state.status !== 'published' || state.published === null || state.latestRun === null) {
    throw new IllegalTransition(`Period ${state.period ?? ''} cannot be closed before its statements are published`.replace('  ', ' '));
  }
  return [
    {
      type: 'PeriodClosed',
      data: {
        period: state.latestRun.period,
        runNumber: state.published.runNumber,
        closedAt: metadata.now.toISOString(),
        statementHashes: state.published.statements.map(({ statementId, contentHash }) => ({ statementId, contentHash })),
      },
    },
  ];
};

const adjust = ({ data, metadata }: PostAdjustment, state: PeriodState): PeriodEvent[] => {
  const period = requirePeriodMonth(data.period);
  refuseClosed(state);
  if (state.status === 'published') throw new IllegalTransition(`The statements of ${period} are published: an adjustment goes to the next open period`);
  const correctsPeriod = requirePeriodMonth(data.correctsPeriod);
  if (correctsPeriod >= period) throw new RuleViolation(`An adjustment in ${period} corrects an earlier period, not ${correctsPeriod}`);
  if (state.adjustments.some((known) => known.adjustmentId === data.adjustmentId)) return [];
  const amount = moneyFromWire(data.amount);
  if (isZero(amount)) throw new RuleViolation('An adjustment of zero corrects nothing');
  const reason = requireText(data.reason, 'The reason');
  return [
    {
      type: 'PeriodAdjustmentPosted',
      data: {
        period,
        adjustmentId: data.adjustmentId,
        correctsPeriod,
        correctsStatementId: data.correctsStatementId,
        correctsLineId: data.correctsLineId,
        costCenterId: data.costCenterId,
        amount: moneyToWire(amount),
        reason,
        postedAt: metadata.now.toISOString(),
      },
    },
  ];
};
