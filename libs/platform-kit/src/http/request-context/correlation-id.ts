import type { NextFunction, Response } from 'express';
import { newId } from '@itsm/event-sourcing';
import type { GatewayRequest } from '../gateway-request';
import { ProblemException, ProblemType } from '../problems/problem';

export const CORRELATION_ID_HEADER = 'X-Correlation-Id';
const FORMAT = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The request's correlation id: the caller's `X-Correlation-Id` when present, else a new uuid v7. Set on the
 * request and echoed on the response, once (the middleware and the request logger both ask for it).
 */
export const correlationIdOf = (request: GatewayRequest, response: Response): string => {
  if (request.correlationId) return request.correlationId;
  const header = request.headers['x-correlation-id'];
  const given = typeof header === 'string' && FORMAT.test(header) ? header : undefined;
  request.correlationId = given ?? newId();
  response.setHeader(CORRELATION_ID_HEADER, request.correlationId);
  return request.correlationId;
};

/** Express middleware: every request gets a correlation id; a malformed one is refused (400, with a fresh id). */
export const correlationIdMiddleware = (request: GatewayRequest, response: Response, next: NextFunction): void => {
  const header = request.headers['x-correlation-id'];
  correlationIdOf(request, response);
  if (header !== undefined && header !== request.correlationId) {
    next(
      new ProblemException({
        type: ProblemType.malformedRequest,
        status: 400,
        detail: 'X-Correlation-Id must be 1 to 128 characters of letters, digits and . _ : -',
      }),
    );
    return;
  }
  next();
};
