import { assertNever, IllegalTransition, RuleViolation, type Decider } from '@itsm/event-sourcing';
import { currencyCodeOf, currencyOf, isNegative, moneyFromWire, moneyToWire, CurrencyMismatch, type WireMoney } from '../money';
import { requireCalendarDay } from '../shared/calendar-day';
import { requireKey, requireText } from '../shared/guards';
import type { CreateRateCard, PublishRateCardVersion, RateCardCommand } from './commands';
import type { RateCardEvent } from './events';
import { evolve, initialState, type CreatedRateCard, type RateCard } from './state';

export const decide = (command: RateCardCommand, rateCard: RateCard): RateCardEvent[] => {
  switch (command.type) {
    case 'CreateRateCard': return create(command, rateCard);
    case 'PublishRateCardVersion': return publishVersion(command, rateCard);
    default: return assertNever(command);
  }
};

export const rateCardDecider: Decider<RateCardCommand, RateCard, RateCardEvent> = { decide, evolve, initialState };

const create = ({ data, metadata }: CreateRateCard, rateCard: RateCard): RateCardEvent[] => {
  if (rateCard.status !== 'initial') throw new IllegalTransition(`Rate card ${rateCard.rateCardId} already exists`);
  const name = requireText(data.name, 'The name');
  return [{ type: 'RateCardCreated', data: { rateCardId: data.rateCardId, name, createdAt: metadata.now.toISOString() } }];
};

const publishVersion = ({ data, metadata }: PublishRateCardVersion, rateCard: RateCard): RateCardEvent[] => {
  const card = requireCreated(rateCard);
  const effectiveFrom = requireCalendarDay(data.effectiveFrom, 'The effective day');
  const latest = card.versions.at(-1);
  if (latest !== undefined && effectiveFrom <= latest.effectiveFrom) {
    throw new RuleViolation(
      `A new version must take effect after the latest one (${latest.effectiveFrom}), not on ${effectiveFrom}: published rates are not rewritten`,
    );
  }
  const currency = currencyOf(data.currency).code;
  const roleRates = pricesIn(currency, data.roleRates, 'role');
  const unitPrices = pricesIn(currency, data.unitPrices, 'unit');
  if (Object.keys(roleRates).length + Object.keys(unitPrices).length === 0) {
    throw new RuleViolation('A rate card version needs at least one role rate or unit price');
  }
  return [
    {
      type: 'RateCardVersionPublished',
      data: {
        rateCardId: card.rateCardId,
        version: card.versions.length + 1,
        effectiveFrom,
        currency,
        roleRates,
        unitPrices,
        publishedAt: metadata.now.toISOString(),
      },
    },
  ];
};

/** Keys checked and sorted, amounts canonical, in the version's currency and not negative. */
const pricesIn = (currency: string, prices: Record<string, WireMoney> | undefined, what: 'role' | 'unit'): Record<string, WireMoney> => {
  const checked = new Map<string, WireMoney>();
  for (const [rawKey, wire] of Object.entries(prices ?? {})) {
    const key = requireKey(rawKey, what === 'role' ? 'The role' : 'The unit');
    if (checked.has(key)) throw new RuleViolation(`The ${what} "${key}" is priced twice`);
    const amount = moneyFromWire(wire);
    const context = what === 'role' ? `The rate of role "${key}"` : `The price of unit "${key}"`;
    if (currencyCodeOf(amount) !== currency) throw new CurrencyMismatch(currency, currencyCodeOf(amount), context);
    if (isNegative(amount)) throw new RuleViolation(`${context} must not be negative`);
    checked.set(key, moneyToWire(amount));
  }
  return Object.fromEntries([...checked].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
};

const requireCreated = (rateCard: RateCard): CreatedRateCard => {
  if (rateCard.status !== 'created') throw new IllegalTransition('The rate card does not exist yet');
  return rateCard;
};
