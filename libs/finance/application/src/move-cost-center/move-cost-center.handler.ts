import { Inject, Injectable } from '@nestjs/common';
import type { ExclusiveSections } from '@itsm/event-store';
import { RuleViolation, type EventMetadata } from '@itsm/event-sourcing';
import type { CostCenter } from '@itsm/finance-domain';
import { EXCLUSIVE_SECTIONS } from '@itsm/platform-kit';
import { FINANCE_DIRECTORY } from '../nest/finance-application.tokens';
import { COST_CENTER_SECTION } from '../open-cost-center/open-cost-center.handler';
import { requireOpenParent } from '../open-cost-center/cost-center-rules';
import type { FinanceDirectory } from '../ports/finance-directory.port';
import { CostCenterStreams, type FinanceCommandOptions, type FinanceCommandResult } from '../streams/finance-streams';

/**
 * Moves a cost center under another parent (null: to the top). Refused when the new parent is the cost center
 * itself or one of its descendants (a cycle): the parent's ancestors are read from the directory caught up with the
 * log, inside the cost centers' exclusive section, so two moves that would close a loop together cannot both pass.
 */
@Injectable()
export class MoveCostCenterHandler {
  constructor(
    private readonly streams: CostCenterStreams,
    @Inject(FINANCE_DIRECTORY) private readonly directory: FinanceDirectory,
    @Inject(EXCLUSIVE_SECTIONS) private readonly sections: ExclusiveSections,
  ) {}

  async execute(costCenterId: string, input: { parentId: string | null }, metadata: EventMetadata, options?: FinanceCommandOptions): Promise<FinanceCommandResult<CostCenter>> {
    // A malformed id is not found before any lock is taken.
    this.streams.streamIdOf(costCenterId);
    const id = costCenterId.toLowerCase();
    const parentId = input.parentId === null ? null : input.parentId.toLowerCase();
    return this.sections.run(COST_CENTER_SECTION, async () => {
      if (parentId !== null && parentId !== id) {
        await requireOpenParent(this.streams, parentId);
        await this.directory.catchUp();
        if ((await this.directory.ancestorsOf(parentId)).includes(id)) {
          throw new RuleViolation(`Cost center ${parentId} is below ${id}: moving ${id} under it would make a cycle`);
        }
      }
      return this.streams.execute(id, { type: 'MoveCostCenter', data: { parentId } }, metadata, options);
    });
  }
}
