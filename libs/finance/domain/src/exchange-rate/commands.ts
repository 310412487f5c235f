import type { CommandMetadata } from '@itsm/event-sourcing';

type Command<Type extends string, Data> = { type: Type; data: Data; metadata: CommandMetadata };

/**
 * The rate of one day between two currencies: one unit of `from` is worth `rate` units of `to`. The application
 * keeps one stream per pair (its id derived from the pair), so every command on a stream names the same pair.
 */
export type SetExchangeRate = Command<'SetExchangeRate', { from: string; to: string; date: string; rate: string }>;

export type ExchangeRateCommand = SetExchangeRate;
