import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import type { GatewayRequest } from '../gateway-request';
import { formatETag } from '../concurrency/etag';
import { PROBLEM_CONTENT_TYPE, type ProblemDetails } from './problem';
import { problemOf } from './problem-of';

/** Every error answer is `application/problem+json`; 5xx are logged with their stack, the client sees no internals. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<GatewayRequest>();
    const response = host.switchToHttp().getResponse<Response>();
    const problem: ProblemDetails = {
      ...problemOf(exception, { hadIfMatch: request.headers['if-match'] !== undefined }),
      instance: request.originalUrl?.split('?')[0],
      correlationId: request.correlationId,
    };
    if (problem.status >= 500) {
      this.logger.error({ err: exception, correlationId: request.correlationId }, `Unexpected error on ${request.method} ${problem.instance}`);
    }
    if (response.headersSent) {
      response.end();
      return;
    }
    if (problem.status === 401) response.setHeader('WWW-Authenticate', 'Bearer realm="itsm"');
    // A 412 tells the current revision, as the ETag a retry's If-Match should carry; no other error has an ETag.
    response.removeHeader('ETag');
    const { currentRevision } = problem;
    if (problem.status === 412 && typeof currentRevision === 'number') response.setHeader('ETag', formatETag(currentRevision));
    response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }
}
