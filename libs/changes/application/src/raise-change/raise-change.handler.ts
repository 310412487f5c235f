import { Inject, Injectable } from '@nestjs/common';
import { changeStreamId } from '@itsm/contracts';
import { decisionOf, newId, NO_STREAM_REVISION, type Clock, type EventMetadata, type RecordedEvent, type WritePipeline } from '@itsm/event-sourcing';
import { changeDecider, type RaisedChange } from '@itsm/changes-domain';
import { WRITE_PIPELINE } from '@itsm/platform-kit';
import { CHANGES_CLOCK } from '../nest/changes-application.tokens';

export interface RaiseChangeInput {
  shortDescription: string;
}

export interface RaiseChangeResult {
  id: string;
  change: RaisedChange;
  /** The stream revision after the command: the new ETag. */
  revision: number;
  events: RecordedEvent[];
}

/** Raises a change on a new stream (`change-<uuid>`); the decider checks the short description. */
@Injectable()
export class RaiseChangeHandler {
  constructor(
    @Inject(WRITE_PIPELINE) private readonly pipeline: WritePipeline,
    @Inject(CHANGES_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(input: RaiseChangeInput, metadata: EventMetadata): Promise<RaiseChangeResult> {
    const changeId = newId();
    const now = this.clock.now();
    const command = { type: 'RaiseChange', data: { changeId, shortDescription: input.shortDescription }, metadata: { now, actor: metadata.actor } } as const;
    // A new id names a new stream: expecting no stream turns a (theoretical) id clash into a conflict, not a merge.
    const executed = await this.pipeline.execute(changeStreamId(changeId), decisionOf(changeDecider, command), {
      metadata,
      expectedRevision: NO_STREAM_REVISION,
      occurredAt: now,
    });
    return { id: changeId, change: executed.state as RaisedChange, revision: executed.revision, events: executed.events };
  }
}
