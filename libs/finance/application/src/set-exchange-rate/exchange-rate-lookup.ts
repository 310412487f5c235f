import { Injectable } from '@nestjs/common';
import { exchangeRateTableOf, rateOn, type PostingExchangeRate } from '@itsm/finance-domain';
import { ExchangeRateStreams } from '../streams/finance-streams';
import { exchangeRatePairId } from './set-exchange-rate.handler';

/** The rate of a posting day, read from the pair's stream (always current): the latest rate on or before the day. */
@Injectable()
export class ExchangeRateLookup {
  constructor(private readonly streams: ExchangeRateStreams) {}

  /** None: `NoExchangeRate` (a RuleViolation: 409 with the pair and the day). */
  async rateFor(from: string, to: string, day: string): Promise<PostingExchangeRate> {
    const { state } = await this.streams.loadEvenIfAbsent(exchangeRatePairId(from, to));
    const rate = rateOn(exchangeRateTableOf(state), from, to, day);
    return { rate: rate.rate, rateDate: rate.date };
  }
}
