import type { NextFunction, Request, Response } from 'express';
import { ProblemException } from '../problems/problem';
import { hasRequestBody, STREAMED_BODY_TYPES } from './streamed-body';

const JSON_TYPES = ['application/json', 'application/*+json'];

/**
 * A request with a body must send JSON (415 otherwise), so no other parser ever sees user input. A streamed type
 * (text/csv) passes unparsed: `BodyTypeGuard` lets it reach only a route that declared it (`@AcceptsStreamedBody`).
 */
export const requireJsonBody = (request: Request, _response: Response, next: NextFunction): void => {
  if (hasRequestBody(request) && !request.is(JSON_TYPES) && !request.is([...STREAMED_BODY_TYPES])) {
    next(new ProblemException({ status: 415, detail: 'Send the request body as application/json' }));
    return;
  }
  next();
};
