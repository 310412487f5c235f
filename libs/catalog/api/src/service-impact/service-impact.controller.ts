import { Get, Inject, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiWaitForPosition, readAfter, WaitForPosition } from '@itsm/platform-kit';
import { CatalogController } from '../shared/catalog-controller.decorator';
import { CatalogRead } from '../shared/catalog-endpoint.decorators';
import { CATALOG_READ_MODELS, type CatalogReadModelsPort } from '../shared/catalog-read-models.port';
import { IdParams } from '../shared/id.params';
import { ImpactResponse } from '../shared/responses/impacted-service.response';
import { ServiceResource } from '../shared/service-resource';

@CatalogController('services')
export class ServiceImpactController {
  constructor(
    @Inject(CATALOG_READ_MODELS) private readonly readModels: CatalogReadModelsPort,
    private readonly services: ServiceResource,
  ) {}

  @Get(':id/impact')
  @CatalogRead(400, 404)
  @ApiWaitForPosition()
  @ApiOperation({ summary: 'Services impacted by an outage of this one', description: 'Every service that depends on it, directly or transitively.' })
  @ApiOkResponse({ type: ImpactResponse })
  async impact(@Param() { id }: IdParams, @WaitForPosition() position: number | undefined): Promise<ImpactResponse> {
    await this.services.load(id);
    await readAfter(position, (at) => this.readModels.consistency.services(at));
    return { serviceId: id, items: await this.readModels.impact.impactOf(id), nextCursor: null };
  }
}
