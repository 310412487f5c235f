import { ForbiddenException, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { GatewayRequest } from '../gateway-request';
import { IS_PUBLIC, REQUIRED_ROLES } from './auth.decorators';
import { actorOf } from './principal';
import type { Role } from './roles';

/** 401 without valid credentials, 403 without one of the route's roles; records the acting role for the events. */
@Injectable()
export class AuthorizationGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<GatewayRequest>();
    const principal = request.principal;
    if (!principal) {
      throw new UnauthorizedException(request.authFailure ?? 'Send a bearer token (Authorization: Bearer …) or an X-Api-Key');
    }
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets) ?? [];
    const actingRole = required.length ? principal.roles.find((role) => required.includes(role)) : principal.roles[0];
    if (required.length && !actingRole) {
      throw new ForbiddenException(`This needs one of the roles: ${required.join(', ')}`);
    }
    request.actor = actorOf(principal, actingRole);
    return true;
  }
}
