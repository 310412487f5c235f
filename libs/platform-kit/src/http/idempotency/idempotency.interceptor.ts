import { createHash } from 'node:crypto';
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { canonicalize } from 'json-canonicalize';
import { catchError, finalize, from, mergeMap, of, switchMap, type Observable } from 'rxjs';
import { formatETag, WithETag } from '../concurrency/etag';
import type { GatewayRequest } from '../gateway-request';
import { ProblemException, ProblemType } from '../problems/problem';
import { isStreamedBodyRequest, streamedBodyTypesOf } from '../request-context/streamed-body';
import { IdempotencyStore, type Held, type StoredResponse } from './idempotency.store';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
/** Response headers worth replaying; the rest (date, rate limits, correlation id) belong to the retry. */
const REPLAYED_HEADERS = ['etag', 'location', 'content-location'];
const KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;

/**
 * `Idempotency-Key` on POST: the first request with a key runs and its response is stored; a retry with the same
 * key and request gets that response again (`Idempotent-Replayed: true`), with another request 422, and while
 * the first still runs 409. Keys are per caller. A route that streams its body (`@AcceptsStreamedBody`) honours the
 * key itself. Failed requests do not keep their key, and the key of a request
 * whose process died is free once its lease runs out (the running request renews it).
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly store: IdempotencyStore,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<GatewayRequest>();
    const key = request.headers[IDEMPOTENCY_KEY_HEADER];
    if (request.method !== 'POST' || key === undefined) return next.handle();
    // A streamed body (a CSV import) is read by the handler, not here: the key is the handler's to honour.
    if (streamedBodyTypesOf(this.reflector, context).length > 0 && isStreamedBodyRequest(request)) return next.handle();
    if (typeof key !== 'string' || !KEY_FORMAT.test(key)) {
      throw new ProblemException({
        type: ProblemType.malformedRequest,
        status: 400,
        detail: 'Idempotency-Key must be 1 to 255 visible ASCII characters',
      });
    }
    const response = context.switchToHttp().getResponse<Response>();
    const caller = request.principal ? `${request.principal.via}:${request.principal.id}` : 'anonymous';
    const requestHash = requestHashOf(request);
    return from(this.store.reserve(caller, key, requestHash)).pipe(
      switchMap((reservation) => {
        if (reservation.kind !== 'reserved' && reservation.requestHash !== requestHash) throw keyReused();
        if (reservation.kind === 'in-progress') throw stillRunning();
        if (reservation.kind === 'completed') return of(replay(reservation.response, response));
        const renewal = this.renewWhileRunning(caller, key, reservation);
        return next.handle().pipe(
          mergeMap(async (body: unknown) => {
            await this.store.complete(caller, key, reservation, recordOf(response, body));
            return body;
          }),
          catchError(async (error: unknown) => {
            await this.store.release(caller, key, reservation);
            throw error;
          }),
          finalize(() => clearInterval(renewal)),
        );
      }),
    );
  }

  /** Renews the lease three times per lease period; a failed renewal is retried at the next tick. */
  private renewWhileRunning(caller: string, key: string, held: Held): NodeJS.Timeout {
    const timer = setInterval(() => {
      this.store.renew(caller, key, held).catch(() => undefined);
    }, (this.store.leaseSeconds * 1000) / 3);
    timer.unref();
    return timer;
  }
}

/** What makes a retry "the same request": method, URL and body (canonical JSON, so key order does not matter). */
export const requestHashOf = (request: Pick<GatewayRequest, 'method' | 'originalUrl' | 'body'>): string =>
  createHash('sha256')
    .update(canonicalize({ method: request.method, url: request.originalUrl, body: request.body ?? null }))
    .digest('hex');

/** The answer as it will be sent: a `withETag` answer is its body with an ETag (answerWithETags sends it so). */
const recordOf = (response: Response, answer: unknown): StoredResponse => {
  const body = answer instanceof WithETag ? answer.body : answer;
  const headers = Object.fromEntries(
    REPLAYED_HEADERS.flatMap((name) => {
      const value = response.getHeader(name);
      return value === undefined ? [] : [[name, String(value)]];
    }),
  );
  if (answer instanceof WithETag) headers['etag'] = formatETag(answer.revision);
  return { status: response.statusCode, headers, body: body === undefined ? null : JSON.stringify(body) };
};

const replay = (stored: StoredResponse, response: Response): unknown => {
  response.status(stored.status);
  for (const [name, value] of Object.entries(stored.headers)) response.setHeader(name, value);
  response.setHeader('Idempotent-Replayed', 'true');
  return stored.body === null ? undefined : JSON.parse(stored.body);
};

const keyReused = () =>
  new ProblemException({
    type: ProblemType.idempotencyKeyReused,
    title: 'Idempotency-Key reused',
    status: 422,
    detail: 'This Idempotency-Key was used with a different request; use a new key for a new request',
  });

const stillRunning = () =>
  new ProblemException({
    type: ProblemType.idempotentRequestInProgress,
    title: 'Request in progress',
    status: 409,
    detail: 'A request with this Idempotency-Key is still being processed; retry shortly',
  });
