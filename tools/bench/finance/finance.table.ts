import { formatInt, formatMs, renderTable } from '../shared/report';
import { verdict, verdictText } from '../shared/target-verdict';
import type { FinanceBenchSizes } from './finance-data';

export interface TimedFigure {
  /** Median over the rounds (or the one measurement). */
  ms: number;
  linesPerSec: number;
  byRoundMs: number[];
}

export interface FinanceBenchResult {
  sizes: FinanceBenchSizes;
  events: number;
  seedMs: number;
  baselineLoadMs: number;
  rounds: number;
  ours: {
    run: TimedFigure;
    close: TimedFigure & { runMs: number; publishMs: number; closeMs: number; statements: number; balanced: boolean };
  };
  sql: TimedFigure;
  /** ours' close lines/s ÷ the SQL baseline's. */
  ratio: number;
  target: number;
  comparison: {
    costCenters: number;
    costCenterMismatches: { costCenterId: string; ours: string; sql: string }[];
    sources: number;
    sourceMismatches: { sourceId: string; ours: string; sql: string }[];
    oursTotal: string;
    sqlTotal: string;
    unallocated: string;
  };
}

const cell = (figure: TimedFigure) => [`${formatMs(figure.ms)} ms`, `${formatInt(figure.linesPerSec)}`, figure.byRoundMs.map((ms) => formatMs(ms)).join(' / ')];

export const printFinanceTables = (result: FinanceBenchResult): void => {
  const { sizes, comparison } = result;
  const size = `${formatInt(sizes.ledgerLines)} ledger lines (EUR, USD), ${formatInt(sizes.usageRecords)} usage records, ${formatInt(sizes.services)} services, ${formatInt(sizes.costCenters)} cost centers, ${sizes.pools} pools, ${formatInt(sizes.workLogs)} work logs`;
  process.stdout.write(
    `\n${renderTable({
      title: `Finance period close on PostgreSQL, ${size}: ours = RunPeriodHandler / PublishStatementsHandler / ClosePeriodHandler (what the API's run, publish and close call), SQL = one GROUP BY + window-function allocation in integer cents over the same rows in plain tables`,
      head: ['contender', 'time (median)', 'ledger lines/s', 'per round (ms)', 'target'],
      rows: [
        ['ours: run the period (read the log, convert, allocate, reconcile, record the run)', ...cell(result.ours.run), ''],
        [
          `ours: close = run ${formatMs(result.ours.close.runMs)} + publish ${formatMs(result.ours.close.publishMs)} (${result.ours.close.statements} statements, hashed) + close ${formatMs(result.ours.close.closeMs)} ms`,
          ...cell(result.ours.close),
          verdictText(verdict(`≥ ${result.target}× SQL lines/s (${result.ratio.toFixed(2)}×)`, result.ratio >= result.target)),
        ],
        ['SQL GROUP BY allocation (one statement, plain tables)', ...cell(result.sql), ''],
      ],
    })}\n\n${renderTable({
      title: 'Finance: the same cents? (ours = the run’s reconciliation, in the reporting currency)',
      head: ['check', 'compared', 'mismatches', 'detail'],
      rows: [
        ['total per cost center (direct + pools + services)', String(comparison.costCenters), String(comparison.costCenterMismatches.length), comparison.costCenterMismatches.slice(0, 3).map((m) => `${m.costCenterId}: ${m.ours} vs ${m.sql}`).join('\n') || `ours ${comparison.oursTotal}, SQL ${comparison.sqlTotal} cents`],
        ['allocated per pool and per service', String(comparison.sources), String(comparison.sourceMismatches.length), comparison.sourceMismatches.slice(0, 3).map((m) => `${m.sourceId}: ${m.ours} vs ${m.sql}`).join('\n') || 'equal'],
        ['ours balanced (every layer = the ledger)', '', result.ours.close.balanced ? '0' : '1', `unallocated ${comparison.unallocated} cents (services with labour and no usage)`],
      ],
    })}\n\n${renderTable({
      title: 'Finance: seed (through the handlers the API calls) and the baseline’s load',
      head: ['step', 'figure'],
      rows: [
        ['seed: cost centers, pools, services, incidents, rates, rules, usage batches, ledger CSV imports', `${formatInt(result.events)} events in ${(result.seedMs / 1000).toFixed(1)} s`],
        ['baseline: the same rows into plain tables (unnest INSERTs, ANALYZE)', `${(result.baselineLoadMs / 1000).toFixed(1)} s`],
      ],
    })}\n`,
  );
};
