import { formatInt, formatMs, renderTable } from '../shared/report';
import type { ContenderId, HttpTarget } from './http-contenders';

/** One contender's figures for one case on one target, over its rounds. */
export interface HttpMeasurement {
  /** Median round. */
  requestsPerSec: number;
  /** Medians of the rounds' percentiles. */
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
  requestsPerSecByRound: number[];
}

export interface HttpCaseResult {
  caseId: string;
  title: string;
  target: HttpTarget;
  byContender: Partial<Record<ContenderId, HttpMeasurement>>;
  /** distributed ÷ embedded requests/s, when both ran. */
  ratio: number | null;
}

const cell = (measurement: HttpMeasurement | undefined, reason: string): string =>
  measurement
    ? [
        `${formatInt(measurement.requestsPerSec)} req/s`,
        `p50 ${formatMs(measurement.p50Ms)} · p99 ${formatMs(measurement.p99Ms)} ms`,
        `${formatInt(measurement.non2xx)} non-2xx${measurement.errors ? `, ${formatInt(measurement.errors)} errors` : ''}`,
      ].join('\n')
    : reason;

export const printHttpTable = (results: readonly HttpCaseResult[], connections: number, secondsPerContender: number): void => {
  const rows = results.map((result) => [
    `${result.title}\non ${result.target}`,
    cell(result.byContender.embedded, 'not run'),
    cell(result.byContender.distributed, result.target === 'embedded' ? 'n/a (needs a PostgreSQL server)' : 'not run'),
    result.ratio === null ? 'n/a' : `${result.ratio.toFixed(2)}×`,
  ]);
  const title = `HTTP API throughput (autocannon, ${connections} connections, ${secondsPerContender} s per contender and case; median round; higher req/s is better)`;
  process.stdout.write(
    `\n${renderTable({ title, head: ['case', 'embedded (apps/platform)', 'distributed (gateway → service-catalog)', 'distributed ÷ embedded'], rows })}\n`,
  );
};
