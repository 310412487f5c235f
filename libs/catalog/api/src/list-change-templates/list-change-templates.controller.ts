import { Get, Inject, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiWaitForPosition, readAfter, WaitForPosition } from '@itsm/platform-kit';
import { CatalogController } from '../shared/catalog-controller.decorator';
import { CatalogRead } from '../shared/catalog-endpoint.decorators';
import { CATALOG_READ_MODELS, type CatalogReadModelsPort } from '../shared/catalog-read-models.port';
import { IdParams } from '../shared/id.params';
import { ChangeTemplateListResponse } from '../shared/responses/change-template.response';
import { ServiceResource } from '../shared/service-resource';

@CatalogController('services')
export class ListChangeTemplatesController {
  constructor(
    @Inject(CATALOG_READ_MODELS) private readonly readModels: CatalogReadModelsPort,
    private readonly services: ServiceResource,
  ) {}

  @Get(':id/change-templates')
  @CatalogRead(400, 404)
  @ApiWaitForPosition()
  @ApiOperation({ summary: 'List a service’s standard change templates', description: 'In the order they were added.' })
  @ApiOkResponse({ type: ChangeTemplateListResponse })
  async list(@Param() { id }: IdParams, @WaitForPosition() position: number | undefined): Promise<ChangeTemplateListResponse> {
    await this.services.load(id);
    await readAfter(position, (at) => this.readModels.consistency.services(at));
    return { items: await this.readModels.services.changeTemplatesOf(id), nextCursor: null };
  }
}
