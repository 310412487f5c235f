import { Body, Param, Patch, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import type { EventMetadata, ExpectedRevision } from '@itsm/event-sourcing';
import { UpdateOfferingHandler } from '@itsm/catalog-application';
import { announceWrite, IfMatch, ifMatchCondition, RequestMetadata } from '@itsm/platform-kit';
import { CatalogController } from '../shared/catalog-controller.decorator';
import { CatalogWrite } from '../shared/catalog-endpoint.decorators';
import { OfferingParams } from '../shared/id.params';
import { OfferingResponse } from '../shared/responses/offering.response';
import { ServiceResource } from '../shared/service-resource';
import { UpdateOfferingRequest } from './update-offering.request.dto';

@CatalogController('services')
export class UpdateOfferingController {
  constructor(
    private readonly handler: UpdateOfferingHandler,
    private readonly services: ServiceResource,
  ) {}

  @Patch(':id/offerings/:offeringId')
  @CatalogWrite(404, 409, 412)
  @ApiOperation({
    summary: 'Change an offering’s name, calendar, SLA targets or whether it is the default',
    description:
      'Refused (409) on a retired service, an unknown calendar, a duplicate name, resolution < response, or `default: false` on the default offering (make another the default instead); an offering the service does not have is 404. ETag = the service’s revision.',
  })
  @ApiOkResponse({ type: OfferingResponse })
  async update(
    @Param() { id, offeringId }: OfferingParams,
    @Body() body: UpdateOfferingRequest,
    @IfMatch() ifMatch: ExpectedRevision | undefined,
    @RequestMetadata() metadata: EventMetadata,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.handler.execute(id, offeringId, body, metadata, ifMatchCondition(ifMatch));
    announceWrite(response, result.events, `/api/v1/services/${id}/offerings`);
    return this.services.offeringWithETag(id, offeringId);
  }
}
