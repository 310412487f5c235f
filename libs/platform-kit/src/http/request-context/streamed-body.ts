import { Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ProblemException } from '../problems/problem';

/** Media types a route may take as a raw stream instead of JSON (declared with `@AcceptsStreamedBody`). */
export const STREAMED_BODY_TYPES = ['text/csv'] as const;
export type StreamedBodyType = (typeof STREAMED_BODY_TYPES)[number];

const JSON_TYPES = ['application/json', 'application/*+json'];
const STREAMED_BODY = Symbol('STREAMED_BODY');

/**
 * A route that reads its body itself, as a stream of one of `types` (a CSV import): no parser touches it, the
 * handler takes the request as a Readable. Idempotency-Key is then the handler's to honour (the conventions cannot
 * hash a body they never read). Any other route refuses such a body with 415.
 */
export const AcceptsStreamedBody = (...types: StreamedBodyType[]) => SetMetadata(STREAMED_BODY, types);

export const hasRequestBody = (request: Request): boolean =>
  request.headers['transfer-encoding'] !== undefined || (request.headers['content-length'] ?? '0') !== '0';

/** Whether the request sends a body of a streamed type (not parsed: the handler reads it). */
export const isStreamedBodyRequest = (request: Request): boolean => hasRequestBody(request) && !request.is(JSON_TYPES) && Boolean(request.is([...STREAMED_BODY_TYPES]));

/** The streamed body types the route takes (none for an ordinary JSON route). */
export const streamedBodyTypesOf = (reflector: Reflector, context: ExecutionContext): readonly StreamedBodyType[] =>
  reflector.getAllAndOverride<StreamedBodyType[] | undefined>(STREAMED_BODY, [context.getHandler(), context.getClass()]) ?? [];

/**
 * The other half of `requireJsonBody`: a streamed body (text/csv) reached the route unparsed; a route that did not
 * declare it takes JSON only (415). A route that declared it still takes no other non-JSON type.
 */
@Injectable()
export class BodyTypeGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<Request>();
    if (!isStreamedBodyRequest(request)) return true;
    const accepted = streamedBodyTypesOf(this.reflector, context);
    if (accepted.length > 0 && request.is([...accepted])) return true;
    const wanted = ['application/json', ...accepted].join(' or ');
    throw new ProblemException({ status: 415, detail: `Send the request body as ${wanted}` });
  }
}
