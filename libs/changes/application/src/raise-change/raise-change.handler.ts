import { Inject, Injectable } from '@nestjs/common';
import { changeStreamId, type ChangeType } from '@itsm/contracts';
import { decisionOf, newId, NO_STREAM_REVISION, type Clock, type EventMetadata, type RecordedEvent, type WritePipeline } from '@itsm/event-sourcing';
import { changeDecider, type ChangeFieldsInput, type RaiseChange, type RaisedChange } from '@itsm/changes-domain';
import { WRITE_PIPELINE } from '@itsm/platform-kit';
import { CHANGE_CATALOG, CHANGE_NUMBERS, CHANGES_CLOCK } from '../nest/changes-application.tokens';
import type { ChangeCatalog } from '../ports/change-catalog.port';
import type { ChangeNumberAllocator } from '../ports/change-number-allocator.port';

export interface RaiseChangeInput extends ChangeFieldsInput {
  type: ChangeType;
  /** The catalog's change template of a standard change. */
  templateId?: string | null;
}

export interface RaiseChangeResult {
  id: string;
  change: RaisedChange;
  /** The stream revision after the command: the new ETag. */
  revision: number;
  events: RecordedEvent[];
}

/** Stands in for the number during the trial decision: it matches the pattern and is never allocated. */
const PLACEHOLDER_NUMBER = 'CHG0000000';

/**
 * Raises a change on a new stream (`change-<uuid>`), numbered from a sequence; the decider checks its fields, and a
 * standard change's template against what the catalog copy knows of it (`catalog`; without one it is not checked).
 */
@Injectable()
export class RaiseChangeHandler {
  constructor(
    @Inject(WRITE_PIPELINE) private readonly pipeline: WritePipeline,
    @Inject(CHANGES_CLOCK) private readonly clock: Clock,
    @Inject(CHANGE_NUMBERS) private readonly numbers: ChangeNumberAllocator,
    @Inject(CHANGE_CATALOG) private readonly catalog?: Pick<ChangeCatalog, 'template'>,
  ) {}

  async execute(input: RaiseChangeInput, metadata: EventMetadata): Promise<RaiseChangeResult> {
    const changeId = newId();
    const now = this.clock.now();
    const template = await this.templateOf(input);
    const raise = (number: string): RaiseChange => ({
      type: 'RaiseChange',
      data: { ...input, changeId, number, ...(template === undefined ? {} : { template }) },
      metadata: { now, actor: metadata.actor },
    });
    // Numbers come from a sequence that never gives one back: the decider's refusal comes before one is taken.
    changeDecider.decide(raise(PLACEHOLDER_NUMBER), changeDecider.initialState());
    const command = raise(await this.numbers.next());
    // A new id names a new stream: expecting no stream turns a (theoretical) id clash into a conflict, not a merge.
    const executed = await this.pipeline.execute(changeStreamId(changeId), decisionOf(changeDecider, command), {
      metadata,
      expectedRevision: NO_STREAM_REVISION,
      occurredAt: now,
    });
    return { id: changeId, change: executed.state as RaisedChange, revision: executed.revision, events: executed.events };
  }

  /** The catalog copy's record of a standard change's template (null: unknown); undefined when there is none to check. */
  private async templateOf(input: RaiseChangeInput): Promise<RaiseChange['data']['template']> {
    if (!this.catalog || input.type !== 'standard' || typeof input.templateId !== 'string' || input.templateId.trim() === '') return undefined;
    const template = await this.catalog.template(input.templateId.trim());
    return template && { serviceId: template.serviceId, preApproved: template.preApproved };
  }
}
