import { Injectable } from '@nestjs/common';
import type { EventMetadata } from '@itsm/event-sourcing';
import { ChangeStreams, type ChangeCommandOptions, type ChangeCommandResult } from '../change-stream/change-streams';

/** Cancels a change before its review, with a reason; approvals still awaited are canceled with it. */
@Injectable()
export class CancelChangeHandler {
  constructor(private readonly streams: ChangeStreams) {}

  execute(changeId: string, input: { reason: string }, metadata: EventMetadata, options?: ChangeCommandOptions): Promise<ChangeCommandResult> {
    return this.streams.execute(changeId, { type: 'CancelChange', data: { reason: input.reason } }, metadata, options);
  }
}
