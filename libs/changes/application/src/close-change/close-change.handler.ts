import { Injectable } from '@nestjs/common';
import type { EventMetadata } from '@itsm/event-sourcing';
import { ChangeStreams, type ChangeCommandOptions, type ChangeCommandResult } from '../change-stream/change-streams';

/** Closes a reviewed change (a required post-implementation review must be recorded first). */
@Injectable()
export class CloseChangeHandler {
  constructor(private readonly streams: ChangeStreams) {}

  execute(changeId: string, metadata: EventMetadata, options?: ChangeCommandOptions): Promise<ChangeCommandResult> {
    return this.streams.execute(changeId, { type: 'CloseChange', data: {} }, metadata, options);
  }
}
