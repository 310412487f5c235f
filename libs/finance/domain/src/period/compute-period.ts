import type {
  PeriodCreditInputV1,
  PeriodExchangeRateInputV1,
  ReconciliationCheckV1,
  ReconciliationV1,
  StatementLineV1,
  UnallocatedLineV1,
} from '@itsm/contracts';
import { RuleViolation } from '@itsm/event-sourcing';
import { allocateCost, type UsageRecord } from '../allocation/allocation-engine';
import type { AllocationMethod, AllocationSource } from '../allocation/allocation-method';
import { currencyOf, minorUnitsConverter, exponentOf, minorUnitsOf, minorUnitsToWire, moneyFromWire, type WireMoney } from '../money';
import { rateOn, type ExchangeRateTable } from '../exchange-rates/exchange-rates';
import { parsePeriod } from '../shared/period';
import { inCanonicalOrder } from './canonical-json';

/** One general-ledger line booked in the period (as imported). */
export interface PeriodLedgerLine {
  postedOn: string;
  account: string;
  target: { kind: 'cost-pool' | 'cost-center'; id: string };
  amount: WireMoney;
}

/** Labour priced for the period: one entry per work log (rounded once where it was priced). */
export interface PricedLabour {
  serviceId: string;
  postedOn: string;
  minutes: number;
  cost: WireMoney;
}

export interface PeriodAdjustment {
  adjustmentId: string;
  costCenterId: string;
  /** In the reporting currency. */
  amount: WireMoney;
  correctsPeriod: string;
  correctsStatementId: string;
  correctsLineId: string | null;
  reason: string;
  postedOn: string;
}

export interface PeriodRuleVersion {
  ruleId: string;
  revision: number;
  source: AllocationSource;
  method: AllocationMethod;
}

/** Everything a period's allocation is computed from: pure data, the same data gives the same statements. */
export interface PeriodComputationInputs {
  /** A month, "2026-03". */
  period: string;
  reportingCurrency: string;
  costCenters: readonly { costCenterId: string; code: string; currency: string }[];
  ledger: Iterable<PeriodLedgerLine>;
  usage: readonly UsageRecord[];
  rules: readonly PeriodRuleVersion[];
  labour: readonly PricedLabour[];
  credits: readonly PeriodCreditInputV1[];
  adjustments: readonly PeriodAdjustment[];
  exchangeRates: ExchangeRateTable;
}

/** A cost center's statement before a mode is chosen: lines in canonical order, both currencies. */
export interface StatementDraft {
  costCenterId: string;
  costCenterCode: string;
  currency: string;
  reportingCurrency: string;
  total: WireMoney;
  reportingTotal: WireMoney;
  lines: StatementLineV1[];
}

export interface PeriodComputation {
  period: string;
  ledgerLineCount: number;
  reconciliation: ReconciliationV1;
  statements: StatementDraft[];
  /** Every rate the computation converted at, sorted (pair, day). */
  exchangeRates: PeriodExchangeRateInputV1[];
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Amount in minor units of a wire decimal string with at most `exponent` decimals (checked at import). */
const minorOf = (amount: string, exponent: number, currency = ''): bigint => {
  if (!/^-?\d+(\.\d+)?$/.test(amount)) return minorUnitsOf(moneyFromWire({ amount, currency })); // refused there, with its reason
  const negative = amount.startsWith('-');
  const digits = negative ? amount.slice(1) : amount;
  const point = digits.indexOf('.');
  const whole = point < 0 ? digits : digits.slice(0, point);
  const fraction = point < 0 ? '' : digits.slice(point + 1);
  if (fraction.length > exponent) return minorUnitsOf(moneyFromWire({ amount, currency }));
  const value = BigInt(whole + fraction.padEnd(exponent, '0'));
  return negative ? -value : value;
};

const wire = (minor: bigint, currency: string): WireMoney => minorUnitsToWire(minor, currency);
const byKey = <T>(key: (item: T) => string) => (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

/**
 * The period's allocation, reconciliation and statements, in the reporting currency, exactly:
 *
 * 1. **Ledger.** Lines are summed exactly per (target, account, currency, posting day), each sum converted once to
 *    the reporting currency at the rate of its posting day (half to even). A cost pool's cost is the sum of its
 *    converted sums; a line booked on a cost center goes straight to its statement (one line per account).
 * 2. **Pools and services.** Each pool's cost, and each service's labour (priced work logs, converted per service,
 *    currency and day), is shared out by the rule of its source (largest remainder, `allocateCost`); usage-units
 *    rules read the period's metered usage of their service. A source with no rule, or a rule with nobody to give
 *    to, is an **unallocated** line: shown, never hidden.
 * 3. **Credits** (negative, converted at the day they accrued) and **adjustments** (reporting currency) land on the
 *    statement of their cost center.
 * 4. **Statements** show each line in the reporting currency and in the cost center's currency (converted at the
 *    rate of the period's last day); when the converted lines do not add up to the converted total, a **rounding**
 *    line holds the difference.
 *
 * The reconciliation's checks hold by construction and are computed from independent sums: ledger = pools + direct;
 * pools = allocated + unallocated; labour = allocated + unallocated; statements + unallocated = ledger + labour −
 * credits + adjustments. A cost center a line names that is not among `costCenters` is a RuleViolation.
 */
export const computePeriod = (inputs: PeriodComputationInputs): PeriodComputation => {
  if (!MONTH.test(inputs.period)) throw new RuleViolation(`A period is a month such as 2026-03, not "${String(inputs.period).slice(0, 40)}"`);
  const { id: period, end } = parsePeriod(inputs.period);
  const reporting = currencyOf(inputs.reportingCurrency).code;
  const rates = new Map<string, PeriodExchangeRateInputV1>();
  // One rate lookup and one parsed converter per pair and day: there are tens of thousands of sums and lines.
  const converters = new Map<string, (minor: bigint) => bigint>();
  const converterOn = (from: string, to: string, day: string): ((minor: bigint) => bigint) => {
    const key = `${from}/${to}/${day}`;
    let converter = converters.get(key);
    if (converter === undefined) {
      const rate = rateOn(inputs.exchangeRates, from, to, day);
      rates.set(key, { from, to, day, rateDay: rate.date, rate: rate.rate });
      converter = minorUnitsConverter(from, rate.rate, to);
      converters.set(key, converter);
    }
    return converter;
  };
  const toReporting = (minor: bigint, currency: string, day: string): bigint => (currency === reporting ? minor : converterOn(currency, reporting, day)(minor));
  const fromReporting = (minor: bigint, currency: string, day: string): bigint => (currency === reporting ? minor : converterOn(reporting, currency, day)(minor));
  const costCenters = new Map(inputs.costCenters.map((center) => [center.costCenterId, center]));
  const requireCostCenter = (id: string, what: string) => {
    const center = costCenters.get(id);
    if (center === undefined) throw new RuleViolation(`${what} names cost center ${id}, which finance does not know`);
    return center;
  };
  // Each statement's drafted lines with their reporting amounts in minor units (`minor`: not read back from the text).
  const lines = new Map<string, { line: Omit<StatementLineV1, 'lineId' | 'amount'>; minor: bigint }[]>();
  const addLine = (costCenterId: string, minor: bigint, line: Omit<StatementLineV1, 'lineId' | 'amount'>) => {
    requireCostCenter(costCenterId, `A ${line.kind} line`);
    const known = lines.get(costCenterId);
    if (known === undefined) lines.set(costCenterId, [{ line, minor }]);
    else known.push({ line, minor });
  };
  const unallocated: UnallocatedLineV1[] = [];

  // 1. Ledger: exact sums per target, account, currency and day; each converted once.
  const exponents = new Map<string, number>();
  const groups = new Map<string, { kind: string; id: string; account: string; currency: string; day: string; minor: bigint; lines: number }>();
  const byCurrency = new Map<string, { minor: bigint; lines: number; reporting: bigint }>();
  let ledgerLineCount = 0;
  for (const line of inputs.ledger) {
    const currency = line.amount.currency;
    let exponent = exponents.get(currency);
    if (exponent === undefined) exponents.set(currency, (exponent = exponentOf(currency)));
    const minor = minorOf(line.amount.amount, exponent, currency);
    const key = `${line.target.kind}|${line.target.id}|${line.account}|${currency}|${line.postedOn}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { kind: line.target.kind, id: line.target.id, account: line.account, currency, day: line.postedOn, minor, lines: 1 });
    else {
      group.minor += minor;
      group.lines += 1;
    }
    ledgerLineCount += 1;
  }
  const pools = new Map<string, bigint>();
  const direct = new Map<string, Map<string, { minor: bigint; lines: number }>>();
  for (const group of groups.values()) {
    const converted = toReporting(group.minor, group.currency, group.day);
    const total = byCurrency.get(group.currency) ?? { minor: 0n, lines: 0, reporting: 0n };
    byCurrency.set(group.currency, { minor: total.minor + group.minor, lines: total.lines + group.lines, reporting: total.reporting + converted });
    if (group.kind === 'cost-pool') pools.set(group.id, (pools.get(group.id) ?? 0n) + converted);
    else {
      requireCostCenter(group.id, 'A ledger line');
      const accounts = direct.get(group.id) ?? new Map<string, { minor: bigint; lines: number }>();
      const account = accounts.get(group.account) ?? { minor: 0n, lines: 0 };
      accounts.set(group.account, { minor: account.minor + converted, lines: account.lines + group.lines });
      direct.set(group.id, accounts);
    }
  }
  for (const [costCenterId, accounts] of [...direct].sort(byKey(([id]) => id))) {
    for (const [account, { minor, lines: count }] of [...accounts].sort(byKey(([name]) => name))) {
      addLine(costCenterId, minor, {
        kind: 'ledger', description: `Ledger account ${account} (${count} line${count === 1 ? '' : 's'})`, reportingAmount: wire(minor, reporting), postedOn: end,
        account, ledgerLineCount: count,
      });
    }
  }

  // 2. Pools and services, each by its rule.
  const rulesBySource = new Map<string, PeriodRuleVersion[]>();
  for (const rule of inputs.rules) rulesBySource.set(`${rule.source.kind}:${rule.source.id}`, [...(rulesBySource.get(`${rule.source.kind}:${rule.source.id}`) ?? []), rule]);
  const usageBySource = new Map<string, UsageRecord[]>();
  for (const record of inputs.usage) {
    const key = `${record.source.kind}:${record.source.id}`;
    const list = usageBySource.get(key);
    if (list === undefined) usageBySource.set(key, [record]);
    else list.push(record);
  }
  const share = (source: AllocationSource, minor: bigint, kind: 'pool' | 'service', describe: string): { allocated: bigint; unallocated: bigint } => {
    const key = `${source.kind}:${source.id}`;
    const matching = rulesBySource.get(key) ?? [];
    if (matching.length > 1) throw new RuleViolation(`The ${describe} has ${matching.length} allocation rules: one applies at a time`);
    const amount = wire(minor, reporting);
    if (matching.length === 0) {
      unallocated.push({ source: { kind: source.kind, id: source.id }, ruleId: null, amount, reason: `No allocation rule shares out the ${describe}` });
      return { allocated: 0n, unallocated: minor };
    }
    const [rule] = matching;
    let allocated = 0n;
    let left = 0n;
    const exponent = exponentOf(reporting);
    for (const line of allocateCost(rule, amount, usageBySource.get(key) ?? [])) {
      const lineMinor = minorOf(line.amount.amount, exponent);
      if (line.kind === 'allocated') {
        allocated += lineMinor;
        if (lineMinor === 0n) continue;
        addLine(line.consumerCostCenterId, lineMinor, {
          kind, description: `${line.basis.share} of ${line.basis.of}${line.basis.unit ? ` ${line.basis.unit}` : ''} of the ${describe} (${line.basis.method})`,
          reportingAmount: line.amount, postedOn: end, source: { id: source.id, kind: source.kind }, ruleId: rule.ruleId, ruleRevision: rule.revision, basis: line.basis,
        });
      } else {
        left += lineMinor;
        unallocated.push({ source: { kind: source.kind, id: source.id }, ruleId: rule.ruleId, amount: line.amount, reason: line.kind === 'unallocated' ? line.reason : 'rounding' });
      }
    }
    return { allocated, unallocated: left };
  };
  const poolRows = [...pools].sort(byKey(([id]) => id)).map(([poolId, minor]) => {
    const { allocated, unallocated: left } = share({ kind: 'pool', id: poolId }, minor, 'pool', `cost pool ${poolId}`);
    return { poolId, amount: wire(minor, reporting), allocated: wire(allocated, reporting), unallocated: wire(left, reporting), minor, allocatedMinor: allocated, leftMinor: left };
  });
  const labourByService = new Map<string, { groups: Map<string, bigint>; minutes: number }>();
  for (const entry of inputs.labour) {
    const service = labourByService.get(entry.serviceId) ?? { groups: new Map<string, bigint>(), minutes: 0 };
    const key = `${entry.cost.currency}|${entry.postedOn}`;
    service.groups.set(key, (service.groups.get(key) ?? 0n) + minorOf(entry.cost.amount, exponentOf(entry.cost.currency)));
    service.minutes += entry.minutes;
    labourByService.set(entry.serviceId, service);
  }
  const serviceRows = [...labourByService].sort(byKey(([id]) => id)).map(([serviceId, { groups: costs, minutes }]) => {
    let minor = 0n;
    for (const [key, amount] of [...costs].sort(byKey(([name]) => name))) {
      const [currency, day] = key.split('|');
      minor += toReporting(amount, currency, day);
    }
    const { allocated, unallocated: left } = share({ kind: 'service', id: serviceId }, minor, 'service', `labour of service ${serviceId} (${minutes} min)`);
    return { serviceId, labour: wire(minor, reporting), allocated: wire(allocated, reporting), unallocated: wire(left, reporting), minor, allocatedMinor: allocated, leftMinor: left };
  });

  // 3. Credits and adjustments.
  let creditsMinor = 0n;
  for (const credit of [...inputs.credits].sort(byKey((c) => `${c.accruedAt}|${c.creditId}`))) {
    const minor = toReporting(minorOf(credit.amount.amount, exponentOf(credit.amount.currency)), credit.amount.currency, credit.accruedAt.slice(0, 10));
    creditsMinor += minor;
    addLine(credit.costCenterId, -minor, {
      kind: 'credit', description: `Service credit for ${credit.incidentNumber} (SLA breach ${credit.breachEventId})`, reportingAmount: wire(-minor, reporting),
      postedOn: credit.accruedAt.slice(0, 10), creditId: credit.creditId, incidentNumber: credit.incidentNumber, breachEventId: credit.breachEventId, serviceId: credit.serviceId,
    });
  }
  let adjustmentsMinor = 0n;
  for (const adjustment of [...inputs.adjustments].sort(byKey((a) => a.adjustmentId))) {
    if (adjustment.amount.currency !== reporting) throw new RuleViolation(`Adjustment ${adjustment.adjustmentId} is in ${adjustment.amount.currency}, not the reporting currency ${reporting}`);
    const minor = minorOf(adjustment.amount.amount, exponentOf(reporting));
    adjustmentsMinor += minor;
    addLine(adjustment.costCenterId, minor, {
      kind: 'adjustment', description: `Adjustment of ${adjustment.correctsPeriod}: ${adjustment.reason}`, reportingAmount: wire(minor, reporting), postedOn: adjustment.postedOn,
      adjustmentId: adjustment.adjustmentId, correctsPeriod: adjustment.correctsPeriod, correctsStatementId: adjustment.correctsStatementId, correctsLineId: adjustment.correctsLineId,
    });
  }

  // 4. Statements in both currencies, with a rounding line where conversion needs one.
  const rounding: ReconciliationV1['rounding'] = [];
  const statements: StatementDraft[] = [...lines].sort(byKey(([id]) => id)).map(([costCenterId, drafted]) => {
    const center = requireCostCenter(costCenterId, 'A statement');
    let reportingTotal = 0n;
    let convertedSum = 0n;
    const inReporting = center.currency === reporting;
    const numbered: StatementLineV1[] = drafted.map(({ line, minor }, index) => {
      reportingTotal += minor;
      const converted = fromReporting(minor, center.currency, end);
      convertedSum += converted;
      return inCanonicalOrder({ lineId: String(index + 1), ...line, amount: inReporting ? line.reportingAmount : wire(converted, center.currency) });
    });
    const total = fromReporting(reportingTotal, center.currency, end);
    if (total !== convertedSum) {
      const reason = `${wire(reportingTotal, reporting).amount} ${reporting} is ${wire(total, center.currency).amount} ${center.currency} on ${end}; its lines, each converted, add up to ${wire(convertedSum, center.currency).amount}`;
      numbered.push(inCanonicalOrder({ lineId: String(numbered.length + 1), kind: 'rounding', description: reason, reportingAmount: wire(0n, reporting), amount: wire(total - convertedSum, center.currency), postedOn: end }));
      rounding.push({ costCenterId, amount: wire(total - convertedSum, center.currency), reason });
    }
    return { costCenterId, costCenterCode: center.code, currency: center.currency, reportingCurrency: reporting, total: wire(total, center.currency), reportingTotal: wire(reportingTotal, reporting), lines: numbered };
  });

  // The reconciliation, from independent sums.
  const sumRows = (values: readonly bigint[]) => values.reduce((a, b) => a + b, 0n);
  const ledgerTotal = sumRows([...byCurrency.values()].map((c) => c.reporting));
  const poolsTotal = sumRows(poolRows.map((row) => row.minor));
  const directTotal = sumRows([...direct.values()].flatMap((accounts) => [...accounts.values()].map((a) => a.minor)));
  const labourTotal = sumRows(serviceRows.map((row) => row.minor));
  const unallocatedTotal = sumRows(unallocated.map((line) => minorOf(line.amount.amount, exponentOf(reporting))));
  const statementsTotal = sumRows(statements.map((s) => minorOf(s.reportingTotal.amount, exponentOf(reporting))));
  const check = (name: string, left: bigint, right: bigint): ReconciliationCheckV1 => ({ name, left: wire(left, reporting), right: wire(right, reporting), balanced: left === right });
  const checks = [
    check('ledger = pools + direct', ledgerTotal, poolsTotal + directTotal),
    check('pools = allocated + unallocated', poolsTotal, sumRows(poolRows.map((row) => row.allocatedMinor + row.leftMinor))),
    check('labour = allocated + unallocated', labourTotal, sumRows(serviceRows.map((row) => row.allocatedMinor + row.leftMinor))),
    check(
      'statements = direct + pools allocated + labour allocated - credits + adjustments',
      statementsTotal,
      directTotal + sumRows(poolRows.map((row) => row.allocatedMinor)) + sumRows(serviceRows.map((row) => row.allocatedMinor)) - creditsMinor + adjustmentsMinor,
    ),
    check('statements + unallocated = ledger + labour - credits + adjustments', statementsTotal + unallocatedTotal, ledgerTotal + labourTotal - creditsMinor + adjustmentsMinor),
  ];
  const reconciliation: ReconciliationV1 = {
    currency: reporting,
    ledger: {
      lineCount: ledgerLineCount,
      total: wire(ledgerTotal, reporting),
      byCurrency: [...byCurrency].sort(byKey(([code]) => code)).map(([currency, c]) => ({ currency, lineCount: c.lines, amount: wire(c.minor, currency), reportingAmount: wire(c.reporting, reporting) })),
    },
    pools: poolRows.map(({ poolId, amount, allocated, unallocated: left }) => ({ poolId, amount, allocated, unallocated: left })),
    direct: [...direct].sort(byKey(([id]) => id)).map(([costCenterId, accounts]) => ({ costCenterId, amount: wire(sumRows([...accounts.values()].map((a) => a.minor)), reporting) })),
    services: serviceRows.map(({ serviceId, labour, allocated, unallocated: left }) => ({ serviceId, labour, allocated, unallocated: left })),
    consumers: statements.map((s) => ({ costCenterId: s.costCenterId, total: s.reportingTotal })),
    labour: wire(labourTotal, reporting),
    credits: wire(creditsMinor, reporting),
    adjustments: wire(adjustmentsMinor, reporting),
    unallocated,
    rounding,
    checks,
    balanced: checks.every((c) => c.balanced),
  };
  return { period, ledgerLineCount, reconciliation, statements, exchangeRates: [...rates.values()].sort(byKey((r) => `${r.from}/${r.to}/${r.day}`)) };
};
