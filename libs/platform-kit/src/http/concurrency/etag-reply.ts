import type { INestApplication } from '@nestjs/common';
import type { Response } from 'express';
import { formatETag, WithETag } from './etag';

/**
 * Answers `withETag(body, revision)` with the body and an `ETag` header, where Nest sends every handler's answer
 * (the HTTP adapter's `reply`). A global interceptor did it before: one more layer of Nest's interceptor chain
 * (deferred observables, a bound async resource) on every request of every route (profile in tools/bench/http).
 */
export const answerWithETags = (app: INestApplication): void => {
  const adapter = app.getHttpAdapter();
  const reply = adapter.reply.bind(adapter);
  adapter.reply = (response: Response, body: unknown, statusCode?: number) => {
    if (!(body instanceof WithETag)) return reply(response, body, statusCode);
    response.setHeader('ETag', formatETag(body.revision));
    return reply(response, body.body, statusCode);
  };
};
