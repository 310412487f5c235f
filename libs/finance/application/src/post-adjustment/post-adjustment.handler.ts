import { Inject, Injectable } from '@nestjs/common';
import { newId, RuleViolation, type EventMetadata } from '@itsm/event-sourcing';
import { nextPeriod, parseStatementId, type PeriodState, type WireMoney } from '@itsm/finance-domain';
import { FinanceNotFound } from '../errors';
import { FINANCE_SETTINGS } from '../nest/finance-application.tokens';
import type { FinanceSettings } from '../settings/finance-settings';
import type { FinanceCommandResult } from '../streams/finance-streams';
import { PeriodStreams } from '../periods/period-streams';

export interface PostAdjustmentInput {
  /** The statement of a closed period it corrects ("2026-03.<cost center id>"). */
  statementId: string;
  /** The line it corrects, if one. */
  lineId?: string | null;
  /** In the reporting currency: what to add to (or, negative, take from) the cost center. */
  amount: WireMoney;
  reason: string;
  /** The caller's id for it (the same again records nothing); default a new one. */
  adjustmentId?: string;
}

/** How far ahead the next open period is looked for. */
const MAX_PERIODS_AHEAD = 120;

/**
 * A correction of a closed period: it names the statement (and line) it corrects and lands in the next period after
 * it that is still open (neither published nor closed), on the same cost center.
 */
@Injectable()
export class PostAdjustmentHandler {
  constructor(
    private readonly periods: PeriodStreams,
    @Inject(FINANCE_SETTINGS) private readonly settings: FinanceSettings,
  ) {}

  async execute(input: PostAdjustmentInput, metadata: EventMetadata): Promise<FinanceCommandResult<PeriodState> & { adjustmentId: string }> {
    const parsed = parseStatementId(input.statementId);
    if (parsed === null) throw new FinanceNotFound('statement', String(input.statementId));
    const { state: corrected } = await this.periods.load(parsed.period);
    const statement = corrected.statements.find((candidate) => candidate.statementId === `${parsed.period}.${parsed.costCenterId}`);
    if (statement === undefined) throw new FinanceNotFound('statement', input.statementId);
    if (corrected.status !== 'closed') throw new RuleViolation(`Period ${parsed.period} is not closed: correct it by running it again, not by an adjustment`);
    const lineId = input.lineId ?? null;
    if (lineId !== null && !statement.lines.some((line) => line.lineId === lineId)) throw new RuleViolation(`Statement ${statement.statementId} has no line ${lineId}`);
    if (input.amount.currency !== this.settings.reportingCurrency) throw new RuleViolation(`An adjustment is in the reporting currency ${this.settings.reportingCurrency}, not ${input.amount.currency}`);
    let target = nextPeriod(parsed.period);
    for (let ahead = 0; ; ahead++) {
      const { state } = await this.periods.load(target);
      if (state.status !== 'published' && state.status !== 'closed') break;
      if (ahead >= MAX_PERIODS_AHEAD) throw new RuleViolation(`No open period within ${MAX_PERIODS_AHEAD} months after ${parsed.period}`);
      target = nextPeriod(target);
    }
    const adjustmentId = input.adjustmentId ?? newId();
    const data = {
      period: target, adjustmentId, correctsPeriod: parsed.period, correctsStatementId: statement.statementId, correctsLineId: lineId, costCenterId: statement.costCenterId, amount: input.amount, reason: input.reason,
    };
    const result = await this.periods.execute(target, { type: 'PostAdjustment', data }, metadata);
    return { ...result, adjustmentId };
  }
}
