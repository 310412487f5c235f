import { Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { Reflector } from '@nestjs/core';
import type { GatewayRequest } from '../gateway-request';
import { validationProblem } from '../problems/validation.pipe';

const ANY_QUERY = Symbol('ANY_QUERY');
/** Keys no query DTO declares, which a parser or a prototype may treat specially. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A route that forwards its query as it came (the gateway's proxy): the service behind it validates it. */
export const AcceptsAnyQuery = () => SetMetadata(ANY_QUERY, true);

/**
 * Unknown query parameters are refused (400) like unknown body fields, not ignored. A route with a `@Query()` DTO
 * has it checked by the validation pipe (whitelist, forbidNonWhitelisted); a route without one takes none at all;
 * and `__proto__`, `constructor` or `prototype` is refused everywhere, before any DTO is built from the query.
 */
@Injectable()
export class QueryParametersGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const keys = Object.keys(context.switchToHttp().getRequest<GatewayRequest>().query ?? {});
    if (keys.length === 0) return true;
    const anyQuery = this.reflector.getAllAndOverride<boolean>(ANY_QUERY, [context.getHandler(), context.getClass()]);
    const refused = anyQuery || declaresQuery(context) ? keys.filter((key) => PROTOTYPE_KEYS.has(key)) : keys;
    if (refused.length > 0) {
      throw validationProblem(refused.map((key) => ({ field: key, message: `property ${key} should not exist` })));
    }
    return true;
  }
}

const declaresQuery = (context: ExecutionContext): boolean => {
  const args: Record<string, unknown> = Reflect.getMetadata(ROUTE_ARGS_METADATA, context.getClass(), context.getHandler().name) ?? {};
  return Object.keys(args).some((key) => key.split(':')[0] === String(RouteParamtypes.QUERY));
};
