import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { IS_PUBLIC } from '../auth/auth.decorators';
import type { GatewayRequest } from '../gateway-request';
import { ProblemException, ProblemType } from '../problems/problem';

/**
 * One request budget per caller across all routes: the token subject or API key when the credentials were valid,
 * else the client IP (so guessing credentials is limited too). Public routes (health, metrics) are not limited.
 */
@Injectable()
export class CallerThrottlerGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    return this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]) ?? false;
  }

  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    const { principal, ip } = request as unknown as GatewayRequest;
    return principal ? `${principal.via}:${principal.id}` : `ip:${ip ?? 'unknown'}`;
  }

  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return `${throttlerName}:${tracker}`;
  }

  protected override async throwThrottlingException(_context: ExecutionContext, limit: ThrottlerLimitDetail): Promise<void> {
    throw new ProblemException({
      type: ProblemType.rateLimited,
      title: 'Too many requests',
      status: 429,
      detail: `More than ${limit.limit} requests in ${Math.round(limit.ttl / 1000)} s; retry after ${limit.timeToBlockExpire} s`,
    });
  }
}
