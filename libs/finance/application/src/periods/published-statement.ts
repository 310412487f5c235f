import { RuleViolation } from '@itsm/event-sourcing';
import { parseStatementId, type PeriodState } from '@itsm/finance-domain';
import { FinanceNotFound } from '../errors';
import type { PeriodStreams } from './period-streams';

type PublishedStatement = PeriodState['statements'][number];

/**
 * The published statement an adjustment or a dispute refers to, and the line it names if it names one: an unknown
 * statement is `FinanceNotFound` (404), a line the statement does not have a `RuleViolation` (409).
 */
export const findPublishedStatement = async (
  periods: PeriodStreams,
  statementId: string,
  lineId: string | null,
): Promise<{ period: string; state: PeriodState; statement: PublishedStatement }> => {
  const parsed = parseStatementId(statementId);
  if (parsed === null) throw new FinanceNotFound('statement', String(statementId));
  const { state } = await periods.load(parsed.period);
  const statement = state.statements.find((candidate) => candidate.statementId === `${parsed.period}.${parsed.costCenterId}`);
  if (statement === undefined) throw new FinanceNotFound('statement', statementId);
  if (lineId !== null && !statement.lines.some((line) => line.lineId === lineId)) throw new RuleViolation(`Statement ${statement.statementId} has no line ${lineId}`);
  return { period: parsed.period, state, statement };
};
