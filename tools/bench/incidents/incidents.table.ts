import { formatInt, formatMs, renderTable } from '../shared/report';
import { verdictText, verdict } from '../shared/target-verdict';
import type { AsOfResult } from './incident-as-of-bench';
import type { ListCaseResult, Percentiles } from './incident-list-bench';

export interface SeedRate {
  incidents: number;
  ms: number;
  eventsPerSec: number;
  incidentsPerSec: number;
  writers: number;
}

const seedRow = (name: string, rate: SeedRate): string[] => [
  name,
  `${formatInt(rate.eventsPerSec)} events/s`,
  `${formatInt(rate.incidents)} incidents in ${(rate.ms / 1000).toFixed(1)} s, ${formatInt(rate.incidentsPerSec)} incidents/s, ${rate.writers} writers`,
];

export interface IncidentsBenchResult {
  incidents: number;
  events: number;
  seed: { perIncident: SeedRate; perCommand: SeedRate };
  readModels: { ms: number; eventsPerSec: number };
  pageSize: number;
  iterations: number;
  list: ListCaseResult[];
  asOf: AsOfResult;
}

const LIST_TARGET_MS = 50;
const SEARCH_TARGET_MS = 200;

const pair = ({ p50, p99, samples }: Percentiles): string => (samples === 0 ? 'n/a' : `${formatMs(p50)} / ${formatMs(p99)}`);
const ratio = (naive: Percentiles, ours: Percentiles): string =>
  naive.samples === 0 || ours.samples === 0 ? 'n/a' : `${(naive.p99 / ours.p99).toFixed(1)}×`;

/** The worst p99 of a case: its first or its deep page. */
export const worstP99 = (result: ListCaseResult): number =>
  Math.max(result.keysetFirst.p99, result.keysetDeep.samples ? result.keysetDeep.p99 : 0);

/** The worst p99 of a case against its target. */
export const caseVerdict = (result: ListCaseResult) => {
  const target = result.textSearch ? SEARCH_TARGET_MS : LIST_TARGET_MS;
  return verdict(`p99 < ${target} ms`, worstP99(result) < target);
};

export const printIncidentsTables = (result: IncidentsBenchResult): void => {
  const size = `${formatInt(result.incidents)} incidents, ${formatInt(result.events)} events`;
  const rows = result.list.map((row) => [
    row.name,
    pair(row.keysetFirst),
    pair(row.naiveFirst),
    `${pair(row.keysetDeep)}`,
    `${pair(row.naiveDeep)}`,
    row.keysetDeep.samples ? formatInt(row.deepOffset) : 'n/a',
    ratio(row.naiveDeep, row.keysetDeep),
    verdictText(caseVerdict(row)),
  ]);
  const listTitle = `Incident list on PostgreSQL, ${size}: ms p50 / p99 over ${result.iterations} varied queries per cell, pages of ${result.pageSize}; ours = keyset (cursor), naive = same query with OFFSET`;
  const summaryRows = [
    seedRow('seed: incident handlers on staged streams, 50 incidents per append', result.seed.perIncident),
    seedRow('seed: incident handlers, one append per command (as the API)', result.seed.perCommand),
    ['read models catch-up (incident_list + history)', `${formatInt(result.readModels.eventsPerSec)} events/s`, `${(result.readModels.ms / 1000).toFixed(1)} s`],
    ['GET ?asOf fold (ms p50 / p99), middle of the stream', pair(result.asOf.asOf), `${result.asOf.meanEventsPerStream} events per stream; full fold ${pair(result.asOf.current)}`],
  ];
  process.stdout.write(
    `\n${renderTable({
      title: listTitle,
      head: ['filter', 'ours first', 'naive first', 'ours deep', 'naive deep', 'deep offset', 'naive ÷ ours (deep p99)', 'target'],
      rows,
    })}\n\n${renderTable({ title: `Incidents: seed, projection, asOf (${size})`, head: ['case', 'figure', 'detail'], rows: summaryRows })}\n`,
  );
};
