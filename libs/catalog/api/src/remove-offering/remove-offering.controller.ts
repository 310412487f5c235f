import { Delete, Param, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import type { EventMetadata, ExpectedRevision } from '@itsm/event-sourcing';
import { RemoveOfferingHandler } from '@itsm/catalog-application';
import { announceWrite, IfMatch, ifMatchCondition, RequestMetadata } from '@itsm/platform-kit';
import { CatalogController } from '../shared/catalog-controller.decorator';
import { CatalogWrite } from '../shared/catalog-endpoint.decorators';
import { OfferingParams } from '../shared/id.params';
import { ServiceResponse } from '../shared/responses/service.response';
import { ServiceResource } from '../shared/service-resource';

@CatalogController('services')
export class RemoveOfferingController {
  constructor(
    private readonly handler: RemoveOfferingHandler,
    private readonly services: ServiceResource,
  ) {}

  @Delete(':id/offerings/:offeringId')
  @CatalogWrite(404, 409, 412)
  @ApiOperation({
    summary: 'Remove an offering',
    description:
      'Refused (409) on a retired service, or for the default offering while others remain (make another the default first); an offering the service does not have is 404.',
  })
  @ApiOkResponse({ type: ServiceResponse, description: 'The service with its remaining offerings' })
  async remove(
    @Param() { id, offeringId }: OfferingParams,
    @IfMatch() ifMatch: ExpectedRevision | undefined,
    @RequestMetadata() metadata: EventMetadata,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.handler.execute(id, offeringId, metadata, ifMatchCondition(ifMatch));
    announceWrite(response, result.events);
    return this.services.withETag(id);
  }
}
