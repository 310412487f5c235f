import fc from 'fast-check';
import { deciderSpecification, fold, IllegalTransition, RuleViolation } from '@itsm/event-sourcing';
import { CurrencyMismatch, InvalidMoney } from '../money';
import { budgetDecider } from './decide';
import type { BudgetEvent } from './events';
import {
  budgetId,
  commit,
  committed,
  costCenterId,
  crossed,
  eur,
  fellBelow,
  now,
  plan,
  planned,
  revise,
  revised,
  spend,
  spent,
} from './budget.builders';

const spec = deciderSpecification(budgetDecider, expect);
const given = spec.given.bind(spec);

describe('Budget decider', () => {
  describe('when not planned yet', () => {
    it('plans the budget of a cost center for a month or a quarter, with the default thresholds 80 % and 100 %', () => {
      given([]).when(plan()).then([planned()]);
      given([]).when(plan({ period: '2026-Q4' })).then([planned({ period: '2026-Q4' })]);
    });
    it('takes its own thresholds, sorted, or none', () => {
      given([]).when(plan({ thresholds: [100, 50, 90] })).then([planned({ thresholds: [50, 90, 100] })]);
      given([]).when(plan({ thresholds: [] })).then([planned({ thresholds: [] })]);
      given([]).when(plan({ thresholds: [120] })).then([planned({ thresholds: [120] })]);
    });
    it('writes the planned amount canonically', () => {
      given([]).when(plan({ planned: eur('1000') })).then([planned()]);
    });
    it('refuses a period that is neither a month nor a quarter', () => {
      for (const period of ['2026-13', '2026-Q5', '2026', '26-12', '2026-12-01', '2026-q4']) {
        given([]).when(plan({ period })).thenThrows(RuleViolation, `The period "${period}" is not a month (2026-12) or a quarter (2026-Q4)`);
      }
    });
    it('refuses a planned amount of zero or less', () => {
      given([]).when(plan({ planned: eur('0') })).thenThrows(RuleViolation, 'The planned amount must be more than zero');
      given([]).when(plan({ planned: eur('-1') })).thenThrows(RuleViolation, 'The planned amount must be more than zero');
    });
    it('refuses a planned amount in another currency than the cost center’s', () => {
      given([]).when(plan({ planned: { amount: '1000', currency: 'USD' } })).thenThrows(CurrencyMismatch, 'The planned amount must be in EUR, not USD');
      given([]).when(plan({ costCenterCurrency: 'EURO' })).thenThrows(InvalidMoney, /"EURO"/);
    });
    it('refuses thresholds that are not whole percentages from 1 to 1000, repeated ones, and more than ten', () => {
      given([]).when(plan({ thresholds: [0] })).thenThrows(RuleViolation, 'A threshold must be a whole percentage from 1 to 1000, not 0');
      given([]).when(plan({ thresholds: [1001] })).thenThrows(RuleViolation, /not 1001/);
      given([]).when(plan({ thresholds: [80.5] })).thenThrows(RuleViolation, /not 80.5/);
      given([]).when(plan({ thresholds: [80, 80] })).thenThrows(RuleViolation, 'A threshold must not be given twice');
      given([]).when(plan({ thresholds: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] })).thenThrows(RuleViolation, 'A budget takes at most 10 thresholds');
    });
    it('refuses a blank cost center', () => {
      given([]).when(plan({ costCenterId: ' ' })).thenThrows(RuleViolation, 'The cost center must not be blank');
    });
    it('refuses to revise or post against a budget not planned', () => {
      given([]).when(revise('1')).thenThrows(IllegalTransition, 'The budget is not planned yet');
      given([]).when(spend('1')).thenThrows(IllegalTransition, 'The budget is not planned yet');
      given([]).when(commit('1')).thenThrows(IllegalTransition, 'The budget is not planned yet');
    });
  });

  describe('when planned', () => {
    it('refuses to plan it again', () => {
      given([planned()]).when(plan()).thenThrows(IllegalTransition, `Budget ${budgetId} is already planned`);
    });
    it('holds the plan with nothing committed or spent', () => {
      expect(fold(budgetDecider, [planned()])).toEqual({
        status: 'planned',
        budgetId,
        costCenterId,
        period: '2026-12',
        currency: 'EUR',
        planned: eur('1000.00'),
        committed: eur('0.00'),
        actual: eur('0.00'),
        thresholds: [80, 100],
        crossed: [],
        postingIds: [],
        plannedAt: now.toISOString(),
      });
    });

    describe('revising the plan', () => {
      it('records the new amount with the previous one and the reason', () => {
        given([planned()]).when(revise('1200')).then([revised('1200.00')]);
      });
      it('does nothing when the amount is the same', () => {
        given([planned()]).when(revise('1000.0')).thenNothingHappens();
      });
      it('refuses zero, another currency and a blank reason', () => {
        given([planned()]).when(revise('0')).thenThrows(RuleViolation, 'The planned amount must be more than zero');
        given([planned()])
          .when({ ...revise('1'), data: { planned: { amount: '1', currency: 'USD' }, reason: 'x' } })
          .thenThrows(CurrencyMismatch, 'The planned amount must be in EUR, not USD');
        given([planned()]).when(revise('1200', ' ')).thenThrows(RuleViolation, 'The reason must not be blank');
      });
      it('crosses thresholds the smaller plan brings the actual amount to', () => {
        given([planned(), spent('850.00', '850.00'), crossed(80, '850.00')])
          .when(revise('800'))
          .then([revised('800.00'), crossed(100, '850.00', '800.00')]);
      });
      it('falls below thresholds a larger plan takes the actual amount under, highest first', () => {
        given([planned(), spent('1000.00', '1000.00'), crossed(80, '1000.00'), crossed(100, '1000.00')])
          .when(revise('2000'))
          .then([revised('2000.00'), fellBelow(100, '1000.00', '2000.00'), fellBelow(80, '1000.00', '2000.00')]);
      });
    });

    describe('recording actuals', () => {
      it('records the amount and the actual total after it', () => {
        given([planned()]).when(spend('100.50')).then([spent('100.50', '100.50')]);
        given([planned(), spent('100.50', '100.50')]).when(spend('0.5')).then([spent('0.50', '101.00')]);
      });
      it('records a negative correction', () => {
        given([planned(), spent('100.00', '100.00')]).when(spend('-30')).then([spent('-30.00', '70.00')]);
      });
      it('crosses 80 % when the actual amount reaches exactly 80 % of the plan, not a cent before', () => {
        given([planned()]).when(spend('799.99')).then([spent('799.99', '799.99')]);
        given([planned()]).when(spend('800.00')).then([spent('800.00', '800.00'), crossed(80, '800.00')]);
      });
      it('emits a crossing once: further spending above 80 % says nothing more until 100 %', () => {
        const above80 = [planned(), spent('800.00', '800.00'), crossed(80, '800.00')];
        given(above80).when(spend('150')).then([spent('150.00', '950.00')]);
        given([...above80, spent('150.00', '950.00')]).when(spend('50')).then([spent('50.00', '1000.00'), crossed(100, '1000.00')]);
      });
      it('emits both crossings, 80 then 100, when one posting jumps over both', () => {
        given([planned()]).when(spend('1500')).then([spent('1500.00', '1500.00'), crossed(80, '1500.00'), crossed(100, '1500.00')]);
      });
      it('falls below crossed thresholds on a correction, highest first, and crosses again on the way back up', () => {
        const over = [planned(), spent('1500.00', '1500.00'), crossed(80, '1500.00'), crossed(100, '1500.00')];
        given(over).when(spend('-800')).then([spent('-800.00', '700.00'), fellBelow(100, '700.00'), fellBelow(80, '700.00')]);
        const back = [...over, spent('-800.00', '700.00'), fellBelow(100, '700.00'), fellBelow(80, '700.00')];
        given(back).when(spend('150')).then([spent('150.00', '850.00'), crossed(80, '850.00')]);
      });
      it('falls below only the thresholds it drops under', () => {
        const over = [planned(), spent('1500.00', '1500.00'), crossed(80, '1500.00'), crossed(100, '1500.00')];
        given(over).when(spend('-600')).then([spent('-600.00', '900.00'), fellBelow(100, '900.00')]);
      });
      it('follows its own thresholds', () => {
        given([planned({ thresholds: [50] })]).when(spend('1000')).then([spent('1000.00', '1000.00'), crossed(50, '1000.00')]);
        given([planned({ thresholds: [] })]).when(spend('5000')).then([spent('5000.00', '5000.00')]);
      });
      it('refuses a posting day outside the period, or no day', () => {
        given([planned()])
          .when(spend('1', { postedAt: '2027-01-01' }))
          .thenThrows(RuleViolation, "The posting day 2027-01-01 is outside the budget's period 2026-12 (2026-12-01 to 2026-12-31)");
        given([planned()]).when(spend('1', { postedAt: '2026-11-30' })).thenThrows(RuleViolation, /outside the budget's period/);
        given([planned()]).when(spend('1', { postedAt: '2026-12-31' })).then([spent('1.00', '1.00', { postedAt: '2026-12-31' })]);
        given([planned({ period: '2026-Q4' })]).when(spend('1', { postedAt: '2026-10-01' })).then([spent('1.00', '1.00', { postedAt: '2026-10-01' })]);
        given([planned()]).when(spend('1', { postedAt: 'yesterday' })).thenThrows(RuleViolation, 'The posting day "yesterday" is not a day (YYYY-MM-DD)');
      });
      it('refuses zero, a blank source and a malformed amount', () => {
        given([planned()]).when(spend('0')).thenThrows(RuleViolation, 'An actual of zero records nothing');
        given([planned()]).when(spend('1', { source: '  ' })).thenThrows(RuleViolation, 'The source must not be blank');
        given([planned()]).when(spend('1.001')).thenThrows(InvalidMoney, /more decimal places/);
      });
      it('records a posting once per posting id: the same id again records nothing', () => {
        given([planned()]).when(spend('10', { postingId: 'inv-42/1' })).then([spent('10.00', '10.00', { postingId: 'inv-42/1' })]);
        given([planned(), spent('10.00', '10.00', { postingId: 'inv-42/1' })]).when(spend('10', { postingId: 'inv-42/1' })).thenNothingHappens();
        given([planned(), spent('10.00', '10.00', { postingId: 'inv-42/1' })])
          .when(spend('10', { postingId: 'inv-42/2' }))
          .then([spent('10.00', '20.00', { postingId: 'inv-42/2' })]);
      });
    });

    describe('recording a posting in another currency', () => {
      const usd = (amount: string) => ({ amount, currency: 'USD' });
      it('converts it once at the rate of its posting day, keeping both amounts and the rate', () => {
        given([planned()])
          .when(spend(usd('100.00'), { exchangeRate: { rate: '0.9234', rateDate: '2026-12-02' } }))
          .then([spent('92.34', '92.34', { conversion: { original: usd('100.00'), rate: '0.9234', rateDate: '2026-12-02' } })]);
      });
      it('rounds the conversion half to even, once', () => {
        // 0.05 USD × 0.5 = 0.025 EUR → 0.02
        given([planned()])
          .when(spend(usd('0.05'), { exchangeRate: { rate: '0.5', rateDate: '2026-12-03' } }))
          .then([spent('0.02', '0.02', { conversion: { original: usd('0.05'), rate: '0.5', rateDate: '2026-12-03' } })]);
      });
      it('refuses it without a rate, with a rate of a later day, and one that converts to zero', () => {
        given([planned()]).when(spend(usd('100'))).thenThrows(RuleViolation, 'A posting in USD needs the exchange rate to EUR of its posting day');
        given([planned()])
          .when(spend(usd('100'), { exchangeRate: { rate: '0.9', rateDate: '2026-12-04' } }))
          .thenThrows(RuleViolation, 'The exchange rate of 2026-12-04 is later than the posting day 2026-12-03');
        given([planned()])
          .when(spend(usd('0.01'), { exchangeRate: { rate: '0.4', rateDate: '2026-12-03' } }))
          .thenThrows(RuleViolation, 'An actual of 0.01 USD is zero in EUR and records nothing');
        given([planned()]).when(spend(usd('1'), { exchangeRate: { rate: '0', rateDate: '2026-12-03' } })).thenThrows(InvalidMoney, 'The exchange rate must be more than zero');
      });
      it('refuses a rate for a posting in the budget’s own currency', () => {
        given([planned()])
          .when(spend('1', { exchangeRate: { rate: '1', rateDate: '2026-12-03' } }))
          .thenThrows(RuleViolation, "A posting in the budget's currency (EUR) takes no exchange rate");
      });
    });

    describe('recording commitments', () => {
      it('records the amount and the committed total, and a release', () => {
        given([planned()]).when(commit('400')).then([committed('400.00', '400.00')]);
        given([planned(), committed('400.00', '400.00')]).when(commit('-100')).then([committed('-100.00', '300.00')]);
      });
      it('crosses no threshold: thresholds follow the actual amount only', () => {
        given([planned()]).when(commit('5000')).then([committed('5000.00', '5000.00')]);
      });
      it('is idempotent per posting id too', () => {
        given([planned(), committed('400.00', '400.00', 'po-7')]).when(commit('400', { postingId: 'po-7' })).thenNothingHappens();
      });
      it('refuses zero', () => {
        given([planned()]).when(commit('0')).thenThrows(RuleViolation, 'A commitment of zero records nothing');
      });
    });
  });

  describe('for any sequence of postings (property)', () => {
    it('crossings and fallings of each threshold alternate, starting with a crossing, and end where the actual amount is', () => {
      const postings = fc.array(fc.integer({ min: -150_000, max: 150_000 }).filter((cents) => cents !== 0), { minLength: 1, maxLength: 30 });
      fc.assert(
        fc.property(postings, fc.uniqueArray(fc.integer({ min: 1, max: 200 }), { maxLength: 4 }), (cents, thresholds) => {
          let history: BudgetEvent[] = [planned({ thresholds: [...thresholds].sort((a, b) => a - b) })];
          for (const amount of cents) {
            const posting = spend((amount / 100).toFixed(2));
            history = [...history, ...budgetDecider.decide(posting, fold(budgetDecider, history))];
          }
          const actualCents = cents.reduce((a, b) => a + b, 0);
          for (const threshold of thresholds) {
            const edges = history.filter(
              (event) => (event.type === 'BudgetThresholdCrossed' || event.type === 'BudgetFellBelowThreshold') && event.data.threshold === threshold,
            );
            edges.forEach((edge, index) => expect(edge.type).toBe(index % 2 === 0 ? 'BudgetThresholdCrossed' : 'BudgetFellBelowThreshold'));
            const above = actualCents * 100 >= 100_000 * threshold;
            expect(edges.length % 2 === 1).toBe(above);
          }
        }),
      );
    });
  });
});
