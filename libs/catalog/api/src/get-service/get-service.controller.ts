import { Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CatalogRead } from '../shared/catalog-endpoint.decorators';
import { IdParams } from '../shared/id.params';
import { ServiceResponse } from '../shared/responses/service.response';
import { ServiceResource } from '../shared/service-resource';
import { CatalogController } from '../shared/catalog-controller.decorator';

@CatalogController('services')
export class GetServiceController {
  constructor(private readonly services: ServiceResource) {}

  @Get(':id')
  @CatalogRead(400, 404)
  @ApiOperation({ summary: 'Read a service', description: 'Read from its event stream: always current. ETag = its revision.' })
  @ApiOkResponse({ type: ServiceResponse })
  get(@Param() { id }: IdParams) {
    return this.services.withETag(id);
  }
}
