import { Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiWaitForPosition, readAfter, WaitForPosition } from '@itsm/platform-kit';
import { CATALOG_READ_MODELS, type CatalogReadModelsPort } from '../shared/catalog-read-models.port';
import { CatalogRead } from '../shared/catalog-endpoint.decorators';
import { ServicePageResponse } from '../shared/responses/service.response';
import { ListServicesQuery } from './list-services.query.dto';
import { CatalogController } from '../shared/catalog-controller.decorator';

@CatalogController('services')
export class ListServicesController {
  constructor(@Inject(CATALOG_READ_MODELS) private readonly readModels: CatalogReadModelsPort) {}

  @Get()
  @CatalogRead(400)
  @ApiWaitForPosition()
  @ApiOperation({ summary: 'List services', description: 'By number; filter by kind, lifecycle, criticality, owner group and text in the name.' })
  @ApiOkResponse({ type: ServicePageResponse })
  async list(@Query() query: ListServicesQuery, @WaitForPosition() position: number | undefined) {
    await readAfter(position, (at) => this.readModels.consistency.services(at));
    return this.readModels.services.list(query);
  }
}
