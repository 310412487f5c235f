import { formatInt, formatMs, renderTable } from '../shared/report';
import { verdict, verdictText } from '../shared/target-verdict';
import type { CaseResult, Percentiles } from './changes-bench';

export interface ChangesBenchResult {
  services: number;
  dependencyEdges: number;
  scheduledChanges: number;
  freezeWindows: number;
  majorIncidents: number;
  events: number;
  seed: { ms: number; eventsPerSec: number };
  readModels: { ms: number; eventsPerSec: number };
  iterations: number;
  pageSize: number;
  newChangeCheck: CaseResult & { targetMs: number };
  monthSchedule: CaseResult & { targetMs: number };
}

const pair = ({ p50, p99, samples }: Percentiles): string => (samples === 0 ? 'n/a' : `${formatMs(p50)} / ${formatMs(p99)}`);

/** A case's p99 against its target. */
export const changesCaseVerdict = (result: CaseResult & { targetMs: number }) => verdict(`p99 < ${result.targetMs} ms`, result.ours.p99 < result.targetMs);

/** The cases that have a target, with their names in the tables. */
export const changesTargetCases = (result: ChangesBenchResult): [string, CaseResult & { targetMs: number }][] => [
  ['conflict check of a new change', result.newChangeCheck],
  [`a month's schedule, first page of ${result.pageSize} with their conflicts`, result.monthSchedule],
];

const row = (name: string, result: CaseResult & { targetMs: number }): string[] => [
  name,
  pair(result.ours),
  pair(result.naive),
  `${(result.naive.p99 / result.ours.p99).toFixed(1)}×`,
  `${result.meanFound.ours} / ${result.meanFound.naive}`,
  String(result.disagreements),
  verdictText(changesCaseVerdict(result)),
];

export const printChangesTables = (result: ChangesBenchResult): void => {
  const size = `${formatInt(result.scheduledChanges)} scheduled changes over ${formatInt(result.services)} services (${formatInt(result.dependencyEdges)} dependency edges), ${result.freezeWindows} freezes, ${result.majorIncidents} major incidents`;
  process.stdout.write(
    `\n${renderTable({
      title: `Change conflicts on PostgreSQL, ${size}: ms p50 / p99 over ${result.iterations} varied asks per contender; ours = ConflictQueries / ScheduleQueries (GiST range indexes, graph in memory), naive = plain overlap SQL with recursive CTEs`,
      head: ['case', 'ours', 'naive', 'naive ÷ ours (p99)', 'conflicts found per ask (ours / naive)', 'asks answered differently', 'target'],
      rows: changesTargetCases(result).map(([name, caseResult]) => row(name, caseResult)),
    })}\n\n${renderTable({
      title: 'Changes: seed and projections',
      head: ['step', 'figure', 'detail'],
      rows: [
        ['seed: catalog, freezes, major incidents, scheduled changes (multi-stream appends)', `${formatInt(result.seed.eventsPerSec)} events/s`, `${formatInt(result.events)} events in ${(result.seed.ms / 1000).toFixed(1)} s`],
        ['read models catch-up (change_schedule, catalog and incidents copies)', `${formatInt(result.readModels.eventsPerSec)} events/s`, `${(result.readModels.ms / 1000).toFixed(1)} s`],
      ],
    })}\n`,
  );
};
