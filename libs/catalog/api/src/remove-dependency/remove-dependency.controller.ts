import { Delete, Param, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import type { EventMetadata, ExpectedRevision } from '@itsm/event-sourcing';
import { RemoveDependencyHandler } from '@itsm/catalog-application';
import { announceWrite, IfMatch, ifMatchCondition, RequestMetadata } from '@itsm/platform-kit';
import { CatalogController } from '../shared/catalog-controller.decorator';
import { CatalogWrite } from '../shared/catalog-endpoint.decorators';
import { DependencyParams } from '../shared/id.params';
import { ServiceResponse } from '../shared/responses/service.response';
import { ServiceResource } from '../shared/service-resource';

@CatalogController('services')
export class RemoveDependencyController {
  constructor(
    private readonly handler: RemoveDependencyHandler,
    private readonly services: ServiceResource,
  ) {}

  @Delete(':id/dependencies/:dependsOnId')
  @CatalogWrite(404, 409, 412)
  @ApiOperation({ summary: 'Remove a dependency', description: 'Refused (409) when the service does not depend on that one.' })
  @ApiOkResponse({ type: ServiceResponse, description: 'The service with its remaining dependencies' })
  async remove(
    @Param() { id, dependsOnId }: DependencyParams,
    @IfMatch() ifMatch: ExpectedRevision | undefined,
    @RequestMetadata() metadata: EventMetadata,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.handler.execute(id, dependsOnId, metadata, ifMatchCondition(ifMatch));
    announceWrite(response, result.events);
    return this.services.withETag(id);
  }
}
