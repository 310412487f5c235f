import fc from 'fast-check';
import { RuleViolation } from '@itsm/event-sourcing';
import { exchangeRateTable, NoExchangeRate } from '../exchange-rates/exchange-rates';
import { minorUnitsOf, moneyFromWire, type WireMoney } from '../money';
import { canonicalJson, sha256OfCanonicalJson } from './canonical-json';
import { computePeriod, type PeriodComputationInputs, type PeriodLedgerLine } from './compute-period';
import { parseStatementId, publishStatement, statementHash } from './statement';

const [SALES, ENG, HR] = ['0190f3a4-0000-7000-8000-000000000001', '0190f3a4-0000-7000-8000-000000000002', '0190f3a4-0000-7000-8000-000000000003'];
const [HOSTING, OFFICE] = ['0190f3a4-0000-7000-8000-0000000000a1', '0190f3a4-0000-7000-8000-0000000000a2'];
const [COMPUTE, DESK] = ['0190f3a4-0000-7000-8000-0000000000b1', '0190f3a4-0000-7000-8000-0000000000b2'];
const eur = (amount: string): WireMoney => ({ amount, currency: 'EUR' });
const usd = (amount: string): WireMoney => ({ amount, currency: 'USD' });
const line = (target: PeriodLedgerLine['target'], amount: WireMoney, postedOn = '2026-03-05', account = '6200'): PeriodLedgerLine => ({ postedOn, account, target, amount });
const ENG_LINES = [['pool', '319.97', '355.52'], ['service', '72.00', '80.00']];
const minor = (money: WireMoney) => minorUnitsOf(moneyFromWire(money));

const base = (): PeriodComputationInputs => ({
  period: '2026-03',
  reportingCurrency: 'EUR',
  costCenters: [
    { costCenterId: SALES, code: 'SALES', currency: 'EUR' },
    { costCenterId: ENG, code: 'ENG', currency: 'USD' },
    { costCenterId: HR, code: 'HR', currency: 'EUR' },
  ],
  ledger: [
    line({ kind: 'cost-pool', id: HOSTING }, eur('600.00')),
    line({ kind: 'cost-pool', id: HOSTING }, usd('400.00'), '2026-03-10'),
    line({ kind: 'cost-pool', id: OFFICE }, eur('50.00')),
    line({ kind: 'cost-center', id: HR }, eur('99.99'), '2026-03-02', '6100'),
  ],
  usage: [
    { source: { kind: 'service', id: COMPUTE }, consumerCostCenterId: SALES, unit: 'vm-hour', quantity: '120' },
    { source: { kind: 'service', id: COMPUTE }, consumerCostCenterId: ENG, unit: 'vm-hour', quantity: '480' },
  ],
  rules: [
    { ruleId: 'rule-hosting', revision: 2, source: { kind: 'pool', id: HOSTING }, method: { kind: 'percentage', shares: [{ consumerCostCenterId: SALES, percent: '33.33' }, { consumerCostCenterId: ENG, percent: '33.33' }, { consumerCostCenterId: HR, percent: '33.34' }] } },
    { ruleId: 'rule-compute', revision: 0, source: { kind: 'service', id: COMPUTE }, method: { kind: 'usage-units', unit: 'vm-hour' } },
  ],
  labour: [
    { serviceId: COMPUTE, postedOn: '2026-03-03', minutes: 90, cost: eur('90.00') },
    { serviceId: DESK, postedOn: '2026-03-04', minutes: 30, cost: eur('30.00') },
  ],
  credits: [
    { creditId: 'credit-1', costCenterId: SALES, serviceId: COMPUTE, offeringId: 'o', incidentNumber: 'INC0000042', breachEventId: 'evt-breach-1', amount: eur('12.50'), accruedAt: '2026-03-20T10:00:00.000Z' },
  ],
  adjustments: [
    { adjustmentId: 'adj-1', costCenterId: HR, amount: eur('-4.00'), correctsPeriod: '2026-02', correctsStatementId: `2026-02.${HR}`, correctsLineId: '1', reason: 'Refund', postedOn: '2026-03-01' },
  ],
  exchangeRates: exchangeRateTable([
    { from: 'USD', to: 'EUR', date: '2026-03-01', rate: '0.9' },
    { from: 'EUR', to: 'USD', date: '2026-03-01', rate: '1.1111' },
  ]),
});

describe('computePeriod', () => {
  const result = computePeriod(base());
  const statementOf = (id: string) => result.statements.find((statement) => statement.costCenterId === id)!;

  it('converts each line sum at its day’s rate and shares out a pool by percentage, the cent left by largest remainder (earlier line on a tie)', () => {
    // Hosting: 600.00 EUR + 400.00 USD × 0.9 = 960.00 EUR; 33.33 % each of sales and eng is 319.968 → 319.96 (+1 cent to the larger remainder)
    expect(result.reconciliation.pools).toEqual([
      { poolId: HOSTING, amount: eur('960.00'), allocated: eur('960.00'), unallocated: eur('0.00') },
      { poolId: OFFICE, amount: eur('50.00'), allocated: eur('0.00'), unallocated: eur('50.00') },
    ]);
    const hostingLines = result.statements.flatMap((s) => s.lines.filter((l) => l.ruleId === 'rule-hosting').map((l) => [s.costCenterCode, l.reportingAmount.amount]));
    // 319.968, 319.968 and 320.064: the floors leave 2 cents, which go to the two largest remainders (0.8 each).
    expect(hostingLines).toEqual([['SALES', '319.97'], ['ENG', '319.97'], ['HR', '320.06']]);
  });

  it('shows what no rule shares out as unallocated lines, never hidden (a pool without a rule, labour of a service without one)', () => {
    expect(result.reconciliation.unallocated).toEqual([
      { source: { kind: 'pool', id: OFFICE }, ruleId: null, amount: eur('50.00'), reason: `No allocation rule shares out the cost pool ${OFFICE}` },
      { source: { kind: 'service', id: DESK }, ruleId: null, amount: eur('30.00'), reason: `No allocation rule shares out the labour of service ${DESK} (30 min)` },
    ]);
  });

  it('puts a credit on its consumer’s statement as a negative line naming the incident and the breach event', () => {
    expect(statementOf(SALES).lines).toContainEqual(
      expect.objectContaining({ kind: 'credit', reportingAmount: eur('-12.50'), incidentNumber: 'INC0000042', breachEventId: 'evt-breach-1', creditId: 'credit-1', description: 'Service credit for INC0000042 (SLA breach evt-breach-1)' }),
    );
    expect(statementOf(HR).lines).toContainEqual(expect.objectContaining({ kind: 'adjustment', reportingAmount: eur('-4.00'), correctsPeriod: '2026-02', correctsLineId: '1' }));
  });

  it('shows each line in the cost center’s currency too, with a rounding line where the converted lines miss the converted total', () => {
    const eng = statementOf(ENG);
    expect(eng.currency).toBe('USD');
    expect(eng.lines.every((l) => l.amount.currency === 'USD' && l.reportingAmount.currency === 'EUR')).toBe(true);
    const sumUsd = eng.lines.reduce((total, l) => total + minor(l.amount), 0n);
    expect(sumUsd).toBe(minor(eng.total));
    expect(eng.lines.map((l) => [l.kind, l.reportingAmount.amount, l.amount.amount])).toEqual(ENG_LINES);
    expect(result.exchangeRates).toEqual([
      { from: 'EUR', to: 'USD', day: '2026-03-31', rateDay: '2026-03-01', rate: '1.1111' },
      { from: 'USD', to: 'EUR', day: '2026-03-10', rateDay: '2026-03-01', rate: '0.9' },
    ]);
  });

  it('adds a rounding line when the lines, each converted, do not add up to the converted total', () => {
    const tiny = computePeriod({
      ...base(), usage: [], rules: [], labour: [], credits: [], adjustments: [],
      ledger: [line({ kind: 'cost-center', id: ENG }, eur('0.01'), '2026-03-02', '6100'), line({ kind: 'cost-center', id: ENG }, eur('0.01'), '2026-03-02', '6200')],
      exchangeRates: exchangeRateTable([{ from: 'EUR', to: 'USD', date: '2026-03-01', rate: '1.5' }]),
    });
    // 0.01 EUR is 0.015 USD → 0.02 (half to even) per line, 0.04 together; the total 0.02 EUR is 0.03 USD.
    expect(tiny.statements[0].lines.map((l) => [l.lineId, l.kind, l.reportingAmount.amount, l.amount.amount])).toEqual([
      ['1', 'ledger', '0.01', '0.02'],
      ['2', 'ledger', '0.01', '0.02'],
      ['3', 'rounding', '0.00', '-0.01'],
    ]);
    expect([tiny.statements[0].total, tiny.reconciliation.rounding]).toEqual([usd('0.03'), [{ costCenterId: ENG, amount: usd('-0.01'), reason: '0.02 EUR is 0.03 USD on 2026-03-31; its lines, each converted, add up to 0.04' }]]);
  });

  it('reconciles every layer exactly', () => {
    expect(result.reconciliation.checks.map((c) => [c.name, c.balanced])).toEqual([
      ['ledger = pools + direct', true],
      ['pools = allocated + unallocated', true],
      ['labour = allocated + unallocated', true],
      ['statements = direct + pools allocated + labour allocated - credits + adjustments', true],
      ['statements + unallocated = ledger + labour - credits + adjustments', true],
    ]);
    expect(result.reconciliation.ledger).toEqual({
      lineCount: 4,
      total: eur('1109.99'),
      byCurrency: [{ currency: 'EUR', lineCount: 3, amount: eur('749.99'), reportingAmount: eur('749.99') }, { currency: 'USD', lineCount: 1, amount: usd('400.00'), reportingAmount: eur('360.00') }],
    });
  });

  it('refuses a rate it does not have and a cost center it does not know', () => {
    expect(() => computePeriod({ ...base(), exchangeRates: exchangeRateTable([]) })).toThrow(NoExchangeRate);
    expect(() => computePeriod({ ...base(), costCenters: base().costCenters.slice(1) })).toThrow(RuleViolation);
  });

  it('gives the same statements, bit for bit, for the same inputs', () => {
    const again = computePeriod(base());
    expect(again.statements.map((s) => statementHash(publishStatement('2026-03', s, 'showback')))).toEqual(result.statements.map((s) => statementHash(publishStatement('2026-03', s, 'showback'))));
    expect(publishStatement('2026-03', result.statements[0], 'chargeback').contentHash).not.toBe(publishStatement('2026-03', result.statements[0], 'showback').contentHash);
    expect(parseStatementId(publishStatement('2026-03', result.statements[0], 'chargeback').statementId)).toEqual({ period: '2026-03', costCenterId: result.statements[0].costCenterId });
  });

  it('drafts every statement line with its members in canonical order, nested ones too (the JSON writers copy none)', () => {
    const outOfOrder = (value: unknown): boolean => {
      if (value === null || typeof value !== 'object') return false;
      const keys = Object.keys(value);
      return keys.some((key, index) => index > 0 && keys[index - 1] > key) || Object.values(value).some(outOfOrder);
    };
    const rounded = computePeriod({
      ...base(), rules: [], labour: [], credits: [], adjustments: [], ledger: [line({ kind: 'cost-center', id: ENG }, eur('0.01'), '2026-03-02', '6100'), line({ kind: 'cost-center', id: ENG }, eur('0.01'), '2026-03-02', '6200')],
      exchangeRates: exchangeRateTable([{ from: 'EUR', to: 'USD', date: '2026-03-01', rate: '1.5' }]),
    });
    const lines = [...result.statements, ...rounded.statements].flatMap((statement) => statement.lines);
    expect(new Set(lines.map((line) => line.kind))).toEqual(new Set(['ledger', 'pool', 'service', 'credit', 'adjustment', 'rounding']));
    expect(lines.filter(outOfOrder)).toEqual([]);
  });

  describe('property: statements + unallocated = ledger + labour − credits + adjustments, to the cent, in any currencies', () => {
    const centers = [SALES, ENG, HR];
    const amountIn = (currency: 'EUR' | 'USD' | 'JPY') =>
      fc.bigInt({ min: -(10n ** 9n), max: 10n ** 9n }).filter((n) => n !== 0n).map((n) => ({ amount: moneyFromWireText(n, currency), currency }));
    const moneyFromWireText = (n: bigint, currency: string) => {
      const exponent = currency === 'JPY' ? 0 : 2;
      const negative = n < 0n;
      const digits = (negative ? -n : n).toString().padStart(exponent + 1, '0');
      const text = exponent === 0 ? digits : `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
      return negative ? `-${text}` : text;
    };
    const ledgerLine = fc.record({
      day: fc.integer({ min: 1, max: 31 }).map((d) => `2026-03-${String(d).padStart(2, '0')}`),
      target: fc.oneof(fc.constantFrom(HOSTING, OFFICE).map((id) => ({ kind: 'cost-pool' as const, id })), fc.constantFrom(...centers).map((id) => ({ kind: 'cost-center' as const, id }))),
      amount: fc.constantFrom('EUR' as const, 'USD' as const, 'JPY' as const).chain(amountIn),
      account: fc.constantFrom('6100', '6200'),
    });
    const weights = fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 3, maxLength: 3 }).filter((w) => w.some((x) => x > 0));

    it('holds for any ledger, weights, usage, labour and credits', () => {
      fc.assert(
        fc.property(
          fc.array(ledgerLine, { minLength: 1, maxLength: 40 }),
          weights,
          fc.array(fc.tuple(fc.constantFrom(...centers), fc.integer({ min: 0, max: 500 })), { maxLength: 5 }),
          fc.array(fc.tuple(fc.constantFrom(COMPUTE, DESK), amountIn('USD')), { maxLength: 4 }),
          fc.array(fc.tuple(fc.constantFrom(...centers), fc.bigInt({ min: 1n, max: 10n ** 6n })), { maxLength: 3 }),
          fc.constantFrom('0.9', '0.8765', '1.00001'),
          fc.constantFrom('EUR', 'USD'),
          (ledger, w, usage, labour, credits, rate, hrCurrency) => {
            const inputs: PeriodComputationInputs = {
              ...base(),
              costCenters: base().costCenters.map((c) => (c.costCenterId === HR ? { ...c, currency: hrCurrency } : c)),
              ledger: ledger.map((l) => line(l.target, l.amount, l.day, l.account)),
              rules: [
                { ruleId: 'w', revision: 0, source: { kind: 'pool', id: HOSTING }, method: { kind: 'weighted', weights: centers.map((id, i) => ({ consumerCostCenterId: id, weight: String(w[i]) })) } },
                { ruleId: 'u', revision: 0, source: { kind: 'service', id: COMPUTE }, method: { kind: 'usage-units', unit: 'vm-hour' } },
              ],
              usage: usage.map(([id, quantity]) => ({ source: { kind: 'service', id: COMPUTE }, consumerCostCenterId: id, unit: 'vm-hour', quantity: String(quantity) })),
              labour: labour.map(([serviceId, cost], i) => ({ serviceId, postedOn: `2026-03-${String(i + 1).padStart(2, '0')}`, minutes: 60, cost })),
              credits: credits.map(([costCenterId, n], i) => ({ ...base().credits[0], creditId: `c${i}`, costCenterId, amount: { amount: moneyFromWireText(n, 'EUR'), currency: 'EUR' } })),
              exchangeRates: exchangeRateTable([
                { from: 'USD', to: 'EUR', date: '2026-02-01', rate },
                { from: 'JPY', to: 'EUR', date: '2026-02-01', rate: '0.0061' },
                { from: 'EUR', to: 'USD', date: '2026-02-01', rate: '1.0834' },
              ]),
            };
            const { reconciliation, statements } = computePeriod(inputs);
            const statementsTotal = statements.reduce((t, s) => t + minor(s.reportingTotal), 0n);
            const linesTotal = statements.reduce((t, s) => t + s.lines.reduce((u, l) => u + minor(l.reportingAmount), 0n), 0n);
            const unallocated = reconciliation.unallocated.reduce((t, l) => t + minor(l.amount), 0n);
            // The ledger in the reporting currency, summed independently: each (target, account, currency, day) sum converted once.
            const ledgerReporting = minor(reconciliation.ledger.total);
            const byCurrencyExact = reconciliation.ledger.byCurrency.map((c) => [c.currency, minor(c.amount)]);
            const exact = new Map<string, bigint>();
            for (const l of ledger) exact.set(l.amount.currency, (exact.get(l.amount.currency) ?? 0n) + minor(l.amount));
            expect(byCurrencyExact).toEqual([...exact].sort(([a], [b]) => (a < b ? -1 : 1)));
            expect(linesTotal).toBe(statementsTotal);
            expect(statementsTotal + unallocated).toBe(ledgerReporting + minor(reconciliation.labour) - minor(reconciliation.credits) + minor(reconciliation.adjustments));
            expect(reconciliation.balanced).toBe(true);
            // Each statement's converted lines (with its rounding line) add up to its converted total exactly.
            for (const s of statements) expect(s.lines.reduce((t, l) => t + minor(l.amount), 0n)).toBe(minor(s.total));
          },
        ),
        { numRuns: 200 },
      );
    });

    it('in the reporting currency alone, the statements and unallocated lines add up to the raw ledger sum, to the cent', () => {
      fc.assert(
        fc.property(fc.array(ledgerLine.map((l) => ({ ...l, amount: { amount: l.amount.currency === 'JPY' ? `${l.amount.amount}.00` : l.amount.amount, currency: 'EUR' } })), { minLength: 1, maxLength: 60 }), weights, (ledger, w) => {
          const inputs: PeriodComputationInputs = {
            ...base(), labour: [], credits: [], adjustments: [], usage: [],
            ledger: ledger.map((l) => line(l.target, l.amount, l.day, l.account)),
            rules: [{ ruleId: 'w', revision: 0, source: { kind: 'pool', id: HOSTING }, method: { kind: 'weighted', weights: centers.map((id, i) => ({ consumerCostCenterId: id, weight: String(w[i]) })) } }],
          };
          const { reconciliation, statements } = computePeriod(inputs);
          const raw = ledger.reduce((t, l) => t + minor(l.amount), 0n);
          const shown = statements.reduce((t, s) => t + minor(s.reportingTotal), 0n) + reconciliation.unallocated.reduce((t, l) => t + minor(l.amount), 0n);
          expect(shown).toBe(raw);
        }),
        { numRuns: 200 },
      );
    });
  });
});

describe('canonical JSON', () => {
  it('sorts keys, drops undefined, writes no whitespace and refuses floats', () => {
    expect(canonicalJson({ b: [2, { d: 'x', c: null }], a: true, e: undefined })).toBe('{"a":true,"b":[2,{"c":null,"d":"x"}]}');
    expect(() => canonicalJson({ a: 0.1 })).toThrow(/integers only/);
    expect(sha256OfCanonicalJson({ b: 1, a: 2 })).toBe(sha256OfCanonicalJson({ a: 2, b: 1 }));
    expect(sha256OfCanonicalJson({ a: 'x' })).toBe('bac82bcae3ff0e486fd02d6dce53dc6444bcbd21f6ab5dea0a69e86e8b723b7f');
  });
});
