import { Injectable } from '@nestjs/common';
import type { EventMetadata } from '@itsm/event-sourcing';
import { ChangeStreams, type ChangeCommandOptions, type ChangeCommandResult } from '../change-stream/change-streams';

export interface PostImplementationReviewInput {
  summary: string;
  lessons?: string | null;
  followUpActions?: string[];
}

/** Records the post-implementation review of a completed change (once; the reviewer is the caller). */
@Injectable()
export class RecordPirHandler {
  constructor(private readonly streams: ChangeStreams) {}

  execute(changeId: string, input: PostImplementationReviewInput, metadata: EventMetadata, options?: ChangeCommandOptions): Promise<ChangeCommandResult> {
    const data = { summary: input.summary, lessons: input.lessons ?? null, followUpActions: input.followUpActions ?? [] };
    return this.streams.execute(changeId, { type: 'RecordPostImplementationReview', data }, metadata, options);
  }
}
