import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchConfig } from '../shared/config';
import { createScratchDatabase } from '../shared/postgres-database';
import { startBenchApp, startBenchScript, type BenchAppProcess } from './app-process';
import type { BenchHttpAdapter } from './contenders/create-app';

export const BENCH_JWT_SECRET = 'http-bench-secret-of-at-least-32-characters';

/** Every app runs like this: no rate limit (load comes from one caller), quiet logs, the same key. */
const COMMON = { ITSM_RATE_LIMIT: '0', LOG_LEVEL: 'warn', ITSM_JWT_SECRET: BENCH_JWT_SECRET };

export type HttpTarget = 'embedded' | 'postgres';
export type ContenderId = 'embedded' | 'distributed' | 'bare-nest' | 'nest-pg' | 'bare-nest-fastify' | 'nest-pg-fastify';

export interface RunningContender {
  /** Where the load goes. */
  baseUrl: string;
  stop(): Promise<void>;
}

export interface HttpContender {
  id: ContenderId;
  title: string;
  /** Targets this shape runs on (the distributed services need a PostgreSQL server). */
  targets: readonly HttpTarget[];
  start(target: HttpTarget, config: BenchConfig): Promise<RunningContender>;
}

const stopAll = async (parts: Array<{ stop(): Promise<void> }>) => {
  for (const part of [...parts].reverse()) await part.stop();
};

/** A temp ITSM_DATA_DIR (the embedded PostgreSQL lives there on the embedded target) and, on postgres, a scratch database. */
const storage = async (target: HttpTarget, config: BenchConfig, label: string) => {
  const dataDir = mkdtempSync(join(tmpdir(), `itsm-bench-${label}-`));
  const database = target === 'postgres' ? await createScratchDatabase(config.databaseUrl, label) : undefined;
  return {
    env: { ITSM_DATA_DIR: dataDir, ...(database ? { DATABASE_URL: database.connectionString } : {}) },
    stop: async () => {
      await database?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};

/** apps/platform: gateway conventions, catalog, projections and relay in one process. */
const embedded: HttpContender = {
  id: 'embedded',
  title: 'embedded (apps/platform)',
  targets: ['embedded', 'postgres'],
  async start(target, config) {
    const store = await storage(target, config, `http_embedded_${target}`);
    try {
      const app = await startBenchApp('platform', { ...COMMON, ...store.env });
      return { baseUrl: app.baseUrl, stop: () => stopAll([store, app]) };
    } catch (error) {
      await store.stop();
      throw error;
    }
  },
};

/** apps/gateway → apps/service-catalog over HTTP, two processes on one PostgreSQL database (the relay is not in the request path). */
const distributed: HttpContender = {
  id: 'distributed',
  title: 'distributed (gateway → service-catalog)',
  targets: ['postgres'],
  async start(target, config) {
    const store = await storage(target, config, 'http_distributed');
    const started: BenchAppProcess[] = [];
    try {
        const service = await startBenchApp('service-catalog', { ...COMMON, ...store.env });
      started.push(service);
      // The edge opens no database (as in docker-compose.yml).
      const gateway = await startBenchApp('gateway', { ...COMMON, CATALOG_SERVICE_URL: service.baseUrl });
      started.push(gateway);
      return { baseUrl: gateway.baseUrl, stop: () => stopAll([store, ...started]) };
    } catch (error) {
      await stopAll([store, ...started]);
      throw error;
    }
  },
};

/** A standalone app of `contenders/<folder>/main.ts`, run like the platform (a child process, ts-node from source). */
const contenderScript = (folder: string) => ({
  name: folder,
  entry: `tools/bench/http/contenders/${folder}/main.ts`,
  project: 'tools/bench/http/contenders/tsconfig.json',
  baseUrl: '../../../..',
});

/** (a) A bare NestJS app answering a constant JSON body: the framework's ceiling, on the platform's adapter (Express) or on Fastify. */
const bareNest = (adapter: BenchHttpAdapter): HttpContender => ({
  id: adapter === 'fastify' ? 'bare-nest-fastify' : 'bare-nest',
  title: `bare NestJS (constant JSON${adapter === 'fastify' ? ', Fastify' : ''})`,
  targets: ['embedded', 'postgres'],
  async start() {
    const app = await startBenchScript(contenderScript('bare-nest'), { ...COMMON, BENCH_HTTP_ADAPTER: adapter });
    return { baseUrl: app.baseUrl, stop: () => app.stop() };
  },
});

/**
 * (b) A plain NestJS + `pg` CRUD app: the same DTO, validation pipe and JWT check, one INSERT or SELECT per request,
 * on the same kind of database as the platform (its own embedded PostgreSQL on the embedded target, a scratch database
 * on the server on the postgres target), on Express or on Fastify.
 */
const nestPg = (adapter: BenchHttpAdapter): HttpContender => ({
  id: adapter === 'fastify' ? 'nest-pg-fastify' : 'nest-pg',
  title: `NestJS + pg CRUD${adapter === 'fastify' ? ' (Fastify)' : ''}`,
  targets: ['embedded', 'postgres'],
  async start(target, config) {
    const store = await storage(target, config, `http_nest_pg_${adapter}_${target}`);
    try {
      const app = await startBenchScript(contenderScript('nest-pg-crud'), { ...COMMON, ...store.env, BENCH_HTTP_ADAPTER: adapter });
      return { baseUrl: app.baseUrl, stop: () => stopAll([store, app]) };
    } catch (error) {
      await store.stop();
      throw error;
    }
  },
});

/** Left to right in the table. */
export const HTTP_CONTENDERS: readonly HttpContender[] = [embedded, distributed, bareNest('express'), nestPg('express'), bareNest('fastify'), nestPg('fastify')];
