import { Inject, Injectable } from '@nestjs/common';
import type { EventMetadata } from '@itsm/event-sourcing';
import { ChangeStreams, type ChangeCommandOptions, type ChangeCommandResult } from '../change-stream/change-streams';
import { CHANGE_QUERIES } from '../nest/changes-application.tokens';
import type { ChangeQueries } from '../ports/change-queries.port';
import { blockingConflictsOf } from '../schedule-check/blocking-conflicts';
import { ChangeRiskAssessor } from '../risk-assessment/change-risk-assessor';

/**
 * Submits a new change: a normal one to assessment, a standard one straight to the schedule (pre-approved), an
 * emergency one to its ECAB stages, which the approval policy gives. A standard change's window is checked by the
 * live conflict detection first: the decider refuses to schedule it while conflicts block it.
 */
@Injectable()
export class SubmitChangeHandler {
  constructor(
    private readonly streams: ChangeStreams,
    private readonly assessor: ChangeRiskAssessor,
    @Inject(CHANGE_QUERIES) private readonly queries: ChangeQueries,
  ) {}

  execute(changeId: string, metadata: EventMetadata, options?: ChangeCommandOptions): Promise<ChangeCommandResult> {
    return this.streams.execute(
      changeId,
      {
        plan: async (change) => {
          if (change.type === 'emergency') return { type: 'SubmitChange', data: { approvalStages: this.assessor.emergencyStages() } };
          // Only a new standard change goes onto the schedule here (the decider refuses the others without a check).
          if (change.type !== 'standard' || change.state !== 'new') return { type: 'SubmitChange', data: {} };
          return { type: 'SubmitChange', data: { blockingConflicts: await blockingConflictsOf(this.queries, change) } };
        },
      },
      metadata,
      options,
    );
  }
}
