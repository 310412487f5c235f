import { Body, Param, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import type { EventMetadata, ExpectedRevision } from '@itsm/event-sourcing';
import { AddOfferingHandler } from '@itsm/catalog-application';
import { announceWrite, IfMatch, ifMatchCondition, RequestMetadata, withETag } from '@itsm/platform-kit';
import { CatalogController } from '../shared/catalog-controller.decorator';
import { CatalogCreate } from '../shared/catalog-endpoint.decorators';
import { IdParams } from '../shared/id.params';
import { OfferingResponse } from '../shared/responses/offering.response';
import { ServiceResource } from '../shared/service-resource';
import { AddOfferingRequest } from './add-offering.request.dto';

@CatalogController('services')
export class AddOfferingController {
  constructor(
    private readonly handler: AddOfferingHandler,
    private readonly services: ServiceResource,
  ) {}

  @Post(':id/offerings')
  @CatalogCreate(404, 409, 412)
  @ApiOperation({
    summary: 'Add an offering (tier) with SLA targets P1–P5',
    description: 'Refused (409) on a retired service, an unknown calendar, a duplicate name or resolution < response. ETag = the service’s revision.',
  })
  @ApiCreatedResponse({ type: OfferingResponse })
  async add(
    @Param() { id }: IdParams,
    @Body() body: AddOfferingRequest,
    @IfMatch() ifMatch: ExpectedRevision | undefined,
    @RequestMetadata() metadata: EventMetadata,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.handler.execute(id, body, metadata, ifMatchCondition(ifMatch));
    announceWrite(response, result.events, `/api/v1/services/${id}/offerings`);
    const { service, offerings } = await this.services.load(id);
    return withETag(offerings.find((offering) => offering.offeringId === result.offeringId), service.revision);
  }
}
