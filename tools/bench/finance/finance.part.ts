import { createPgExecutor } from '@itsm/event-store';
import type { BenchPart } from '../shared/bench-part';
import { scaled, type BenchConfig } from '../shared/config';
import { createScratchDatabase } from '../shared/postgres-database';
import { formatInt, progress, writeJsonResult } from '../shared/report';
import { median } from '../shared/stats';
import { targetOutcome, type TargetOutcome } from '../shared/target-summary';
import { verdict } from '../shared/target-verdict';
import type { FinanceBenchSizes } from './finance-data';
import { openOurs, type OursClose } from './finance-ours';
import { loadBaseline, runBaseline, type BaselineTotals } from './finance-sql-baseline';
import { printFinanceTables, type FinanceBenchResult, type TimedFigure } from './finance.table';

const TARGET = 0.5;

const figure = (lines: number, byRoundMs: number[]): TimedFigure => {
  const ms = median(byRoundMs);
  return { ms: Math.round(ms * 10) / 10, linesPerSec: Math.round((lines / ms) * 1000), byRoundMs: byRoundMs.map((value) => Math.round(value * 10) / 10) };
};

/** Ours' figures against the baseline's, to the cent: per cost center, and per pool or service. */
const compare = (ours: OursClose, sql: BaselineTotals): FinanceBenchResult['comparison'] => {
  const mismatches = (left: Map<string, bigint>, right: Map<string, bigint>) =>
    [...new Set([...left.keys(), ...right.keys()])]
      .sort()
      .filter((id) => (left.get(id) ?? 0n) !== (right.get(id) ?? 0n))
      .map((id) => ({ id, ours: String(left.get(id) ?? 0n), sql: String(right.get(id) ?? 0n) }));
  // A source that allocated nothing (a service without usage) is absent from the SQL's join: compare what allocated something.
  const oursSources = new Map([...ours.sources].filter(([, cents]) => cents !== 0n));
  const sum = (values: Iterable<bigint>) => [...values].reduce((a, b) => a + b, 0n);
  return {
    costCenters: ours.consumers.size,
    costCenterMismatches: mismatches(ours.consumers, sql.consumers).map(({ id, ...rest }) => ({ costCenterId: id, ...rest })),
    sources: oursSources.size,
    sourceMismatches: mismatches(oursSources, sql.sources).map(({ id, ...rest }) => ({ sourceId: id, ...rest })),
    oursTotal: String(sum(ours.consumers.values())),
    sqlTotal: String(sum(sql.consumers.values())),
    unallocated: String(ours.unallocatedCents),
  };
};

const run = async (config: BenchConfig): Promise<readonly TargetOutcome[]> => {
  const sizes: FinanceBenchSizes = {
    ledgerLines: scaled(config, 100_000, 1_000),
    usageRecords: scaled(config, 50_000, 500),
    services: scaled(config, 1_000, 20),
    costCenters: scaled(config, 200, 10),
    pools: scaled(config, 50, 5),
    workLogs: scaled(config, 3_000, 60),
  };
  const scratch = await createScratchDatabase(config.databaseUrl, 'finance');
  const db = createPgExecutor({ connectionString: scratch.connectionString, max: 2 });
  const ours = await openOurs(scratch.connectionString, sizes).catch(async (error: unknown) => {
    await db.close();
    await scratch.drop();
    throw error;
  });
  try {
    progress(' finance: the same rows into the baseline’s plain tables');
    const loadStarted = performance.now();
    await loadBaseline(db, ours.data, ours.costCenters);
    const baselineLoadMs = performance.now() - loadStarted;

    // Contenders take turns (the first one rotates); the period runs again each round (it may while open).
    const runMs: number[] = [];
    const sqlMs: number[] = [];
    let sqlTotals: BaselineTotals | undefined;
    for (let round = 0; round < config.rounds; round++) {
      progress(` finance: round ${round + 1}/${config.rounds}`);
      const turns = [
        async () => runMs.push((await ours.run()).ms),
        async () => {
          const result = await runBaseline(db);
          sqlMs.push(result.ms);
          sqlTotals = result.totals;
        },
      ];
      for (const turn of round % 2 === 0 ? turns : [...turns].reverse()) await turn();
    }
    progress(' finance: closing the period (run, publish, close)');
    const closed = await ours.closePeriod();
    const closeMs = closed.runMs + closed.publishMs + closed.closeMs;
    const lines = sizes.ledgerLines;
    const sql = figure(lines, sqlMs);
    const close = figure(lines, [closeMs]);
    const result: FinanceBenchResult = {
      sizes,
      events: ours.events,
      seedMs: Math.round(ours.seedMs),
      baselineLoadMs: Math.round(baselineLoadMs),
      rounds: config.rounds,
      ours: {
        run: figure(lines, runMs),
        close: { ...close, runMs: Math.round(closed.runMs), publishMs: Math.round(closed.publishMs), closeMs: Math.round(closed.closeMs), statements: closed.statements, balanced: closed.balanced },
      },
      sql,
      ratio: close.linesPerSec / sql.linesPerSec,
      target: TARGET,
      comparison: compare(closed, sqlTotals as BaselineTotals),
    };
    printFinanceTables(result);
    progress(` wrote ${await writeJsonResult(config.resultsDir, 'finance', result)}`);
    const exact = result.comparison.costCenterMismatches.length === 0 && result.comparison.sourceMismatches.length === 0;
    return [
      targetOutcome(
        'finance',
        `period close of ${formatInt(lines)} ledger lines: ours ÷ SQL GROUP BY (lines/s)`,
        { value: `${formatInt(close.linesPerSec)} lines/s`, amount: close.linesPerSec, ratio: result.ratio },
        verdict(`≥ ${TARGET}× SQL, exact cents`, result.ratio >= TARGET && exact),
      ),
    ];
  } finally {
    await ours.close();
    await db.close();
    await scratch.drop();
  }
};

/**
 * IT finance at scale (issue 11: benchmark part `finance`): a period of 100,000 ledger lines, 50,000 usage records,
 * 1,000 services and 200 cost centers closed by the real run / publish / close path on PostgreSQL, side by side with
 * one plain SQL allocation of the same rows in integer cents; the totals compared to the cent.
 */
export const financePart: BenchPart = { name: 'finance', run: (config) => run(config) };
