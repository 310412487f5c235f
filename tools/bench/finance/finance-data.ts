import { randomUUID } from 'node:crypto';
import { prng, type Random } from '../changes/changes-seed';

/*
 * The finance bench's data, generated once and given to both contenders: the same cost centers, pools and their
 * percentage shares, services, ledger lines, usage records, work logs and exchange rates. Amounts are integer cents.
 */

export const BENCH_PERIOD = '2026-03';
export const REPORTING_CURRENCY = 'EUR';
/** The rate card's agent rate, cents an hour (73.35 EUR: most work logs round). */
export const AGENT_RATE_CENTS = 7_335n;

export interface FinanceBenchSizes {
  ledgerLines: number;
  usageRecords: number;
  services: number;
  costCenters: number;
  pools: number;
  workLogs: number;
}

export interface BenchCostCenter {
  id: string;
  code: string;
  currency: 'EUR' | 'USD';
}

export interface BenchPool {
  id: string;
  /** In the rule's order: the order breaks ties of the largest remainder. */
  shares: { consumerCostCenterId: string; basisPoints: number }[];
}

export interface BenchLedgerLine {
  postedOn: string;
  account: string;
  target: { kind: 'cost-pool' | 'cost-center'; id: string; code?: string };
  cents: bigint;
  currency: 'EUR' | 'USD';
}

export interface BenchUsageRecord {
  serviceId: string;
  consumerCostCenterId: string;
  quantity: number;
  postedOn: string;
}

export interface BenchWorkLog {
  incidentId: string;
  number: string;
  serviceId: string;
  minutes: number;
  loggedAt: string;
}

export interface BenchRate {
  from: string;
  to: string;
  date: string;
  rate: string;
}

export interface FinanceBenchData {
  sizes: FinanceBenchSizes;
  serviceIds: string[];
  pools: BenchPool[];
  ledger: BenchLedgerLine[];
  usage: BenchUsageRecord[];
  work: BenchWorkLog[];
  rates: BenchRate[];
}

const ACCOUNTS = ['6100', '6200', '6300', '6400', '6500'];
const day = (random: Random) => `${BENCH_PERIOD}-${String(1 + random.int(31)).padStart(2, '0')}`;

/** Basis points (1/100 of a percent) for `count` consumers, adding up to exactly 100.00 %. */
const basisPoints = (random: Random, count: number): number[] => {
  const weights = Array.from({ length: count }, () => 1 + random.int(1_000));
  const total = weights.reduce((a, b) => a + b, 0);
  const points = weights.map((weight) => Math.floor((weight * 10_000) / total));
  points[0] += 10_000 - points.reduce((a, b) => a + b, 0);
  return points;
};

export const percentOf = (points: number): string => `${Math.floor(points / 100)}.${String(points % 100).padStart(2, '0')}`;

/** Cost centers are opened first (their ids are the handler's); the rest is generated for them. */
export const costCenterSpecs = (count: number): Omit<BenchCostCenter, 'id'>[] =>
  Array.from({ length: count }, (_, index) => ({ code: `CC${String(index + 1).padStart(4, '0')}`, currency: index % 5 === 4 ? 'USD' : 'EUR' }));

export const generateFinanceData = (sizes: FinanceBenchSizes, costCenters: readonly BenchCostCenter[], poolIds: readonly string[]): FinanceBenchData => {
  const random = prng(11);
  const serviceIds = Array.from({ length: sizes.services }, () => randomUUID());
  const pools: BenchPool[] = poolIds.map((id) => {
    const consumers = [...costCenters].sort(() => random.next() - 0.5).slice(0, Math.min(costCenters.length, 3 + random.int(8)));
    const points = basisPoints(random, consumers.length);
    return { id, shares: consumers.map((center, index) => ({ consumerCostCenterId: center.id, basisPoints: points[index] })) };
  });
  const ledger: BenchLedgerLine[] = Array.from({ length: sizes.ledgerLines }, () => {
    const onPool = random.next() < 0.85;
    const center = random.pick(costCenters);
    return {
      postedOn: day(random),
      account: random.pick(ACCOUNTS),
      target: onPool ? { kind: 'cost-pool', id: random.pick(poolIds) } : { kind: 'cost-center', id: center.id, code: center.code },
      cents: BigInt(100 + random.int(500_000)),
      currency: random.next() < 0.3 ? 'USD' : 'EUR',
    };
  });
  const usage: BenchUsageRecord[] = Array.from({ length: sizes.usageRecords }, () => ({
    serviceId: random.pick(serviceIds),
    consumerCostCenterId: random.pick(costCenters).id,
    quantity: 1 + random.int(100),
    postedOn: day(random),
  }));
  const work: BenchWorkLog[] = Array.from({ length: sizes.workLogs }, (_, index) => ({
    incidentId: randomUUID(),
    number: `INC${String(index + 1).padStart(7, '0')}`,
    serviceId: serviceIds[index % serviceIds.length],
    minutes: 5 + random.int(236),
    loggedAt: `${day(random)}T10:00:00.000Z`,
  }));
  // USD → EUR every day of the month (four decimals: conversions round); EUR → USD for the USD statements.
  const rates: BenchRate[] = Array.from({ length: 31 }, (_, index) => ({ from: 'USD', to: 'EUR', date: `${BENCH_PERIOD}-${String(index + 1).padStart(2, '0')}`, rate: `0.9${String(1_000 + random.int(900)).slice(1)}` }));
  rates.push({ from: 'EUR', to: 'USD', date: `${BENCH_PERIOD}-01`, rate: '1.0873' });
  return { sizes, serviceIds, pools, ledger, usage, work, rates };
};

const decimal = (cents: bigint) => `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;

/** The ledger as CSV files of at most `linesPerFile` lines (what `POST /finance/ledger-imports` takes). */
export const ledgerFiles = (ledger: readonly BenchLedgerLine[], linesPerFile: number): string[] => {
  const files: string[] = [];
  for (let start = 0; start < ledger.length; start += linesPerFile) {
    const rows = ledger.slice(start, start + linesPerFile).map((line, index) =>
      [line.postedOn, line.account, line.target.kind === 'cost-pool' ? line.target.id : '', line.target.kind === 'cost-center' ? line.target.code : '', decimal(line.cents), line.currency, `JE-${start + index + 1}`, 'bench'].join(','),
    );
    files.push(`date,account,cost_pool,cost_center,amount,currency,source_reference,description\n${rows.join('\n')}\n`);
  }
  return files;
};
