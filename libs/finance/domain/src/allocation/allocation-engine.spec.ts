import fc from 'fast-check';
import { RuleViolation } from '@itsm/event-sourcing';
import { convert, fromMinorUnits, minorUnitsOf, moneyFromWire, moneyToWire, sum, type WireMoney } from '../money';
import { currenciesOfEveryExponent, decimalStrings, minorUnits } from '../money/money.arbitraries';
import { allocateCost, postInCurrency, runAllocation, totalsByConsumer, type AllocationLine, type UsageRecord } from './allocation-engine';
import type { AllocationRule } from './allocation-method';

const eur = (amount: string): WireMoney => ({ amount, currency: 'EUR' });
const [SALES, ENGINEERING, FINANCE] = ['cc-sales', 'cc-engineering', 'cc-finance'];
const compute = { kind: 'service' as const, id: 'svc-compute' };
const serviceDesk = { kind: 'service' as const, id: 'svc-service-desk' };
const hosting = { kind: 'pool' as const, id: 'pool-hosting' };

const amounts = (lines: AllocationLine[]) => lines.map((line) => [line.kind, line.consumerCostCenterId, line.amount.amount]);

const rule = (method: AllocationRule['method'], source: AllocationRule['source'] = hosting, ruleId = 'rule-1'): AllocationRule => ({ ruleId, source, method });

describe('allocation engine', () => {
  describe('the issue’s case: three cost centers, one service by usage units, one by percentage', () => {
    const rules: AllocationRule[] = [
      rule({ kind: 'usage-units', unit: 'vm-hour' }, compute, 'rule-compute'),
      rule({ kind: 'percentage', shares: [{ consumerCostCenterId: SALES, percent: '25' }, { consumerCostCenterId: ENGINEERING, percent: '25' }, { consumerCostCenterId: FINANCE, percent: '50' }] }, serviceDesk, 'rule-desk'),
    ];
    const usage: UsageRecord[] = [
      { source: compute, consumerCostCenterId: FINANCE, unit: 'vm-hour', quantity: '280' },
      { source: compute, consumerCostCenterId: SALES, unit: 'vm-hour', quantity: '120' },
      { source: compute, consumerCostCenterId: ENGINEERING, unit: 'vm-hour', quantity: '150' },
      { source: compute, consumerCostCenterId: ENGINEERING, unit: 'vm-hour', quantity: '50' },
      { source: compute, consumerCostCenterId: SALES, unit: 'gb-month', quantity: '9999' }, // another unit: not this rule's
    ];
    const lines = runAllocation([{ source: compute, amount: eur('1000.00') }, { source: serviceDesk, amount: eur('1000.02') }], rules, usage);

    it('shares the compute service by vm-hours: the one cent left goes to the largest remainder (finance, 2/3 of a cent)', () => {
      // 120, 200 and 280 of 600 vm-hours: 200.00, 333.333…, 466.666… → floors add up to 999.99.
      expect(lines.slice(0, 3)).toEqual([
        { kind: 'allocated', ruleId: 'rule-compute', consumerCostCenterId: ENGINEERING, amount: eur('333.33'), basis: { method: 'usage-units', share: '200', of: '600', unit: 'vm-hour' } },
        { kind: 'allocated', ruleId: 'rule-compute', consumerCostCenterId: FINANCE, amount: eur('466.67'), basis: { method: 'usage-units', share: '280', of: '600', unit: 'vm-hour' } },
        { kind: 'allocated', ruleId: 'rule-compute', consumerCostCenterId: SALES, amount: eur('200.00'), basis: { method: 'usage-units', share: '120', of: '600', unit: 'vm-hour' } },
      ]);
    });

    it('shares the service desk 25/25/50: sales and engineering tie on half a cent, and the earlier line (sales) takes it', () => {
      // 250.005, 250.005, 500.01 → floors 250.00, 250.00, 500.01 add up to 1000.01.
      expect(lines.slice(3)).toEqual([
        { kind: 'allocated', ruleId: 'rule-desk', consumerCostCenterId: SALES, amount: eur('250.01'), basis: { method: 'percentage', share: '25', of: '100' } },
        { kind: 'allocated', ruleId: 'rule-desk', consumerCostCenterId: ENGINEERING, amount: eur('250.00'), basis: { method: 'percentage', share: '25', of: '100' } },
        { kind: 'allocated', ruleId: 'rule-desk', consumerCostCenterId: FINANCE, amount: eur('500.01'), basis: { method: 'percentage', share: '50', of: '100' } },
      ]);
    });

    it('adds up per cost center to exactly what was allocated', () => {
      expect(totalsByConsumer(lines)).toEqual([
        { consumerCostCenterId: ENGINEERING, amount: eur('583.33') },
        { consumerCostCenterId: FINANCE, amount: eur('966.68') },
        { consumerCostCenterId: SALES, amount: eur('450.01') },
      ]);
      expect(moneyToWire(sum(lines.map((line) => moneyFromWire(line.amount)), 'EUR'))).toEqual(eur('2000.02'));
    });
  });

  describe('each method', () => {
    it('direct: everything to one consumer', () => {
      expect(allocateCost(rule({ kind: 'direct', consumerCostCenterId: SALES }), eur('99.99'))).toEqual([
        { kind: 'allocated', ruleId: 'rule-1', consumerCostCenterId: SALES, amount: eur('99.99'), basis: { method: 'direct', share: '1', of: '1' } },
      ]);
    });
    it('equal: the same share each, the left-over cents to the earlier consumers', () => {
      expect(amounts(allocateCost(rule({ kind: 'equal', consumerCostCenterIds: [SALES, ENGINEERING, FINANCE] }), eur('100.00')))).toEqual([
        ['allocated', SALES, '33.34'],
        ['allocated', ENGINEERING, '33.33'],
        ['allocated', FINANCE, '33.33'],
      ]);
      expect(amounts(allocateCost(rule({ kind: 'equal', consumerCostCenterIds: [FINANCE, ENGINEERING, SALES] }), eur('100.00')))).toEqual([
        ['allocated', FINANCE, '33.34'],
        ['allocated', ENGINEERING, '33.33'],
        ['allocated', SALES, '33.33'],
      ]);
    });
    it('percentage: decimal percentages, exactly', () => {
      const percentages = rule({ kind: 'percentage', shares: [{ consumerCostCenterId: SALES, percent: '33.33' }, { consumerCostCenterId: ENGINEERING, percent: '33.33' }, { consumerCostCenterId: FINANCE, percent: '33.34' }] });
      expect(amounts(allocateCost(percentages, eur('10.00')))).toEqual([
        ['allocated', SALES, '3.33'],
        ['allocated', ENGINEERING, '3.33'],
        ['allocated', FINANCE, '3.34'],
      ]);
      expect(allocateCost(percentages, eur('10.00'))[0]).toMatchObject({ basis: { method: 'percentage', share: '33.33', of: '100' } });
    });
    it('percentage: refuses percentages that do not add up to exactly 100', () => {
      const off = rule({ kind: 'percentage', shares: [{ consumerCostCenterId: SALES, percent: '33.33' }, { consumerCostCenterId: ENGINEERING, percent: '66.66' }] });
      expect(() => allocateCost(off, eur('10.00'))).toThrow(RuleViolation);
      expect(() => allocateCost(off, eur('10.00'))).toThrow('The percentages must add up to exactly 100, not 99.99');
    });
    it('weighted: in proportion to any weights', () => {
      const weighted = rule({ kind: 'weighted', weights: [{ consumerCostCenterId: SALES, weight: '1.5' }, { consumerCostCenterId: ENGINEERING, weight: '3' }, { consumerCostCenterId: FINANCE, weight: '0' }] });
      expect(amounts(allocateCost(weighted, eur('100.00')))).toEqual([
        ['allocated', SALES, '33.33'],
        ['allocated', ENGINEERING, '66.67'],
        ['allocated', FINANCE, '0.00'],
      ]);
    });
    it('usage units: a consumer with zero usage gets a zero line; decimal quantities add up exactly', () => {
      const usage: UsageRecord[] = [
        { source: hosting, consumerCostCenterId: SALES, unit: 'gb-month', quantity: '0.1' },
        { source: hosting, consumerCostCenterId: SALES, unit: 'gb-month', quantity: '0.2' },
        { source: hosting, consumerCostCenterId: FINANCE, unit: 'gb-month', quantity: '0' },
        { source: compute, consumerCostCenterId: ENGINEERING, unit: 'gb-month', quantity: '5' }, // another source
      ];
      expect(allocateCost(rule({ kind: 'usage-units', unit: 'gb-month' }), eur('7.00'), usage)).toEqual([
        { kind: 'allocated', ruleId: 'rule-1', consumerCostCenterId: FINANCE, amount: eur('0.00'), basis: { method: 'usage-units', share: '0', of: '0.3', unit: 'gb-month' } },
        { kind: 'allocated', ruleId: 'rule-1', consumerCostCenterId: SALES, amount: eur('7.00'), basis: { method: 'usage-units', share: '0.3', of: '0.3', unit: 'gb-month' } },
      ]);
    });
    it('usage units: with no usage metered, the whole amount is one unallocated line', () => {
      const noUsage = [{ source: hosting, consumerCostCenterId: SALES, unit: 'gb-month', quantity: '0' }];
      expect(allocateCost(rule({ kind: 'usage-units', unit: 'gb-month' }), eur('7.00'), noUsage)).toEqual([
        { kind: 'unallocated', ruleId: 'rule-1', consumerCostCenterId: null, amount: eur('7.00'), reason: 'No usage of "gb-month" was metered for cost pool pool-hosting' },
      ]);
      expect(allocateCost(rule({ kind: 'usage-units', unit: 'gb-month' }), eur('7.00'))).toHaveLength(1);
    });
    it('refuses negative usage', () => {
      const negative = [{ source: hosting, consumerCostCenterId: SALES, unit: 'gb-month', quantity: '-1' }];
      expect(() => allocateCost(rule({ kind: 'usage-units', unit: 'gb-month' }), eur('7.00'), negative)).toThrow(/is not a non-negative decimal/);
    });
    it('shares a negative cost (a refund) like the charge it reverses', () => {
      expect(amounts(allocateCost(rule({ kind: 'equal', consumerCostCenterIds: [SALES, ENGINEERING, FINANCE] }), eur('-100.00')))).toEqual([
        ['allocated', SALES, '-33.34'],
        ['allocated', ENGINEERING, '-33.33'],
        ['allocated', FINANCE, '-33.33'],
      ]);
    });
  });

  describe('runAllocation', () => {
    it('shows a cost without a rule as one unallocated line', () => {
      expect(runAllocation([{ source: hosting, amount: eur('5') }], [])).toEqual([
        { kind: 'unallocated', ruleId: null, consumerCostCenterId: null, amount: eur('5.00'), reason: 'No allocation rule shares out the cost pool pool-hosting' },
      ]);
    });
    it('refuses two rules for one source', () => {
      const twice = [rule({ kind: 'direct', consumerCostCenterId: SALES }), rule({ kind: 'direct', consumerCostCenterId: FINANCE }, hosting, 'rule-2')];
      expect(() => runAllocation([{ source: hosting, amount: eur('5') }], twice)).toThrow('The cost pool pool-hosting has 2 allocation rules: one applies at a time');
    });
  });

  describe('posting in another currency', () => {
    const equalThree = rule({ kind: 'equal', consumerCostCenterIds: [SALES, ENGINEERING, FINANCE] });

    it('converts each line once and shows the rounding difference as its own line', () => {
      // 33.34, 33.33, 33.33 EUR at 1.5: 50.01, 49.995 → 50.00, 49.995 → 50.00 = 150.01 USD; the total is 150.00 USD.
      const posted = postInCurrency(allocateCost(equalThree, eur('100.00')), '1.5', 'USD');
      expect(posted.map((line) => [line.kind, line.consumerCostCenterId, line.amount, 'original' in line ? line.original : undefined])).toEqual([
        ['allocated', SALES, { amount: '50.01', currency: 'USD' }, eur('33.34')],
        ['allocated', ENGINEERING, { amount: '50.00', currency: 'USD' }, eur('33.33')],
        ['allocated', FINANCE, { amount: '50.00', currency: 'USD' }, eur('33.33')],
        ['rounding', null, { amount: '-0.01', currency: 'USD' }, undefined],
      ]);
      expect(posted[3]).toMatchObject({ ruleId: 'rule-1', reason: '100.00 EUR at 1.5 is 150.00 USD; its lines, each converted, add up to 150.01 USD' });
    });
    it('adds no rounding line when the conversion rounds nothing away', () => {
      const posted = postInCurrency(allocateCost(equalThree, eur('90.00')), '2', 'USD');
      expect(posted.map((line) => line.kind)).toEqual(['allocated', 'allocated', 'allocated']);
    });
    it('posts each cost’s lines with their own rounding line, and a cost without a rule on its own', () => {
      const lines = runAllocation(
        [
          { source: hosting, amount: eur('100.00') },
          { source: compute, amount: eur('0.01') },
          { source: serviceDesk, amount: eur('0.01') },
        ],
        [equalThree],
      );
      expect(postInCurrency(lines, '1.5', 'USD').map((line) => [line.kind, line.ruleId, line.amount.amount])).toEqual([
        ['allocated', 'rule-1', '50.01'],
        ['allocated', 'rule-1', '50.00'],
        ['allocated', 'rule-1', '50.00'],
        ['rounding', 'rule-1', '-0.01'],
        ['unallocated', null, '0.02'], // 0.015 → even
        ['unallocated', null, '0.02'],
      ]);
    });
    it('refuses lines in more than one currency: one rate converts one currency', () => {
      const lines = runAllocation([{ source: hosting, amount: eur('1') }, { source: compute, amount: { amount: '1', currency: 'USD' } }], [equalThree]);
      expect(() => postInCurrency(lines, '1.5', 'GBP')).toThrow('Lines posted at one rate must be in EUR, not USD');
    });
    it('refuses to post lines twice', () => {
      const posted = postInCurrency(allocateCost(equalThree, eur('100.00')), '1.5', 'USD');
      expect(() => postInCurrency(posted, '1', 'EUR')).toThrow(RuleViolation);
    });
  });

  describe('for any cost, method and currency (properties)', () => {
    const consumers = fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g'), { minLength: 1, maxLength: 7 });
    const methods: fc.Arbitrary<AllocationRule['method']> = fc.oneof(
      consumers.map((ids) => ({ kind: 'direct' as const, consumerCostCenterId: ids[0] })),
      consumers.map((ids) => ({ kind: 'equal' as const, consumerCostCenterIds: ids })),
      consumers.chain((ids) =>
        fc.array(decimalStrings(10n ** 6n, 3), { minLength: ids.length, maxLength: ids.length }).map((weights) => ({
          kind: 'weighted' as const,
          weights: ids.map((id, index) => ({ consumerCostCenterId: id, weight: index === 0 ? `1${weights[index]}` : weights[index] })),
        })),
      ),
    );
    const costs = fc.tuple(minorUnits, currenciesOfEveryExponent).map(([units, currency]) => moneyToWire(fromMinorUnits(units, currency)));

    it('the lines add up exactly to the cost; posted in another currency, to the converted cost', () => {
      fc.assert(
        fc.property(methods, costs, currenciesOfEveryExponent, decimalStrings(10n ** 6n, 4).filter((rate) => Number(rate) > 0), (method, cost, to, rate) => {
          const lines = allocateCost(rule(method), cost);
          const total = (of: AllocationLine[], currency: string) => minorUnitsOf(sum(of.map((line) => moneyFromWire(line.amount)), currency));
          expect(total(lines, cost.currency)).toBe(minorUnitsOf(moneyFromWire(cost)));
          const posted = postInCurrency(lines, rate, to);
          expect(total(posted, to)).toBe(minorUnitsOf(convert(moneyFromWire(cost), rate, to)));
          expect(posted.filter((line) => line.kind === 'rounding').length).toBeLessThanOrEqual(1);
        }),
      );
    });
  });
});
