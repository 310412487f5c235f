import { Injectable } from '@nestjs/common';
import type { EventMetadata } from '@itsm/event-sourcing';
import { ChangeStreams, type ChangeCommandOptions, type ChangeCommandResult } from '../change-stream/change-streams';
import { ChangeRiskAssessor } from '../risk-assessment/change-risk-assessor';

/**
 * Submits a new change: a normal one to assessment, a standard one straight to the schedule (pre-approved), an
 * emergency one to its ECAB stages, which the approval policy gives.
 */
@Injectable()
export class SubmitChangeHandler {
  constructor(
    private readonly streams: ChangeStreams,
    private readonly assessor: ChangeRiskAssessor,
  ) {}

  execute(changeId: string, metadata: EventMetadata, options?: ChangeCommandOptions): Promise<ChangeCommandResult> {
    return this.streams.execute(
      changeId,
      { plan: (change) => ({ type: 'SubmitChange', data: change.type === 'emergency' ? { approvalStages: this.assessor.emergencyStages() } : {} }) },
      metadata,
      options,
    );
  }
}
