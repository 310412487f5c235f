import { Injectable } from '@nestjs/common';
import type { EventMetadata } from '@itsm/event-sourcing';
import type { PublishRateCardVersion, RateCard } from '@itsm/finance-domain';
import { RateCardStreams, type FinanceCommandOptions, type FinanceCommandResult } from '../streams/finance-streams';

/** Publishes a new version of a rate card; the decider refuses one that does not take effect after the latest. */
@Injectable()
export class PublishRateCardVersionHandler {
  constructor(private readonly streams: RateCardStreams) {}

  execute(rateCardId: string, input: PublishRateCardVersion['data'], metadata: EventMetadata, options?: FinanceCommandOptions): Promise<FinanceCommandResult<RateCard>> {
    const { effectiveFrom, currency, roleRates, unitPrices } = input;
    return this.streams.execute(rateCardId, { type: 'PublishRateCardVersion', data: { effectiveFrom, currency, roleRates: roleRates ?? {}, unitPrices: unitPrices ?? {} } }, metadata, options);
  }
}
