import type { NextFunction, Request, Response } from 'express';
import { ProblemException } from '../problems/problem';

const JSON_TYPES = ['application/json', 'application/*+json'];

/** A request with a body must send JSON (415 otherwise), so no other parser ever sees user input. */
export const requireJsonBody = (request: Request, _response: Response, next: NextFunction): void => {
  const hasBody = request.headers['transfer-encoding'] !== undefined || (request.headers['content-length'] ?? '0') !== '0';
  if (hasBody && !request.is(JSON_TYPES)) {
    next(new ProblemException({ status: 415, detail: 'Send the request body as application/json' }));
    return;
  }
  next();
};
