import { applyDecorators, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiSecurity } from '@nestjs/swagger';
import { API_KEY_SCHEME, ApiProblemResponses, BEARER_SCHEME, ProblemException, ProblemType, Roles } from '@itsm/platform-kit';

export const LOG_POSITION_HEADER = 'X-Log-Position';
export const WAIT_FOR_POSITION_HEADER = 'X-Wait-For-Position';

/** Catalog writes: service owners and admins; answers may be refusals (409) or stale revisions (412). */
export const CatalogWrite = (...problems: number[]) =>
  applyDecorators(
    Roles('service-owner', 'admin'),
    ApiProblemResponses(400, ...problems),
    ApiHeader({
      name: 'If-Match',
      required: false,
      description: 'ETag of the revision you read; the change is refused with 412 when the resource has moved on',
    }),
  );

/** POSTs that create something also take an Idempotency-Key. */
export const CatalogCreate = (...problems: number[]) =>
  applyDecorators(
    CatalogWrite(422, ...problems),
    ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Same key and body → the same response; other body → 422' }),
  );

/** Catalog reads: any authenticated role. */
export const CatalogRead = (...problems: number[]) =>
  applyDecorators(ApiBearerAuth(BEARER_SCHEME), ApiSecurity(API_KEY_SCHEME), ApiProblemResponses(401, 429, ...problems));

/** Lists served from read models accept the log position a write answered with, to read their own writes. */
export const ApiWaitForPosition = () =>
  ApiHeader({
    name: WAIT_FOR_POSITION_HEADER,
    required: false,
    description: `The ${LOG_POSITION_HEADER} of your last write: the list waits (up to 5 s) until it includes that write`,
  });

/** The `X-Wait-For-Position` header as a number, or undefined; anything but a non-negative integer is a 400. */
export const WaitForPosition = createParamDecorator((_data: unknown, context: ExecutionContext): number | undefined => {
  const header = context.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>().headers[
    WAIT_FOR_POSITION_HEADER.toLowerCase()
  ];
  if (header === undefined) return undefined;
  if (typeof header === 'string' && /^\d{1,15}$/.test(header)) return Number(header);
  throw new ProblemException({
    type: ProblemType.validation,
    title: 'Invalid request',
    status: 400,
    detail: `${WAIT_FOR_POSITION_HEADER} must be a log position (a non-negative integer)`,
    errors: [{ field: WAIT_FOR_POSITION_HEADER, message: 'must be a non-negative integer' }],
  });
});
