import { Injectable } from '@nestjs/common';
import type { EventMetadata } from '@itsm/event-sourcing';
import type { ChangeFieldsInput } from '@itsm/changes-domain';
import { ChangeStreams, type ChangeCommandOptions, type ChangeCommandResult } from '../change-stream/change-streams';
import { ChangeRiskAssessor } from '../risk-assessment/change-risk-assessor';

/**
 * Edits a change (only the fields given; allowed until implementation starts). A material edit makes a risk
 * assessment due and lapses approvals in play (the decider's rules); when the change is then in assessment (a normal
 * change in assess, an emergency one in authorize) and was assessed before, its risk is assessed again at once, with
 * the same answers on the facts as they now are, in the same append: a material edit re-assesses, and the assessment
 * says which inputs moved. A re-assessment the policy refuses (a question added since) leaves the assessment due.
 */
@Injectable()
export class UpdateChangeHandler {
  constructor(
    private readonly streams: ChangeStreams,
    private readonly assessor: ChangeRiskAssessor,
  ) {}

  execute(changeId: string, input: Partial<ChangeFieldsInput>, metadata: EventMetadata, options?: ChangeCommandOptions): Promise<ChangeCommandResult> {
    return this.streams.execute(
      changeId,
      [{ type: 'UpdateChange', data: input }, { plan: (change, now) => this.assessor.reassessment(change, now), optional: true }],
      metadata,
      options,
    );
  }
}
