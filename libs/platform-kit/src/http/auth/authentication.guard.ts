import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { GatewayRequest } from '../gateway-request';
import { Authenticator } from './authenticator';

/**
 * Identifies the caller without refusing anyone yet, so that the rate limit that runs next can count requests per
 * caller (and bad credentials per client IP); the authorization guard decides afterwards.
 */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  constructor(private readonly authenticator: Authenticator) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<GatewayRequest>();
    const result = await this.authenticator.authenticate(request.headers);
    if ('principal' in result) request.principal = result.principal;
    if ('failure' in result) request.authFailure = result.failure;
    return true;
  }
}
