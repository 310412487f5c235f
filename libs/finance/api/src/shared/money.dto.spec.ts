import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { DefineAllocationRuleRequest } from '../define-allocation-rule/define-allocation-rule.request.dto';
import { PlanBudgetRequest } from '../plan-budget/plan-budget.request.dto';
import { PublishRateCardVersionRequest } from '../publish-rate-card-version/publish-rate-card-version.request.dto';

/** One entry per failed constraint, named by the field's path (as the API's 400 lists them). */
const fieldErrorsOf = (errors: readonly ValidationError[], parent = ''): { field: string; message: string }[] =>
  errors.flatMap((error) => {
    const field = /^\d+$/.test(error.property) ? `${parent}[${error.property}]` : parent ? `${parent}.${error.property}` : error.property;
    const constraints = Object.values(error.constraints ?? {});
    const own = constraints.length > 0 && error.value === undefined ? [`${error.property} is required`] : constraints;
    return [...own.map((message) => ({ field, message })), ...fieldErrorsOf(error.children ?? [], field)];
  });

const errorsOf = <T extends object>(type: new () => T, body: unknown) => fieldErrorsOf(validateSync(plainToInstance(type, body) as object, { whitelist: true, forbidNonWhitelisted: true }));
const id = '0190f3a4-1111-7222-8333-944445555666';

describe('money and decimals in request bodies', () => {
  const budget = { costCenterId: id, period: '2026-03', planned: { amount: '1000.00', currency: 'EUR' } };

  it('takes money as { amount: decimal string, currency }', () => {
    expect(errorsOf(PlanBudgetRequest, budget)).toEqual([]);
    expect(errorsOf(PlanBudgetRequest, { ...budget, planned: { amount: '-0.5', currency: 'JPY' } })).toEqual([]);
  });

  it('refuses a JSON number, thousands separators, an exponent, an unknown currency and extra fields, naming the field', () => {
    expect(errorsOf(PlanBudgetRequest, { ...budget, planned: { amount: 1000, currency: 'EUR' } })).toEqual([
      { field: 'planned.amount', message: 'amount must be a decimal string such as "1234.56", not a JSON number (a float would round it)' },
    ]);
    expect(errorsOf(PlanBudgetRequest, { ...budget, planned: { amount: '1,000', currency: 'EUR' } })[0].field).toBe('planned.amount');
    expect(errorsOf(PlanBudgetRequest, { ...budget, planned: { amount: '1e3', currency: 'EUR' } })[0].field).toBe('planned.amount');
    expect(errorsOf(PlanBudgetRequest, { ...budget, planned: { amount: '1.00', currency: 'XYZ1' } })).toEqual([{ field: 'planned.currency', message: 'currency must be an ISO 4217 currency code such as EUR' }]);
    expect(errorsOf(PlanBudgetRequest, { ...budget, planned: { amount: '1.00', currency: 'EUR', rate: 1 } })[0].field).toBe('planned.rate');
    expect(errorsOf(PlanBudgetRequest, { ...budget, planned: undefined })[0]).toEqual({ field: 'planned', message: 'planned is required' });
  });

  it('checks every entry of a rate card’s map of money', () => {
    const version = { effectiveFrom: '2026-01-01', currency: 'EUR', roleRates: { engineer: { amount: '95.00', currency: 'EUR' } }, unitPrices: {} };
    expect(errorsOf(PublishRateCardVersionRequest, version)).toEqual([]);
    expect(errorsOf(PublishRateCardVersionRequest, { ...version, unitPrices: { 'VM Hour': { amount: '1', currency: 'EUR' } } })[0].message).toMatch(/unitPrices key "VM Hour"/);
    expect(errorsOf(PublishRateCardVersionRequest, { ...version, roleRates: { engineer: { amount: '-1', currency: 'EUR' } } })[0].message).toMatch(/roleRates.engineer.amount must be a decimal string of zero or more/);
  });

  it('takes percentages and weights as decimal strings only', () => {
    const rule = { name: 'r', source: { kind: 'pool', id }, method: { kind: 'weighted', weights: [{ consumerCostCenterId: id, weight: '3.5' }] } };
    expect(errorsOf(DefineAllocationRuleRequest, rule)).toEqual([]);
    expect(errorsOf(DefineAllocationRuleRequest, { ...rule, method: { kind: 'weighted', weights: [{ consumerCostCenterId: id, weight: 3.5 }] } })).toEqual([
      { field: 'method', message: 'method.weights[0].weight must be a decimal string such as "33.33", not a JSON number (a float would round it)' },
    ]);
    expect(errorsOf(DefineAllocationRuleRequest, { ...rule, method: { kind: 'fair' } })[0].message).toBe('method.kind must be one of direct, equal, percentage, usage-units, weighted');
  });
});
