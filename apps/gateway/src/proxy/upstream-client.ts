import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Response } from 'express';
import { isStreamedBodyRequest, type GatewayRequest } from '@itsm/platform-kit';
import { traceHeadersOf } from '@itsm/telemetry';
import type { GatewayConfig } from '../config/gateway-config';
import { callerResponseHeaders, upstreamRequestHeaders } from './forwarded-headers';
import { UpstreamMetrics } from './upstream-metrics';
import { noSuchRoute, upstreamTimedOut, upstreamUnavailable } from './upstream-problems';
import type { UpstreamRoute } from './upstream-routes';
import { upstreamTargetOf } from './upstream-target';

const isEventStream = (headers: Headers): boolean => (headers.get('content-type') ?? '').startsWith('text/event-stream');

/** Forwards a request the edge accepted to the service that owns it, and streams the answer back. */
@Injectable()
export class UpstreamClient {
  private readonly timeoutMs: number;

  constructor(
    @Inject(ConfigService) private readonly config: ConfigService<GatewayConfig, true>,
    private readonly metrics: UpstreamMetrics,
  ) {
    this.timeoutMs = config.get('GATEWAY_UPSTREAM_TIMEOUT_MS', { infer: true });
  }

  /** Undefined for an optional service left unconfigured: its paths answer 404 like any path the edge does not serve. */
  baseUrlOf = (route: UpstreamRoute): string | undefined => this.config.get(route.urlSetting, { infer: true });

  async forward(request: GatewayRequest, response: Response): Promise<void> {
    const target = upstreamTargetOf(request.originalUrl, this.baseUrlOf);
    if (!target) throw noSuchRoute();
    const service = target.route.service;
    // The edge parsed (and size-checked) the JSON body; the service gets the same JSON. A streamed body (a CSV
    // import), which no parser here touched, flows through as it arrives.
    const streamed = !['GET', 'HEAD'].includes(request.method) && isStreamedBodyRequest(request);
    const body = streamed
      ? (Readable.toWeb(request) as unknown as ReadableStream)
      : request.body === undefined || ['GET', 'HEAD'].includes(request.method)
        ? undefined
        : JSON.stringify(request.body);
    const callerGone = new AbortController();
    response.once('close', () => callerGone.abort());
    // Bounds the wait for the service's answer; a stream of events (text/event-stream) then runs as long as the caller stays.
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), this.timeoutMs);
    const startedAt = process.hrtime.bigint();
    const headers = upstreamRequestHeaders(request.headers, { correlationId: request.correlationId ?? '', clientIp: request.ip });
    // With tracing on, the service's request span is a child of the edge's (off: the caller's traceparent as it came).
    const trace = traceHeadersOf();
    if (trace) {
      headers.set('traceparent', trace.traceparent);
      if (trace.tracestate) headers.set('tracestate', trace.tracestate);
    }
    let answer: globalThis.Response;
    try {
      answer = await fetch(target.url, {
        method: request.method,
        headers,
        body,
        ...(streamed ? { duplex: 'half' } : {}),
        redirect: 'manual',
        signal: AbortSignal.any([timeout.signal, callerGone.signal]),
      });
    } catch {
      clearTimeout(timer);
      const outcome = timeout.signal.aborted ? 'timeout' : 'unreachable';
      this.metrics.record(service, outcome, startedAt);
      if (callerGone.signal.aborted && !timeout.signal.aborted) return;
      throw outcome === 'timeout' ? upstreamTimedOut(service, this.timeoutMs) : upstreamUnavailable(service);
    }
    if (isEventStream(answer.headers)) clearTimeout(timer);
    this.metrics.record(service, answer.status, startedAt);
    response.status(answer.status);
    for (const [name, value] of callerResponseHeaders(answer.headers)) response.setHeader(name, value);
    if (!answer.body || request.method === 'HEAD') {
      clearTimeout(timer);
      response.end();
      return;
    }
    try {
      // Headers first, so an event stream reaches the caller before its first event.
      response.flushHeaders();
      await pipeline(Readable.fromWeb(answer.body as import('node:stream/web').ReadableStream), response);
    } catch {
      // The caller left or the service broke off mid-answer; the status line is gone, so just close.
      if (!response.writableEnded) response.destroy();
    } finally {
      clearTimeout(timer);
    }
  }
}
