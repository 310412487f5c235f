import { Injectable } from '@nestjs/common';
import type { EventMetadata } from '@itsm/event-sourcing';
import { currencyOf, type ExchangeRatePairState } from '@itsm/finance-domain';
import { derivedId } from '../stream-ids';
import { ExchangeRateStreams, type FinanceCommandResult } from '../streams/finance-streams';

export interface SetExchangeRateInput {
  from: string;
  to: string;
  /** YYYY-MM-DD. */
  date: string;
  /** Units of `to` per unit of `from`, a decimal string above zero. */
  rate: string;
}

/** The stream id of a currency pair's rates: derived from the pair, so one pair is one stream everywhere. */
export const exchangeRatePairId = (from: string, to: string): string => derivedId('exchange-rate-pair', `${currencyOf(from).code}/${currencyOf(to).code}`);

/** Publishes a day's rate of a currency pair (the same rate again records nothing; another one for that day is refused). */
@Injectable()
export class SetExchangeRateHandler {
  constructor(private readonly streams: ExchangeRateStreams) {}

  execute(input: SetExchangeRateInput, metadata: EventMetadata): Promise<FinanceCommandResult<ExchangeRatePairState>> {
    return this.streams.execute(exchangeRatePairId(input.from, input.to), { type: 'SetExchangeRate', data: { ...input } }, metadata);
  }
}
