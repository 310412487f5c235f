import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Registry } from 'prom-client';
import { Public } from '../http/auth/auth.decorators';
import { METRICS_REGISTRY } from './metrics.registry';

@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(METRICS_REGISTRY) private readonly registry: Registry) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Prometheus metrics: HTTP requests, event handling, process' })
  @ApiOkResponse({ content: { 'text/plain': { schema: { type: 'string' } } } })
  async metrics(@Res() response: Response): Promise<void> {
    response.type(this.registry.contentType).send(await this.registry.metrics());
  }
}
