import { cpus, loadavg } from 'node:os';
import { signAccessToken } from '@itsm/platform-kit';
import type { BenchPart } from '../shared/bench-part';
import type { BenchConfig } from '../shared/config';
import { progress, writeJsonResult } from '../shared/report';
import { median } from '../shared/stats';
import { BENCH_JWT_SECRET, HTTP_CONTENDERS, type ContenderId, type HttpTarget, type RunningContender } from './http-contenders';
import { HTTP_CASES, serviceBody, type CaseContext } from './http-cases';
import { targetOutcome } from '../shared/target-summary';
import { verdict } from '../shared/target-verdict';
import { checkHttpTargets, ratioOf } from './http-targets';
import { printHttpTable, type HttpCaseResult, type HttpMeasurement } from './http.table';
import { runLoad, type LoadFigures } from './run-load';

const CONNECTIONS = 10;
/** Seconds of load per contender and case at BENCH_SCALE=1, split over the rounds. */
const SECONDS_PER_CASE = 10;
const WARM_UP_SECONDS = 1;
/** Services registered before the clock starts, for the read case to cycle through. */
const SEEDED_SERVICES = 100;

const TARGETS: readonly HttpTarget[] = ['embedded', 'postgres'];

const summarize = (rounds: readonly LoadFigures[]): HttpMeasurement => ({
  requestsPerSec: Math.round(median(rounds.map((round) => round.requestsPerSec))),
  p50Ms: median(rounds.map((round) => round.p50Ms)),
  p99Ms: median(rounds.map((round) => round.p99Ms)),
  requests: rounds.reduce((sum, round) => sum + round.requests, 0),
  non2xx: rounds.reduce((sum, round) => sum + round.non2xx, 0),
  errors: rounds.reduce((sum, round) => sum + round.errors, 0),
  requestsPerSecByRound: rounds.map((round) => round.requestsPerSec),
});

/** Registers the services the read case cycles through (a few in flight, as a client would). */
const seedServices = async (baseUrl: string, token: string): Promise<string[]> => {
  const ids: string[] = [];
  const register = async (index: number) => {
    const response = await fetch(`${baseUrl}/api/v1/services`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: serviceBody(`seeded-${index}`),
    });
    if (response.status !== 201) throw new Error(`Seeding a service answered ${response.status}: ${await response.text()}`);
    ids.push(((await response.json()) as { id: string }).id);
  };
  for (let index = 0; index < SEEDED_SERVICES; index += 4) await Promise.all([0, 1, 2, 3].map((offset) => register(index + offset)));
  return ids;
};

const runTarget = async (target: HttpTarget, config: BenchConfig, token: string, secondsPerRound: number): Promise<HttpCaseResult[]> => {
  const contenders = HTTP_CONTENDERS.filter((contender) => contender.targets.includes(target));
  const running: Array<{ id: ContenderId; app: RunningContender; context: CaseContext }> = [];
  try {
    for (const contender of contenders) {
      progress(`[http] ${target}: starting ${contender.title}`);
      const app = await contender.start(target, config);
      running.push({ id: contender.id, app, context: { token, serviceIds: [] } });
      running[running.length - 1].context = { token, serviceIds: await seedServices(app.baseUrl, token) };
    }
    const results: HttpCaseResult[] = [];
    for (const benchCase of HTTP_CASES) {
      const rounds = new Map<ContenderId, LoadFigures[]>(running.map(({ id }) => [id, []]));
      for (const { app, context } of running) await runLoad(app.baseUrl, benchCase.request(context), CONNECTIONS, WARM_UP_SECONDS);
      for (let round = 0; round < config.rounds; round++) {
        // Contenders take turns, the first one rotating, so neither always runs on a cooler machine.
        const order = running.map((_, index) => running[(index + round) % running.length]);
        for (const { id, app, context } of order) {
          const figures = await runLoad(app.baseUrl, benchCase.request(context), CONNECTIONS, secondsPerRound);
          rounds.get(id)!.push(figures);
          progress(`[http] ${target} ${benchCase.id} ${id} round ${round + 1}/${config.rounds}: ${figures.requestsPerSec} req/s, p99 ${figures.p99Ms} ms, ${figures.non2xx} non-2xx`);
        }
      }
      const byContender = Object.fromEntries([...rounds].map(([id, figures]) => [id, summarize(figures)])) as HttpCaseResult['byContender'];
      const ours = byContender.embedded?.requestsPerSec;
      results.push({
        caseId: benchCase.id,
        title: benchCase.title,
        target,
        byContender,
        ratios: {
          distributedToEmbedded: ratioOf(byContender.distributed?.requestsPerSec, ours),
          toNestPg: ratioOf(ours, byContender['nest-pg']?.requestsPerSec),
          toBareNest: ratioOf(ours, byContender['bare-nest']?.requestsPerSec),
        },
      });
    }
    return results;
  } finally {
    for (const { app } of running) await app.stop();
  }
};

export const httpPart: BenchPart = {
  name: 'http',
  async run(config) {
    const secondsPerRound = Math.max(1, Math.round((SECONDS_PER_CASE * config.scale) / config.rounds));
    const token = await signAccessToken({ sub: 'bench', name: 'Bench', roles: ['admin'] }, { secret: new TextEncoder().encode(BENCH_JWT_SECRET) });
    const results: HttpCaseResult[] = [];
    for (const target of TARGETS.filter((name) => !config.targets || config.targets.includes(name))) {
      results.push(...(await runTarget(target, config, token, secondsPerRound)));
    }
    const checks = checkHttpTargets(results);
    printHttpTable(results, checks, CONNECTIONS, secondsPerRound * config.rounds);
    const path = await writeJsonResult(config.resultsDir, 'http', {
      part: 'http',
      finishedAt: new Date().toISOString(),
      scale: config.scale,
      machine: { cpus: cpus().length, node: process.version, loadAverage: loadavg() },
      load: { generator: 'autocannon', connections: CONNECTIONS, secondsPerRound, rounds: config.rounds, warmUpSeconds: WARM_UP_SECONDS, seededServices: SEEDED_SERVICES },
      shapes: {
        embedded: 'apps/platform as a child process (ts-node), ITSM_RATE_LIMIT=0',
        distributed: `apps/gateway → apps/service-catalog, two child processes on one PostgreSQL database; ITSM_RATE_LIMIT=0 on both (no limit)`,
        'bare-nest': 'tools/bench/http/contenders/bare-nest: NestJS on Express, a constant JSON body on every route',
        'nest-pg': 'tools/bench/http/contenders/nest-pg-crud: NestJS + pg, same DTO, validation pipe and JWT verifier; one INSERT / SELECT per request',
        'bare-nest-fastify': 'bare-nest on @nestjs/platform-fastify (BENCH_HTTP_ADAPTER=fastify)',
        'nest-pg-fastify': 'nest-pg-crud on @nestjs/platform-fastify (BENCH_HTTP_ADAPTER=fastify)',
      },
      results,
      targets: checks,
    });
    progress(`http results written to ${path}`);
    return checks.map((check) => targetOutcome('http', check.target, { value: check.figure, amount: check.amount, ratio: check.ratio }, verdict(check.goal, check.met)));
  },
};
