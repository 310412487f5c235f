import fc from 'fast-check';
import { RuleViolation } from '@itsm/event-sourcing';
import { add, compare, CurrencyMismatch, fromMinorUnits, minorUnitsOf, money, moneyToWire, percentOf, zeroMoney } from '../money';
import { creditFor, requireCreditPolicy, type CreditPolicy, type SlaBreach } from './credit-policy';

const policy: CreditPolicy = {
  offeringId: 'off-gold',
  tiers: [
    { priority: 'P1', timerKind: 'resolution', percentOfMonthlyFee: '10' },
    { priority: 'P1', timerKind: 'response', percentOfMonthlyFee: '5' },
    { priority: 'P2', timerKind: 'resolution', percentOfMonthlyFee: '2.5' },
  ],
  capPercentOfMonthlyFee: '100',
};
const fee = money('2000.00', 'EUR');
const credit = (breach: SlaBreach, already = '0', of = policy, monthlyFee = fee) => moneyToWire(creditFor(of, breach, monthlyFee, money(already, 'EUR'))).amount;

describe('service credits', () => {
  it.each([
    [{ priority: 'P1', timerKind: 'resolution' }, '200.00'],
    [{ priority: 'P1', timerKind: 'response' }, '100.00'],
    [{ priority: 'P2', timerKind: 'resolution' }, '50.00'],
    [{ priority: 'P2', timerKind: 'response' }, '0.00'],
    [{ priority: 'P5', timerKind: 'resolution' }, '0.00'],
  ] as [SlaBreach, string][])('a %j breach earns its tier’s share of the monthly fee: %s EUR', (breach, amount) => {
    expect(credit(breach)).toBe(amount);
  });

  it('is capped: never more than what is left under the cap in the period', () => {
    const capped = { ...policy, capPercentOfMonthlyFee: '15' }; // 300.00 EUR a period
    expect(credit({ priority: 'P1', timerKind: 'resolution' }, '0', capped)).toBe('200.00');
    expect(credit({ priority: 'P1', timerKind: 'resolution' }, '200.00', capped)).toBe('100.00');
    expect(credit({ priority: 'P1', timerKind: 'resolution' }, '300.00', capped)).toBe('0.00');
    expect(credit({ priority: 'P1', timerKind: 'resolution' }, '450.00', capped)).toBe('0.00');
    expect(credit({ priority: 'P1', timerKind: 'resolution' }, '1900.00')).toBe('100.00'); // the cap: 100 % of the fee
  });

  it('rounds the percentage once, half to even, in the fee’s currency', () => {
    expect(credit({ priority: 'P2', timerKind: 'resolution' }, '0', policy, money('0.99', 'EUR'))).toBe('0.02'); // 0.02475
    expect(credit({ priority: 'P2', timerKind: 'resolution' }, '0', policy, money('1.00', 'EUR'))).toBe('0.02'); // 0.025 → even
    expect(moneyToWire(creditFor(policy, { priority: 'P1', timerKind: 'resolution' }, money('9999', 'JPY'), zeroMoney('JPY')))).toEqual({ amount: '1000', currency: 'JPY' });
  });

  it('refuses credits already given in another currency, or a negative fee', () => {
    expect(() => creditFor(policy, { priority: 'P1', timerKind: 'resolution' }, fee, zeroMoney('USD'))).toThrow(CurrencyMismatch);
    expect(() => creditFor(policy, { priority: 'P1', timerKind: 'resolution' }, money('-1', 'EUR'), zeroMoney('EUR'))).toThrow('The monthly fee must not be negative');
  });

  describe('the policy', () => {
    it('is written canonically', () => {
      expect(requireCreditPolicy({ ...policy, tiers: [{ priority: 'P1', timerKind: 'resolution', percentOfMonthlyFee: '10.00' }], capPercentOfMonthlyFee: '50.0' })).toEqual({
        offeringId: 'off-gold',
        tiers: [{ priority: 'P1', timerKind: 'resolution', percentOfMonthlyFee: '10' }],
        capPercentOfMonthlyFee: '50',
      });
    });
    it.each([
      [{ ...policy, offeringId: ' ' }, 'The offering must not be blank'],
      [{ ...policy, tiers: [{ priority: 'P0', timerKind: 'resolution', percentOfMonthlyFee: '1' }] }, /priority must be one of P1, P2, P3, P4, P5, not P0/],
      [{ ...policy, tiers: [{ priority: 'P1', timerKind: 'pickup', percentOfMonthlyFee: '1' }] }, /timer must be one of response, resolution, not pickup/],
      [{ ...policy, tiers: [policy.tiers[0], { ...policy.tiers[0], percentOfMonthlyFee: '20' }] }, 'The resolution breach of P1 has two tiers'],
      [{ ...policy, tiers: [{ ...policy.tiers[0], percentOfMonthlyFee: '0' }] }, 'The credit of P1/resolution must be more than 0 and at most 100, not 0'],
      [{ ...policy, tiers: [{ ...policy.tiers[0], percentOfMonthlyFee: '100.01' }] }, /not 100.01/],
      [{ ...policy, tiers: [{ ...policy.tiers[0], percentOfMonthlyFee: 'ten' }] }, /"ten" is not a non-negative decimal/],
      [{ ...policy, capPercentOfMonthlyFee: '120' }, 'The cap must be more than 0 and at most 100, not 120'],
    ] as [CreditPolicy, string | RegExp][])('refuses %j', (invalid, reason) => {
      expect(() => requireCreditPolicy(invalid)).toThrow(RuleViolation);
      expect(() => requireCreditPolicy(invalid)).toThrow(reason);
    });
  });

  it('never lets the credits of a period add up past the cap, however many breaches (property)', () => {
    const breaches = fc.array(fc.record({ priority: fc.constantFrom('P1', 'P2', 'P3'), timerKind: fc.constantFrom('response', 'resolution') }), { maxLength: 40 });
    fc.assert(
      fc.property(breaches, fc.bigInt({ min: 0n, max: 10n ** 9n }), fc.constantFrom('100', '15', '33.33', '0.5'), (sequence, feeCents, cap) => {
        const monthlyFee = fromMinorUnits(feeCents, 'EUR');
        const capped = { ...policy, capPercentOfMonthlyFee: cap };
        let given = zeroMoney('EUR');
        for (const breach of sequence as SlaBreach[]) {
          const earned = creditFor(capped, breach, monthlyFee, given);
          expect(minorUnitsOf(earned) >= 0n).toBe(true);
          given = add(given, earned);
        }
        expect(compare(given, percentOf(monthlyFee, cap))).toBeLessThanOrEqual(0);
      }),
    );
  });
});
