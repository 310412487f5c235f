import { Body, Param, Patch, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import type { EventMetadata, ExpectedRevision } from '@itsm/event-sourcing';
import { UpdateServiceHandler } from '@itsm/catalog-application';
import { announceWrite, IfMatch, ifMatchCondition, RequestMetadata } from '@itsm/platform-kit';
import { CatalogController } from '../shared/catalog-controller.decorator';
import { CatalogWrite } from '../shared/catalog-endpoint.decorators';
import { IdParams } from '../shared/id.params';
import { ServiceResponse } from '../shared/responses/service.response';
import { ServiceResource } from '../shared/service-resource';
import { UpdateServiceRequest } from './update-service.request.dto';

@CatalogController('services')
export class UpdateServiceController {
  constructor(
    private readonly handler: UpdateServiceHandler,
    private readonly services: ServiceResource,
  ) {}

  @Patch(':id')
  @CatalogWrite(404, 409, 412)
  @ApiOperation({ summary: 'Change a service’s name, kind, description, groups or criticality', description: 'Refused (409) once retired.' })
  @ApiOkResponse({ type: ServiceResponse })
  async update(
    @Param() { id }: IdParams,
    @Body() body: UpdateServiceRequest,
    @IfMatch() ifMatch: ExpectedRevision | undefined,
    @RequestMetadata() metadata: EventMetadata,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.handler.execute(id, body, metadata, ifMatchCondition(ifMatch));
    announceWrite(response, result.events);
    return this.services.withETag(id);
  }
}
