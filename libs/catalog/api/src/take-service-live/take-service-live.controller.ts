import { HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import type { EventMetadata, ExpectedRevision } from '@itsm/event-sourcing';
import { TakeServiceLiveHandler } from '@itsm/catalog-application';
import { announceWrite, IfMatch, ifMatchCondition, RequestMetadata } from '@itsm/platform-kit';
import { CatalogController } from '../shared/catalog-controller.decorator';
import { CatalogWrite } from '../shared/catalog-endpoint.decorators';
import { IdParams } from '../shared/id.params';
import { ServiceResponse } from '../shared/responses/service.response';
import { ServiceResource } from '../shared/service-resource';

@CatalogController('services')
export class TakeServiceLiveController {
  constructor(
    private readonly handler: TakeServiceLiveHandler,
    private readonly services: ServiceResource,
  ) {}

  @Post(':id/go-live')
  @HttpCode(200)
  @CatalogWrite(404, 409, 412)
  @ApiOperation({ summary: 'Take a service live', description: 'pipeline → live; refused (409) from any other lifecycle.' })
  @ApiOkResponse({ type: ServiceResponse })
  async goLive(
    @Param() { id }: IdParams,
    @IfMatch() ifMatch: ExpectedRevision | undefined,
    @RequestMetadata() metadata: EventMetadata,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.handler.execute(id, metadata, ifMatchCondition(ifMatch));
    announceWrite(response, result.events);
    return this.services.withETag(id);
  }
}
