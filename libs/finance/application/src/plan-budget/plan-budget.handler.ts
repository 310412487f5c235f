import { Inject, Injectable } from '@nestjs/common';
import type { ExclusiveSections } from '@itsm/event-store';
import { newId, NO_STREAM_REVISION, RuleViolation, type EventMetadata } from '@itsm/event-sourcing';
import { parsePeriod, type PlannedBudget, type WireMoney } from '@itsm/finance-domain';
import { EXCLUSIVE_SECTIONS } from '@itsm/platform-kit';
import { FINANCE_DIRECTORY } from '../nest/finance-application.tokens';
import type { FinanceDirectory } from '../ports/finance-directory.port';
import { isUuid } from '../stream-ids';
import { BudgetStreams, CostCenterStreams, type FinanceCommandResult } from '../streams/finance-streams';

/** The one section every process takes to plan a budget: one budget per cost center and period. */
export const BUDGET_SECTION = 'finance:budgets';

export interface PlanBudgetInput {
  costCenterId: string;
  period: string;
  planned: WireMoney;
  thresholds?: number[];
}

/**
 * Plans a budget for an open cost center and a period, in the cost center's currency (read from its stream). Inside
 * the budgets' exclusive section on a directory caught up with the log, a second budget for the same cost center and
 * period is refused.
 */
@Injectable()
export class PlanBudgetHandler {
  constructor(
    private readonly streams: BudgetStreams,
    private readonly costCenters: CostCenterStreams,
    @Inject(FINANCE_DIRECTORY) private readonly directory: FinanceDirectory,
    @Inject(EXCLUSIVE_SECTIONS) private readonly sections: ExclusiveSections,
  ) {}

  async execute(input: PlanBudgetInput, metadata: EventMetadata): Promise<FinanceCommandResult<PlannedBudget>> {
    const costCenterId = String(input.costCenterId).toLowerCase();
    const costCenter = isUuid(costCenterId) ? (await this.costCenters.loadEvenIfAbsent(costCenterId)).state : { status: 'initial' as const };
    if (costCenter.status === 'initial') throw new RuleViolation(`The cost center ${costCenterId} does not exist`);
    if (costCenter.status === 'closed') throw new RuleViolation(`The cost center ${costCenter.code} is closed`);
    const period = parsePeriod(input.period).id;
    const budgetId = newId();
    return this.sections.run(BUDGET_SECTION, async () => {
      await this.directory.catchUp();
      const existing = await this.directory.budgetOf(costCenterId, period);
      if (existing !== null) throw new RuleViolation(`Cost center ${costCenter.code} already has budget ${existing} for ${period}: revise its plan`);
      const data = { budgetId, costCenterId, costCenterCurrency: costCenter.currency, period, planned: input.planned, ...(input.thresholds === undefined ? {} : { thresholds: input.thresholds }) };
      const result = await this.streams.execute(budgetId, { type: 'PlanBudget', data }, metadata, { expectedRevision: NO_STREAM_REVISION });
      return { ...result, state: result.state as PlannedBudget };
    });
  }
}
