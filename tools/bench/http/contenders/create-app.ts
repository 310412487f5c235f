import type { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';

/** The HTTP adapters a contender can run on; the platform runs on Express. */
export type BenchHttpAdapter = 'express' | 'fastify';

export const benchHttpAdapter = (): BenchHttpAdapter => (process.env['BENCH_HTTP_ADAPTER'] === 'fastify' ? 'fastify' : 'express');

/**
 * The contender's Nest app on the adapter BENCH_HTTP_ADAPTER names (Express by default), so the bench can measure
 * what switching adapters would bring with everything else the same (issue 14: Fastify as a contender).
 */
export const createBenchApp = (module: Type): Promise<INestApplication> =>
  benchHttpAdapter() === 'fastify'
    ? NestFactory.create(module, new FastifyAdapter(), { logger: ['error', 'warn'] })
    : NestFactory.create(module, { logger: ['error', 'warn'] });
