import { Inject, Injectable } from '@nestjs/common';
import type { ApprovalDecision } from '@itsm/contracts';
import type { EventMetadata } from '@itsm/event-sourcing';
import { materialContentHash } from '@itsm/changes-domain';
import { ChangeStreams, type ChangeCommandOptions, type ChangeCommandResult } from '../change-stream/change-streams';
import { CHANGE_QUERIES } from '../nest/changes-application.tokens';
import type { ChangeQueries } from '../ports/change-queries.port';
import { blockingConflictsOf } from '../schedule-check/blocking-conflicts';

export interface ApprovalDecisionInput {
  decision: ApprovalDecision;
  comment?: string;
  /**
   * The change's `materialHash` as the approver saw it: a decision on content that has changed since is refused.
   * Left out, the decision is on the content as it is now.
   */
  seenHash?: string;
  /** The stage the decision is meant for (refused when another one is open). */
  stage?: string;
}

/**
 * Records the caller's decision on the open approval stage (the decider checks who may decide and counts the quorum).
 * An approval carries what blocks the change's window on the schedule now (the live conflict detection): the decider
 * refuses the one that would schedule the change while there is any.
 */
@Injectable()
export class RecordApprovalDecisionHandler {
  constructor(
    private readonly streams: ChangeStreams,
    @Inject(CHANGE_QUERIES) private readonly queries: ChangeQueries,
  ) {}

  execute(changeId: string, input: ApprovalDecisionInput, metadata: EventMetadata, options?: ChangeCommandOptions): Promise<ChangeCommandResult> {
    return this.streams.execute(
      changeId,
      {
        plan: async (change) => ({
          type: 'RecordApprovalDecision',
          data: {
            decision: input.decision,
            comment: input.comment ?? '',
            seenHash: input.seenHash ?? materialContentHash(change),
            ...(input.stage === undefined ? {} : { stage: input.stage }),
            // Only an approval in authorize can schedule the change (the decider refuses the others without a check).
            ...(input.decision === 'approve' && change.state === 'authorize' ? { blockingConflicts: await blockingConflictsOf(this.queries, change) } : {}),
          },
        }),
      },
      metadata,
      options,
    );
  }
}
