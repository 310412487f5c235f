import { Body, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import type { EventMetadata, ExpectedRevision } from '@itsm/event-sourcing';
import { RetireServiceHandler } from '@itsm/catalog-application';
import { announceWrite, IfMatch, ifMatchCondition, RequestMetadata } from '@itsm/platform-kit';
import { CatalogController } from '../shared/catalog-controller.decorator';
import { CatalogWrite } from '../shared/catalog-endpoint.decorators';
import { IdParams } from '../shared/id.params';
import { ServiceResponse } from '../shared/responses/service.response';
import { ServiceResource } from '../shared/service-resource';
import { RetireServiceRequest } from './retire-service.request.dto';

@CatalogController('services')
export class RetireServiceController {
  constructor(
    private readonly handler: RetireServiceHandler,
    private readonly services: ServiceResource,
  ) {}

  @Post(':id/retire')
  @HttpCode(200)
  @CatalogWrite(404, 409, 412)
  @ApiOperation({ summary: 'Retire a service', description: 'From pipeline or live; a retired service takes no new offerings or dependencies.' })
  @ApiOkResponse({ type: ServiceResponse })
  async retire(
    @Param() { id }: IdParams,
    @Body() body: RetireServiceRequest,
    @IfMatch() ifMatch: ExpectedRevision | undefined,
    @RequestMetadata() metadata: EventMetadata,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.handler.execute(id, { reason: body.reason ?? null }, metadata, ifMatchCondition(ifMatch));
    announceWrite(response, result.events);
    return this.services.withETag(id);
  }
}
