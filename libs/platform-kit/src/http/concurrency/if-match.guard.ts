import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { GatewayRequest } from '../gateway-request';
import { parseIfMatch } from './if-match';

/**
 * Checks If-Match on every route, after authentication and roles: a malformed one is 400 and a weak tag 412 whether
 * or not the route reads it (a create route too), so no route silently ignores a condition it cannot honour.
 */
@Injectable()
export class IfMatchGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    parseIfMatch(context.switchToHttp().getRequest<GatewayRequest>().headers['if-match']);
    return true;
  }
}
