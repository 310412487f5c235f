import { loadavg } from 'node:os';
import { formatInt, formatMs, renderTable } from '../shared/report';
import type { ContenderId, HttpTarget } from './http-contenders';
import type { HttpTargetCheck } from './http-targets';

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
  /** req/s ratios, when both ran: distributed ÷ embedded, and embedded (ours) ÷ each plain NestJS app. */
  ratios: { distributedToEmbedded: number | null; toNestPg: number | null; toBareNest: number | null };
}

const cell = (measurement: HttpMeasurement | undefined, reason: string): string =>
  measurement
    ? [
        `${formatInt(measurement.requestsPerSec)} req/s`,
        `p50 ${formatMs(measurement.p50Ms)} · p99 ${formatMs(measurement.p99Ms)} ms`,
        `${formatInt(measurement.non2xx)} non-2xx${measurement.errors ? `, ${formatInt(measurement.errors)} errors` : ''}`,
      ].join('\n')
    : reason;

const ratioOfRates = (top: HttpMeasurement | undefined, bottom: HttpMeasurement | undefined): number | null =>
  top && bottom && bottom.requestsPerSec > 0 ? top.requestsPerSec / bottom.requestsPerSec : null;

const times = (ratio: number | null) => (ratio === null ? 'n/a' : `${ratio.toFixed(2)}×`);

export const printHttpTable = (results: readonly HttpCaseResult[], checks: readonly HttpTargetCheck[], connections: number, secondsPerContender: number): void => {
  const rows = results.map((result) => [
    `${result.title}\non ${result.target}`,
    cell(result.byContender.embedded, 'not run'),
    cell(result.byContender.distributed, result.target === 'embedded' ? 'n/a (needs a PostgreSQL server)' : 'not run'),
    cell(result.byContender['bare-nest'], 'not run'),
    cell(result.byContender['nest-pg'], 'not run'),
    [`÷ NestJS + pg ${times(result.ratios.toNestPg)}`, `÷ bare NestJS ${times(result.ratios.toBareNest)}`, `distributed ÷ ${times(result.ratios.distributedToEmbedded)}`].join('\n'),
  ]);
  const load = loadavg().map((value) => value.toFixed(1)).join(' / ');
  const title = `HTTP API throughput (autocannon, ${connections} connections, ${secondsPerContender} s per contender and case; median round; higher req/s is better; load average ${load})`;
  const head = ['case', 'embedded (apps/platform)', 'distributed (gateway → service-catalog)', 'bare NestJS (constant JSON)', 'NestJS + pg CRUD', 'embedded ÷ …'];
  const adapters = renderTable({
    title: 'Fastify as a contender (issue 14, point 3): the same apps on Fastify ÷ on Express, in req/s',
    head: ['case', 'bare NestJS on Fastify', 'Fastify ÷ Express', 'NestJS + pg CRUD on Fastify', 'Fastify ÷ Express'],
    rows: results.map((result) => [
      `${result.title}\non ${result.target}`,
      cell(result.byContender['bare-nest-fastify'], 'not run'),
      times(ratioOfRates(result.byContender['bare-nest-fastify'], result.byContender['bare-nest'])),
      cell(result.byContender['nest-pg-fastify'], 'not run'),
      times(ratioOfRates(result.byContender['nest-pg-fastify'], result.byContender['nest-pg'])),
    ]),
  });
  const targets = renderTable({
    title: 'HTTP targets (issue 14, point 3)',
    head: ['target', 'figure', 'goal', ''],
    rows: checks.map((check) => [check.target, check.figure, check.goal, check.met ? 'met' : 'MISSED']),
  });
  process.stdout.write(`\n${renderTable({ title, head, rows })}\n\n${adapters}\n\n${targets}\n`);
};
