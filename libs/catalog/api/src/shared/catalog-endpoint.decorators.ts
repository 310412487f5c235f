import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiSecurity } from '@nestjs/swagger';
import { API_KEY_SCHEME, ApiProblemResponses, BEARER_SCHEME, Roles, type Role } from '@itsm/platform-kit';

/** Who edits the catalog: service owners and admins. */
const CATALOG_EDITORS: Role[] = ['service-owner', 'admin'];

/** A catalog write for these roles; answers may be refusals (409) or stale revisions (412). */
export const CatalogWriteBy = (roles: Role[], ...problems: number[]) =>
  applyDecorators(
    Roles(...roles),
    ApiProblemResponses(400, ...problems),
    ApiHeader({
      name: 'If-Match',
      required: false,
      description: 'ETag of the revision you read; the change is refused with 412 when the resource has moved on',
    }),
  );

/** Catalog writes: service owners and admins. */
export const CatalogWrite = (...problems: number[]) => CatalogWriteBy(CATALOG_EDITORS, ...problems);

const IDEMPOTENCY_KEY = ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Same key and body → the same response; other body → 422' });

/** POSTs that create something within a service (If-Match on the service) also take an Idempotency-Key. */
export const CatalogCreate = (...problems: number[]) => applyDecorators(CatalogWrite(422, ...problems), IDEMPOTENCY_KEY);

/**
 * POSTs that create a resource of their own (a service, a calendar): an Idempotency-Key, and no If-Match, since
 * there is no revision yet to match (a malformed one is still refused, 400, as on every route).
 */
export const CatalogRegister = (...problems: number[]) =>
  applyDecorators(Roles(...CATALOG_EDITORS), ApiProblemResponses(400, 422, ...problems), IDEMPOTENCY_KEY);

/** Catalog reads: any authenticated role. */
export const CatalogRead = (...problems: number[]) =>
  applyDecorators(ApiBearerAuth(BEARER_SCHEME), ApiSecurity(API_KEY_SCHEME), ApiProblemResponses(401, 429, ...problems));
