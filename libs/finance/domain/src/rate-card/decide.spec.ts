import { deciderSpecification, fold, IllegalTransition, RuleViolation } from '@itsm/event-sourcing';
import { CurrencyMismatch, InvalidMoney, moneyToWire } from '../money';
import { rateCardDecider } from './decide';
import { labourCost, NoRateInEffect, rateAt, roleRateOf, unitPriceOf, usageCost } from './rate-at';
import { create, created, eur, now, publish, published, rateCardId } from './rate-card.builders';

const spec = deciderSpecification(rateCardDecider, expect);
const given = spec.given.bind(spec);

describe('Rate card decider', () => {
  describe('when not created yet', () => {
    it('creates the rate card with its name', () => {
      given([]).when(create('  IT services 2026 ')).then([created()]);
    });
    it('refuses a blank name', () => {
      given([]).when(create(' ')).thenThrows(RuleViolation, 'The name must not be blank');
    });
    it('refuses to publish a version of a card that does not exist', () => {
      given([]).when(publish()).thenThrows(IllegalTransition, 'The rate card does not exist yet');
    });
  });

  describe('when created', () => {
    it('refuses to create it again', () => {
      given([created()]).when(create()).thenThrows(IllegalTransition, `Rate card ${rateCardId} already exists`);
    });
    it('publishes version 1 with its rates sorted by key and amounts written canonically', () => {
      given([created()])
        .when(publish({ roleRates: { engineer: eur('95'), architect: eur('140.0') } }))
        .then([published()]);
    });
    it('publishes a version with role rates only, or unit prices only, and zero prices', () => {
      given([created()]).when(publish({ unitPrices: {} })).then([published({ unitPrices: {} })]);
      given([created()]).when(publish({ roleRates: {}, unitPrices: { 'gb-month': eur('0') } })).then([published({ roleRates: {}, unitPrices: { 'gb-month': eur('0.00') } })]);
    });
    it('publishes in any currency, each version in its own', () => {
      given([created()])
        .when(publish({ currency: 'JPY', roleRates: { engineer: { amount: '15000', currency: 'JPY' } }, unitPrices: {} }))
        .then([published({ currency: 'JPY', roleRates: { engineer: { amount: '15000', currency: 'JPY' } }, unitPrices: {} })]);
    });
    it('refuses a version with nothing priced', () => {
      given([created()]).when(publish({ roleRates: {}, unitPrices: {} })).thenThrows(RuleViolation, 'A rate card version needs at least one role rate or unit price');
    });
    it('refuses an effective day that is no day', () => {
      given([created()]).when(publish({ effectiveFrom: '2026-02-30' })).thenThrows(RuleViolation, 'The effective day "2026-02-30" is not a day (YYYY-MM-DD)');
      given([created()]).when(publish({ effectiveFrom: '2026-1-1' })).thenThrows(RuleViolation, /is not a day/);
    });
    it('refuses an amount in another currency than the version’s', () => {
      given([created()])
        .when(publish({ roleRates: { engineer: { amount: '95.00', currency: 'USD' } } }))
        .thenThrows(CurrencyMismatch, 'The rate of role "engineer" must be in EUR, not USD');
      given([created()])
        .when(publish({ unitPrices: { 'vm-month': { amount: '1', currency: 'GBP' } } }))
        .thenThrows(CurrencyMismatch, 'The price of unit "vm-month" must be in EUR, not GBP');
    });
    it('refuses a negative price, a malformed amount and an unknown currency', () => {
      given([created()]).when(publish({ roleRates: { engineer: eur('-1.00') } })).thenThrows(RuleViolation, 'The rate of role "engineer" must not be negative');
      given([created()]).when(publish({ roleRates: { engineer: eur('95.001') } })).thenThrows(InvalidMoney, /more decimal places than EUR/);
      given([created()]).when(publish({ currency: 'XYZ' })).thenThrows(InvalidMoney, /"XYZ" is not an ISO 4217/);
    });
    it('refuses malformed role or unit keys, and a key priced twice once trimmed', () => {
      given([created()]).when(publish({ roleRates: { 'Senior Engineer': eur('1') } })).thenThrows(RuleViolation, /The role "Senior Engineer" must be 1 to 64 lower case/);
      given([created()]).when(publish({ unitPrices: { '': eur('1') } })).thenThrows(RuleViolation, /The unit ""/);
      given([created()]).when(publish({ roleRates: { engineer: eur('1'), ' engineer ': eur('2') } })).thenThrows(RuleViolation, 'The role "engineer" is priced twice');
    });
  });

  describe('when it has versions', () => {
    const v1 = published();
    const v2 = published({ version: 2, effectiveFrom: '2026-07-01', roleRates: { engineer: eur('99.00') }, unitPrices: {} });

    it('publishes the next version with the next number when it takes effect later', () => {
      given([created(), v1]).when(publish({ effectiveFrom: '2026-07-01', roleRates: { engineer: eur('99') }, unitPrices: {} })).then([v2]);
    });
    it('refuses a version that takes effect before or on the latest one’s day: history is not rewritten', () => {
      given([created(), v1, v2])
        .when(publish({ effectiveFrom: '2026-03-01' }))
        .thenThrows(RuleViolation, 'A new version must take effect after the latest one (2026-07-01), not on 2026-03-01: published rates are not rewritten');
      given([created(), v1, v2]).when(publish({ effectiveFrom: '2026-07-01' })).thenThrows(RuleViolation, /after the latest one \(2026-07-01\)/);
    });
    it('holds every version, oldest first', () => {
      const card = fold(rateCardDecider, [created(), v1, v2]);
      expect(card).toEqual({
        status: 'created',
        rateCardId,
        name: 'IT services 2026',
        createdAt: now.toISOString(),
        versions: [
          { version: 1, effectiveFrom: '2026-01-01', currency: 'EUR', roleRates: v1.data.roleRates, unitPrices: v1.data.unitPrices, publishedAt: now.toISOString() },
          { version: 2, effectiveFrom: '2026-07-01', currency: 'EUR', roleRates: { engineer: eur('99.00') }, unitPrices: {}, publishedAt: now.toISOString() },
        ],
      });
    });
  });
});

describe('rateAt: the version in effect on a day', () => {
  const card = fold(rateCardDecider, [
    created(),
    published(),
    published({ version: 2, effectiveFrom: '2026-07-01', roleRates: { engineer: eur('99.00') }, unitPrices: { 'vm-month': eur('40.00') } }),
  ]);

  it.each([
    ['2026-01-01', 1],
    ['2026-06-30', 1],
    ['2026-07-01', 2],
    ['2027-12-31', 2],
  ])('on %s it is version %p', (day, version) => {
    expect(rateAt(card, day).version).toBe(version);
  });

  it('has none before the first version, or on a card without versions: a typed error', () => {
    expect(() => rateAt(card, '2025-12-31')).toThrow(NoRateInEffect);
    expect(() => rateAt(card, '2025-12-31')).toThrow('No rate card version is in effect on 2025-12-31');
    expect(() => rateAt(fold(rateCardDecider, [created()]), '2026-03-01')).toThrow(NoRateInEffect);
    expect(() => rateAt(card, '2026-13-01')).toThrow(/is not a day/);
  });

  it('prices a role and a unit of the version, and refuses what it does not price', () => {
    expect(moneyToWire(roleRateOf(rateAt(card, '2026-03-01'), 'architect'))).toEqual(eur('140.00'));
    expect(() => roleRateOf(rateAt(card, '2026-08-01'), 'architect')).toThrow('Version 2 of the rate card has no rate for role "architect"');
    expect(moneyToWire(unitPriceOf(rateAt(card, '2026-08-01'), 'vm-month'))).toEqual(eur('40.00'));
    expect(() => unitPriceOf(rateAt(card, '2026-08-01'), 'gb-month')).toThrow('Version 2 of the rate card has no price for unit "gb-month"');
  });

  it('costs minutes of work and quantities of usage with one half-to-even rounding', () => {
    const v1 = rateAt(card, '2026-03-01');
    expect(moneyToWire(labourCost(v1, 'engineer', 90))).toEqual(eur('142.50'));
    expect(moneyToWire(labourCost(v1, 'engineer', 1))).toEqual(eur('1.58')); // 1.58333…
    expect(moneyToWire(labourCost(v1, 'engineer', 0))).toEqual(eur('0.00'));
    expect(moneyToWire(usageCost(v1, 'vm-month', '2.5'))).toEqual(eur('106.25'));
    expect(moneyToWire(usageCost(v1, 'vm-month', '0.01'))).toEqual(eur('0.42')); // 0.425 → even
    expect(() => labourCost(v1, 'engineer', -5)).toThrow(RuleViolation);
    expect(() => usageCost(v1, 'vm-month', '-1')).toThrow(InvalidMoney);
  });
});
