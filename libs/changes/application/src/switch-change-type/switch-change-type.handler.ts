import { Injectable } from '@nestjs/common';
import type { ChangeType } from '@itsm/contracts';
import type { EventMetadata } from '@itsm/event-sourcing';
import { ChangeStreams, type ChangeCommandOptions, type ChangeCommandResult } from '../change-stream/change-streams';

/** Switches the type of a new change nobody ever decided on; a standard change names its template. */
@Injectable()
export class SwitchChangeTypeHandler {
  constructor(private readonly streams: ChangeStreams) {}

  execute(changeId: string, input: { type: ChangeType; templateId?: string | null }, metadata: EventMetadata, options?: ChangeCommandOptions): Promise<ChangeCommandResult> {
    return this.streams.execute(changeId, { type: 'SwitchChangeType', data: { type: input.type, templateId: input.templateId ?? null } }, metadata, options);
  }
}
