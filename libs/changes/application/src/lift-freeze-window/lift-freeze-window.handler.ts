import { Injectable } from '@nestjs/common';
import type { EventMetadata } from '@itsm/event-sourcing';
import { FreezeWindowStreams, type FreezeWindowCommandResult } from '../freeze-window-stream/freeze-window-streams';

/** Lifts a freeze window (ends it early, or cancels it before it begins); `expectedRevision` is the caller's If-Match. */
@Injectable()
export class LiftFreezeWindowHandler {
  constructor(private readonly streams: FreezeWindowStreams) {}

  execute(freezeWindowId: string, input: { reason: string }, metadata: EventMetadata, options: { expectedRevision?: number } = {}): Promise<FreezeWindowCommandResult> {
    return this.streams.execute(freezeWindowId, { type: 'LiftFreezeWindow', data: { reason: input.reason } }, metadata, options);
  }
}
