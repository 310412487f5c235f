import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@itsm/event-store';
import { changesCatalogProjection, changesIncidentsProjection, ChangesCopyPositions } from '@itsm/changes-application';
import { EVENT_STORE, readAfter } from '@itsm/platform-kit';
import { CHANGES_READ_MODELS, type ChangesReadModelsPort } from '../shared/changes-read-models.port';

/** The change events the deliveries read (`change_delivery` of the read models). */
const DELIVERY_EVENT_TYPES: readonly string[] = ['ChangeRaised', 'ChangeUpdated', 'ChangeTypeChanged', 'ChangeCompleted'];

/**
 * Read-your-writes for the DORA figures, which read the deliveries (change events), the incidents copy (caused-by
 * links, resolutions) and the catalog copy (the service): the read waits for the one that takes the type of the event
 * at the write's X-Log-Position, then is served as the read models stand.
 */
@Injectable()
export class DeliveryConsistency {
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
    if (DELIVERY_EVENT_TYPES.includes(written.type)) return this.readModels.consistency.deliveries(position);
  }
}
