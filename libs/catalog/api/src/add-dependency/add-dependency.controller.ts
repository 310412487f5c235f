import { Body, Param, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import type { EventMetadata, ExpectedRevision } from '@itsm/event-sourcing';
import { AddDependencyHandler } from '@itsm/catalog-application';
import { announceWrite, IfMatch, ifMatchCondition, RequestMetadata } from '@itsm/platform-kit';
import { CatalogController } from '../shared/catalog-controller.decorator';
import { CatalogCreate } from '../shared/catalog-endpoint.decorators';
import { IdParams } from '../shared/id.params';
import { ServiceResponse } from '../shared/responses/service.response';
import { ServiceResource } from '../shared/service-resource';
import { AddDependencyRequest } from './add-dependency.request.dto';

@CatalogController('services')
export class AddDependencyController {
  constructor(
    private readonly handler: AddDependencyHandler,
    private readonly services: ServiceResource,
  ) {}

  @Post(':id/dependencies')
  @CatalogCreate(404, 409, 412)
  @ApiOperation({
    summary: 'Make this service depend on another',
    description: 'Refused (409) when it would close a cycle, when the other service does not exist or is retired, or when this one is retired.',
  })
  @ApiCreatedResponse({ type: ServiceResponse, description: 'The service with its dependencies' })
  async add(
    @Param() { id }: IdParams,
    @Body() body: AddDependencyRequest,
    @IfMatch() ifMatch: ExpectedRevision | undefined,
    @RequestMetadata() metadata: EventMetadata,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.handler.execute(id, body.dependsOnServiceId, metadata, ifMatchCondition(ifMatch));
    announceWrite(response, result.events);
    return this.services.withETag(id);
  }
}
