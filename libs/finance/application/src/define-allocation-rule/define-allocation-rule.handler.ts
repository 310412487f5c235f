import { Inject, Injectable } from '@nestjs/common';
import type { ExclusiveSections } from '@itsm/event-store';
import { newId, NO_STREAM_REVISION, RuleViolation, type EventMetadata } from '@itsm/event-sourcing';
import type { AllocationMethod, AllocationSource, DefinedAllocationRule } from '@itsm/finance-domain';
import { EXCLUSIVE_SECTIONS } from '@itsm/platform-kit';
import { FINANCE_CATALOG, FINANCE_DIRECTORY } from '../nest/finance-application.tokens';
import type { FinanceCatalog } from '../ports/finance-catalog.port';
import type { FinanceDirectory } from '../ports/finance-directory.port';
import { AllocationRuleStreams, type FinanceCommandResult } from '../streams/finance-streams';
import { normalizedMethod, requireOpenConsumers, requireSourceExists } from './allocation-rule-parties';

/** The one section every process takes to define a rule: one live rule per source. */
export const ALLOCATION_RULE_SECTION = 'finance:allocation-rules';

export interface DefineAllocationRuleInput {
  name: string;
  source: AllocationSource;
  method: AllocationMethod;
}

/**
 * Defines how the costs of one cost pool or one service are shared out. The decider checks the method; here, inside
 * the rules' exclusive section on a directory caught up with the log: the source exists (an open pool, a service
 * finance's copy of the catalog knows), every consumer is an open cost center, and the source has no live rule yet
 * (revise or retire that one).
 */
@Injectable()
export class DefineAllocationRuleHandler {
  constructor(
    private readonly streams: AllocationRuleStreams,
    @Inject(FINANCE_DIRECTORY) private readonly directory: FinanceDirectory,
    @Inject(FINANCE_CATALOG) private readonly catalog: FinanceCatalog,
    @Inject(EXCLUSIVE_SECTIONS) private readonly sections: ExclusiveSections,
  ) {}

  async execute(input: DefineAllocationRuleInput, metadata: EventMetadata): Promise<FinanceCommandResult<DefinedAllocationRule>> {
    const ruleId = newId();
    const source = { kind: input.source?.kind, id: String(input.source?.id ?? '').trim().toLowerCase() } as AllocationSource;
    const method = normalizedMethod(input.method);
    return this.sections.run(ALLOCATION_RULE_SECTION, async () => {
      await this.directory.catchUp();
      await requireSourceExists(this.directory, this.catalog, source);
      await requireOpenConsumers(this.directory, method);
      const live = await this.directory.liveRuleOf(source);
      if (live !== null) throw new RuleViolation(`The ${source.kind === 'pool' ? 'cost pool' : 'service'} ${source.id} already has allocation rule ${live}: revise or retire it`);
      const result = await this.streams.execute(ruleId, { type: 'DefineAllocationRule', data: { ruleId, name: input.name, source, method } }, metadata, {
        expectedRevision: NO_STREAM_REVISION,
      });
      return { ...result, state: result.state as DefinedAllocationRule };
    });
  }
}
