import { Injectable } from '@nestjs/common';
import type { ChangeOutcome } from '@itsm/contracts';
import type { EventMetadata } from '@itsm/event-sourcing';
import { ChangeStreams, type ChangeCommandOptions, type ChangeCommandResult } from '../change-stream/change-streams';

/** Records how the implementation went; a failed or backed-out change, and every emergency one, then needs its review. */
@Injectable()
export class CompleteChangeHandler {
  constructor(private readonly streams: ChangeStreams) {}

  execute(changeId: string, input: { outcome: ChangeOutcome; notes: string }, metadata: EventMetadata, options?: ChangeCommandOptions): Promise<ChangeCommandResult> {
    return this.streams.execute(changeId, { type: 'CompleteChange', data: { outcome: input.outcome, notes: input.notes } }, metadata, options);
  }
}
