import { All, Controller, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { AcceptsAnyQuery, AcceptsStreamedBody, type GatewayRequest } from '@itsm/platform-kit';
import { UpstreamClient } from './upstream-client';
import { proxiedRoutePaths } from './upstream-routes';

/**
 * Every forwarded route. Behind the gateway conventions like any controller: no credentials → 401 here, rate limit
 * per caller here; the role check (403) and validation (query parameters too) are the service's, which gets the caller's own credentials.
 * A text/csv body (a ledger import) is streamed through unparsed.
 * Documented by the services' own OpenAPI documents (merged at /api/docs-json), not here.
 */
@ApiExcludeController()
@Controller('api/v1')
export class ProxyController {
  constructor(private readonly upstreams: UpstreamClient) {}

  @All(proxiedRoutePaths())
  @AcceptsAnyQuery()
  // A CSV body is forwarded as a stream; the service's route decides whether it takes one (else its 415).
  @AcceptsStreamedBody('text/csv')
  forward(@Req() request: GatewayRequest, @Res() response: Response): Promise<void> {
    return this.upstreams.forward(request, response);
  }
}
