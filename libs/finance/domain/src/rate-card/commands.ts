import type { CommandMetadata } from '@itsm/event-sourcing';
import type { WireMoney } from '../money';

type Command<Type extends string, Data> = { type: Type; data: Data; metadata: CommandMetadata };

/** `rateCardId` is chosen by the application (a uuid). */
export type CreateRateCard = Command<'CreateRateCard', { rateCardId: string; name: string }>;

/**
 * A new version of the rates, in effect from `effectiveFrom` (YYYY-MM-DD) until the next version's. Every amount is
 * in `currency`: `roleRates` per hour of work by role, `unitPrices` per usage unit.
 */
export type PublishRateCardVersion = Command<
  'PublishRateCardVersion',
  { effectiveFrom: string; currency: string; roleRates: Record<string, WireMoney>; unitPrices: Record<string, WireMoney> }
>;

export type RateCardCommand = CreateRateCard | PublishRateCardVersion;
