import { Inject, Injectable } from '@nestjs/common';
import { CHANGES_EVENT_TYPES } from '@itsm/contracts';
import type { EventStore } from '@itsm/event-store';
import { changesCatalogProjection, changesIncidentsProjection, ChangesCopyPositions } from '@itsm/changes-application';
import { EVENT_STORE, readAfter } from '@itsm/platform-kit';
import { CHANGES_READ_MODELS, type ChangesReadModelsPort } from './changes-read-models.port';

/**
 * Read-your-writes for the conflict detection, which reads three projections: the schedule (changes, freeze
 * windows), the catalog copy and the incidents copy. A write's X-Log-Position names the last event it appended; the
 * read waits for the projection that takes that event's type (a catalog write: the catalog copy, an accepted major
 * incident: the incidents copy…), since the others never move for it. After the wait's timeout the read is served
 * as the read models stand.
 */
@Injectable()
export class ScheduleConsistency {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CHANGES_READ_MODELS) private readonly readModels: ChangesReadModelsPort,
    private readonly copies: ChangesCopyPositions,
  ) {}

  readAfter(position: number | undefined): Promise<void> {
    return readAfter(position, (at) => this.waitFor(at));
  }

  private async waitFor(position: number): Promise<void> {
    const [written] = (await this.store.readAll({ fromPosition: position - 1, maxCount: 1 })).events;
    if (!written) return;
    if (changesCatalogProjection.eventTypes.includes(written.type)) return this.copies.catalog(position);
    if (changesIncidentsProjection.eventTypes.includes(written.type)) return this.copies.incidents(position);
    if ((CHANGES_EVENT_TYPES as readonly string[]).includes(written.type)) return this.readModels.consistency.schedule(position);
  }
}
