import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@itsm/event-store';
import { FinanceCopyPositions, financeCatalogProjection, financeCreditsProjection, financeIncidentsProjection } from '@itsm/finance-application';
import { EVENT_STORE, readAfter } from '@itsm/platform-kit';
import { FINANCE_READ_MODELS, type FinanceReadModelsPort } from './finance-read-models.port';

/**
 * Read-your-writes for the finance lists: a write's X-Log-Position names the last event it appended; a read that
 * sends it back (X-Wait-For-Position) waits until the projections that take that event's type have applied it (a
 * catalog write: finance's copy of the catalog; a credit policy or dispute: the credits projection). After the wait's timeout the read is served as the read models stand.
 */
@Injectable()
export class FinanceConsistency {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(FINANCE_READ_MODELS) private readonly readModels: FinanceReadModelsPort,
    private readonly copies: FinanceCopyPositions,
  ) {}

  readAfter(position: number | undefined): Promise<void> {
    return readAfter(position, (at) => this.waitFor(at));
  }

  private async waitFor(position: number): Promise<void> {
    const [written] = (await this.store.readAll({ fromPosition: position - 1, maxCount: 1 })).events;
    if (!written) return;
    if (financeCatalogProjection.eventTypes.includes(written.type)) return this.copies.catalog(position);
    if (financeIncidentsProjection.eventTypes.includes(written.type)) return this.copies.incidents(position);
    if (financeCreditsProjection.eventTypes.includes(written.type)) return this.copies.credits(position);
    return this.readModels.consistency.waitFor(written.type, position);
  }
}
