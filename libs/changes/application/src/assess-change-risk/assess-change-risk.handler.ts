import { Injectable } from '@nestjs/common';
import type { EventMetadata } from '@itsm/event-sourcing';
import { ChangeStreams, type ChangeCommandOptions, type ChangeCommandResult } from '../change-stream/change-streams';
import { ChangeRiskAssessor, type RiskAnswers } from '../risk-assessment/change-risk-assessor';

/**
 * Assesses a change's risk with the policy in force: the facts from the catalog copy and the change list (on the
 * change as it stands when decided), the requester's answers and expected outage from the request. A normal change
 * moves on to authorize with the stages the approval policy gives its level.
 */
@Injectable()
export class AssessChangeRiskHandler {
  constructor(
    private readonly streams: ChangeStreams,
    private readonly assessor: ChangeRiskAssessor,
  ) {}

  execute(changeId: string, input: RiskAnswers, metadata: EventMetadata, options?: ChangeCommandOptions): Promise<ChangeCommandResult> {
    return this.streams.execute(changeId, { plan: (change, now) => this.assessor.assessment(change, input, 'requested', now) }, metadata, options);
  }
}
