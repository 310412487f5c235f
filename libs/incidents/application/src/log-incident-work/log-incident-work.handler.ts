import { Injectable } from '@nestjs/common';
import { newId, type EventMetadata } from '@itsm/event-sourcing';
import type { CommandOptions } from '../command-options';
import { IncidentStreams, type IncidentCommandResult } from '../incident-stream/incident-streams';

/** Adds a work-log entry with the time spent; answers with the entry's id. */
@Injectable()
export class LogIncidentWorkHandler {
  constructor(private readonly streams: IncidentStreams) {}

  async execute(
    id: string,
    input: { entry: string; minutesSpent: number },
    metadata: EventMetadata,
    options?: CommandOptions,
  ): Promise<IncidentCommandResult & { entryId: string }> {
    const entryId = newId();
    const data = { entryId, entry: input.entry, minutesSpent: input.minutesSpent };
    return { ...(await this.streams.execute(id, { type: 'LogIncidentWork', data }, metadata, options)), entryId };
  }
}
