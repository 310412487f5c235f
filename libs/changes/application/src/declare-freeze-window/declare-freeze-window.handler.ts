import { Inject, Injectable } from '@nestjs/common';
import { newId, NO_STREAM_REVISION, type EventMetadata } from '@itsm/event-sourcing';
import { FreezeWindowStreams, type FreezeWindowCommandResult } from '../freeze-window-stream/freeze-window-streams';
import { CHANGE_CATALOG } from '../nest/changes-application.tokens';
import type { ChangeCatalog } from '../ports/change-catalog.port';

export interface DeclareFreezeWindowInput {
  name: string;
  reason: string;
  from: string;
  to: string;
  /** Left out or null: every service. */
  serviceIds?: string[] | null;
}

/**
 * Declares a freeze (blackout) window on a new stream (`freeze-window-<uuid>`). Which of the services named the
 * catalog knows comes from the changes' copy of the catalog; the decider refuses the others.
 */
@Injectable()
export class DeclareFreezeWindowHandler {
  constructor(
    private readonly streams: FreezeWindowStreams,
    @Inject(CHANGE_CATALOG) private readonly catalog: ChangeCatalog,
  ) {}

  async execute(input: DeclareFreezeWindowInput, metadata: EventMetadata): Promise<FreezeWindowCommandResult> {
    const freezeWindowId = newId();
    const serviceIds = Array.isArray(input.serviceIds) ? input.serviceIds.filter((id): id is string => typeof id === 'string') : [];
    const knownServiceIds = (await this.catalog.services(serviceIds)).map((service) => service.serviceId);
    return this.streams.execute(
      freezeWindowId,
      { type: 'DeclareFreezeWindow', data: { ...input, freezeWindowId, knownServiceIds } },
      metadata,
      { expectedRevision: NO_STREAM_REVISION },
    );
  }
}
