import type { NextFunction, Request, Response } from 'express';

const HELD_HEADER = 'x-itsm-edge-held-idempotency-key';

/**
 * Idempotency belongs to the service that owns the data: it records the key next to its events. The edge applies
 * the shared gateway conventions, whose interceptor would also record keys (in the same database table), so the
 * key is moved aside before Nest sees the request and handed to the service unchanged. Registered before
 * applyGatewayConventions; a caller cannot smuggle the held header in.
 */
export const holdIdempotencyKey = (request: Request, _response: Response, next: NextFunction): void => {
  const key = request.headers['idempotency-key'];
  delete request.headers[HELD_HEADER];
  if (key !== undefined) {
    request.headers[HELD_HEADER] = key;
    delete request.headers['idempotency-key'];
  }
  next();
};

/** The caller's Idempotency-Key, as held by `holdIdempotencyKey`. */
export const heldIdempotencyKey = (request: Request): string | undefined => {
  const held = request.headers[HELD_HEADER];
  return Array.isArray(held) ? held.join(', ') : held;
};
