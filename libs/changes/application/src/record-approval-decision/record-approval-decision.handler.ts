import { Injectable } from '@nestjs/common';
import type { ApprovalDecision } from '@itsm/contracts';
import type { EventMetadata } from '@itsm/event-sourcing';
import { materialContentHash } from '@itsm/changes-domain';
import { ChangeStreams, type ChangeCommandOptions, type ChangeCommandResult } from '../change-stream/change-streams';

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

/** Records the caller's decision on the open approval stage (the decider checks who may decide and counts the quorum). */
@Injectable()
export class RecordApprovalDecisionHandler {
  constructor(private readonly streams: ChangeStreams) {}

  execute(changeId: string, input: ApprovalDecisionInput, metadata: EventMetadata, options?: ChangeCommandOptions): Promise<ChangeCommandResult> {
    return this.streams.execute(
      changeId,
      {
        plan: (change) => ({
          type: 'RecordApprovalDecision',
          data: {
            decision: input.decision,
            comment: input.comment ?? '',
            seenHash: input.seenHash ?? materialContentHash(change),
            ...(input.stage === undefined ? {} : { stage: input.stage }),
          },
        }),
      },
      metadata,
      options,
    );
  }
}
