import { Inject, Injectable } from '@nestjs/common';
import type { EventMetadata } from '@itsm/event-sourcing';
import { ChangeStreams, type ChangeCommandOptions, type ChangeCommandResult } from '../change-stream/change-streams';
import { CHANGE_QUERIES } from '../nest/changes-application.tokens';
import type { ChangeQueries } from '../ports/change-queries.port';
import { blockingConflictsOf } from '../schedule-check/blocking-conflicts';

/**
 * Starts the implementation of a scheduled change. The live conflict detection checks its window as it is when the
 * start is decided; the conflicts that block a change of its type (`blockingConflicts`) go into the command, and the
 * decider refuses the start while there are any (409 naming them).
 */
@Injectable()
export class StartChangeHandler {
  constructor(
    private readonly streams: ChangeStreams,
    @Inject(CHANGE_QUERIES) private readonly queries: ChangeQueries,
  ) {}

  execute(changeId: string, metadata: EventMetadata, options?: ChangeCommandOptions): Promise<ChangeCommandResult> {
    return this.streams.execute(
      changeId,
      {
        plan: async (change) => {
          // Only a scheduled change can start: the decider says so without a conflict check.
          if (change.state !== 'scheduled') return { type: 'StartChange', data: { blockingConflicts: [] } };
          return { type: 'StartChange', data: { blockingConflicts: await blockingConflictsOf(this.queries, change) } };
        },
      },
      metadata,
      options,
    );
  }
}
