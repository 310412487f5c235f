import { Inject, Injectable } from '@nestjs/common';
import type { ExclusiveSections } from '@itsm/event-store';
import { newId, NO_STREAM_REVISION, RuleViolation, type EventMetadata } from '@itsm/event-sourcing';
import type { OpenedCostCenter } from '@itsm/finance-domain';
import { EXCLUSIVE_SECTIONS } from '@itsm/platform-kit';
import { FINANCE_DIRECTORY } from '../nest/finance-application.tokens';
import type { FinanceDirectory } from '../ports/finance-directory.port';
import { CostCenterStreams, type FinanceCommandResult } from '../streams/finance-streams';
import { requireOpenParent } from './cost-center-rules';

/** The one section every process takes to change the cost center hierarchy or claim a code. */
export const COST_CENTER_SECTION = 'finance:cost-centers';

export interface OpenCostCenterInput {
  code: string;
  name: string;
  currency: string;
  parentId?: string | null;
}

export type OpenCostCenterResult = FinanceCommandResult<OpenedCostCenter>;

/**
 * Opens a cost center on a new stream (`cost-center-<uuid>`). The decider checks the code's shape, the name, the
 * currency and that it is not its own parent; what one stream cannot know is checked here, inside the cost
 * centers' exclusive section on a directory caught up with the log: the code is not taken, the parent exists and
 * is open.
 */
@Injectable()
export class OpenCostCenterHandler {
  constructor(
    private readonly streams: CostCenterStreams,
    @Inject(FINANCE_DIRECTORY) private readonly directory: FinanceDirectory,
    @Inject(EXCLUSIVE_SECTIONS) private readonly sections: ExclusiveSections,
  ) {}

  async execute(input: OpenCostCenterInput, metadata: EventMetadata): Promise<OpenCostCenterResult> {
    const costCenterId = newId();
    const parentId = input.parentId == null ? null : input.parentId.toLowerCase();
    return this.sections.run(COST_CENTER_SECTION, async () => {
      await this.directory.catchUp();
      const code = typeof input.code === 'string' ? input.code.trim().toUpperCase() : input.code;
      const holder = await this.directory.costCenterByCode(code);
      if (holder !== null) throw new RuleViolation(`The code ${code} is already the code of cost center ${holder.id}`);
      if (parentId !== null) await requireOpenParent(this.streams, parentId);
      // A new id names a new stream: expecting none turns a (theoretical) id clash into a conflict, not a merge.
      const result = await this.streams.execute(costCenterId, { type: 'OpenCostCenter', data: { costCenterId, code, name: input.name, currency: input.currency, parentId } }, metadata, {
        expectedRevision: NO_STREAM_REVISION,
      });
      return { ...result, state: result.state as OpenedCostCenter };
    });
  }
}
