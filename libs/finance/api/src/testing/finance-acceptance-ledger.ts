/*
 * The acceptance scenario's general ledger: 1,000 lines of March 2026 in EUR and USD, generated deterministically,
 * with the totals the scenario expects worked out here on whole cents (independently of the finance code).
 *
 * - Lines 1–10 are booked on the HR cost center directly (account 6100, EUR).
 * - Lines 11–1000 are booked on the ERP hosting cost pool (accounts 6200 and 6300), odd lines in EUR, even ones in
 *   USD. USD amounts are whole dimes, so at the scenario's rates (0.9 up to 15 March, 0.8 from 16 March) every
 *   conversion is exact and the pool's total in EUR is a plain sum.
 * - The last line (EUR) is chosen so that the pool's total ends in 5 cents: 40 / 30 / 30 % of it leaves exactly one
 *   cent, with equal remainders (half a cent) on both 30 % shares.
 */

export const LEDGER_PERIOD = '2026-03';
export const LEDGER_LINE_COUNT = 1_000;
const DIRECT_LINES = 10;

/** USD → EUR by posting day, as the scenario enters them through the API. */
export const USD_TO_EUR = [
  { date: '2026-03-01', rate: '0.9', tenths: 9n },
  { date: '2026-03-16', rate: '0.8', tenths: 8n },
] as const;

export interface AcceptanceLedgerLine {
  lineNumber: number;
  date: string;
  account: string;
  costPool: string;
  costCenter: string;
  cents: bigint;
  currency: 'EUR' | 'USD';
  sourceReference: string;
  description: string;
}

export interface AcceptanceLedger {
  csv: string;
  lines: AcceptanceLedgerLine[];
  /** HR's direct lines in EUR cents. */
  directCents: bigint;
  /** The pool's lines converted to EUR cents at the rate of each line's day. */
  poolCents: bigint;
  eurLineCount: number;
  usdLineCount: number;
  eurCents: bigint;
  usdCents: bigint;
}

const decimal = (cents: bigint): string => {
  const sign = cents < 0n ? '-' : '';
  const magnitude = cents < 0n ? -cents : cents;
  return `${sign}${magnitude / 100n}.${String(magnitude % 100n).padStart(2, '0')}`;
};

/** EUR cents of an amount in cents of `currency` posted on `day` (exact: USD amounts are whole dimes). */
const toEurCents = (cents: bigint, currency: 'EUR' | 'USD', day: string): bigint => {
  if (currency === 'EUR') return cents;
  const rate = [...USD_TO_EUR].reverse().find((entry) => entry.date <= day);
  if (rate === undefined || cents % 10n !== 0n) throw new Error(`No exact USD rate for ${day}`);
  return (cents * rate.tenths) / 10n;
};

export const centsToDecimal = decimal;

export const acceptanceLedger = (poolId: string): AcceptanceLedger => {
  const lines: AcceptanceLedgerLine[] = [];
  for (let n = 1; n < LEDGER_LINE_COUNT; n++) {
    const date = `2026-03-${String(1 + (n % 31)).padStart(2, '0')}`;
    if (n <= DIRECT_LINES) {
      lines.push({ lineNumber: n, date, account: '6100', costPool: '', costCenter: 'HR', cents: BigInt(10_000 + n * 101), currency: 'EUR', sourceReference: `JE-${n}`, description: 'Training' });
      continue;
    }
    const currency = n % 2 === 0 ? 'USD' : 'EUR';
    const cents = currency === 'USD' ? BigInt(10 * (100 + ((n * 104_729) % 5_000))) : BigInt(1_000 + ((n * 7_919) % 50_000));
    lines.push({ lineNumber: n, date, account: n % 3 === 0 ? '6300' : '6200', costPool: poolId, costCenter: '', cents, currency, sourceReference: `JE-${n}`, description: currency === 'USD' ? 'Hosting US' : 'Hosting EU' });
  }
  const poolSoFar = lines.filter((line) => line.costPool !== '').reduce((sum, line) => sum + toEurCents(line.cents, line.currency, line.date), 0n);
  const last = 12_340n + ((5n - ((poolSoFar + 12_340n) % 10n) + 10n) % 10n);
  lines.push({ lineNumber: LEDGER_LINE_COUNT, date: '2026-03-31', account: '6200', costPool: poolId, costCenter: '', cents: last, currency: 'EUR', sourceReference: `JE-${LEDGER_LINE_COUNT}`, description: 'Hosting EU' });

  const header = 'date,account,cost_pool,cost_center,amount,currency,source_reference,description';
  const csv = [header, ...lines.map((l) => [l.date, l.account, l.costPool, l.costCenter, decimal(l.cents), l.currency, l.sourceReference, l.description].join(','))].join('\n') + '\n';
  const sum = (of: AcceptanceLedgerLine[], cents: (line: AcceptanceLedgerLine) => bigint) => of.reduce((total, line) => total + cents(line), 0n);
  const [eur, usd] = [lines.filter((l) => l.currency === 'EUR'), lines.filter((l) => l.currency === 'USD')];
  return {
    csv,
    lines,
    directCents: sum(lines.filter((l) => l.costCenter !== ''), (l) => l.cents),
    poolCents: sum(lines.filter((l) => l.costPool !== ''), (l) => toEurCents(l.cents, l.currency, l.date)),
    eurLineCount: eur.length,
    usdLineCount: usd.length,
    eurCents: sum(eur, (l) => l.cents),
    usdCents: sum(usd, (l) => l.cents),
  };
};
