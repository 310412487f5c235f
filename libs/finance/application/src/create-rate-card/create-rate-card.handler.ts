import { Injectable } from '@nestjs/common';
import { newId, NO_STREAM_REVISION, type EventMetadata } from '@itsm/event-sourcing';
import type { CreatedRateCard } from '@itsm/finance-domain';
import { RateCardStreams, type FinanceCommandResult } from '../streams/finance-streams';

/** Creates a rate card (no version yet) on a new stream. */
@Injectable()
export class CreateRateCardHandler {
  constructor(private readonly streams: RateCardStreams) {}

  async execute(input: { name: string }, metadata: EventMetadata): Promise<FinanceCommandResult<CreatedRateCard>> {
    const rateCardId = newId();
    const result = await this.streams.execute(rateCardId, { type: 'CreateRateCard', data: { rateCardId, name: input.name } }, metadata, { expectedRevision: NO_STREAM_REVISION });
    return { ...result, state: result.state as CreatedRateCard };
  }
}
