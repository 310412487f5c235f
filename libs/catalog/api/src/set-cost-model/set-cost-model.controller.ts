import { Body, Param, Put, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import type { EventMetadata, ExpectedRevision } from '@itsm/event-sourcing';
import { SetCostModelHandler } from '@itsm/catalog-application';
import { announceWrite, IfMatch, ifMatchCondition, RequestMetadata } from '@itsm/platform-kit';
import { CatalogController } from '../shared/catalog-controller.decorator';
import { CatalogWrite } from '../shared/catalog-endpoint.decorators';
import { IdParams } from '../shared/id.params';
import { ServiceResponse } from '../shared/responses/service.response';
import { ServiceResource } from '../shared/service-resource';
import { SetCostModelRequest } from './set-cost-model.request.dto';

@CatalogController('services')
export class SetCostModelController {
  constructor(
    private readonly handler: SetCostModelHandler,
    private readonly services: ServiceResource,
  ) {}

  /** PUT: the cost model is one value of the service, replaced as a whole. */
  @Put(':id/cost-model')
  @CatalogWrite(404, 409, 412)
  @ApiOperation({ summary: 'Set the service’s cost model (replaces the previous one)', description: 'Fixed monthly cost plus a rate per unit, for finance.' })
  @ApiOkResponse({ type: ServiceResponse })
  async set(
    @Param() { id }: IdParams,
    @Body() body: SetCostModelRequest,
    @IfMatch() ifMatch: ExpectedRevision | undefined,
    @RequestMetadata() metadata: EventMetadata,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.handler.execute(id, body, metadata, ifMatchCondition(ifMatch));
    announceWrite(response, result.events);
    return this.services.withETag(id);
  }
}
