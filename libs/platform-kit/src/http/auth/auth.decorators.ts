import { applyDecorators, createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiSecurity } from '@nestjs/swagger';
import type { Actor } from '@itsm/event-sourcing';
import type { GatewayRequest } from '../gateway-request';
import { API_KEY_SCHEME, BEARER_SCHEME } from '../openapi/security-schemes';
import { ApiProblemResponses } from '../problems/problem.openapi';
import { actorOf } from './principal';
import type { Role } from './roles';

export const IS_PUBLIC = 'itsm:isPublic';
export const REQUIRED_ROLES = 'itsm:requiredRoles';
export const PUBLIC_OPERATION_EXTENSION = 'x-itsm-public';

/** No credentials needed (health, metrics, docs). Without it every route needs an authenticated caller. */
export const Public = () =>
  applyDecorators(
    SetMetadata(IS_PUBLIC, true),
    // Read by createOpenApiDocument, which gives the operation an empty security list (open to anyone).
    ApiExtension(PUBLIC_OPERATION_EXTENSION, true),
  );

/**
 * The caller needs one of these roles (403 otherwise). Without `@Roles`, any authenticated caller may call the
 * route. Admin is not implied: list it where admins may act.
 */
export const Roles = (...roles: Role[]) =>
  applyDecorators(
    SetMetadata(REQUIRED_ROLES, roles),
    ApiBearerAuth(BEARER_SCHEME),
    ApiSecurity(API_KEY_SCHEME),
    ApiProblemResponses(401, 403, 429),
  );

/** The authenticated caller as an event actor `{ id, role, via }`. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const request = context.switchToHttp().getRequest<GatewayRequest>();
  if (request.actor) return request.actor;
  if (request.principal) return actorOf(request.principal);
  throw new Error('@CurrentActor() used on a public route: there is no authenticated caller');
});
