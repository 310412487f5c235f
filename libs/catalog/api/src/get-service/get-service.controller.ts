import { Get, Inject, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiWaitForPosition, WaitForPosition } from '@itsm/platform-kit';
import { CatalogRead } from '../shared/catalog-endpoint.decorators';
import { CATALOG_READ_MODELS, type CatalogReadModelsPort } from '../shared/catalog-read-models.port';
import { ServiceResponse } from '../shared/responses/service.response';
import { ServiceResource } from '../shared/service-resource';
import { CatalogController } from '../shared/catalog-controller.decorator';
import { idOfRef, NUMBERED_SERVICE } from '../shared/numbered-ref';
import { ServiceRefParams } from './service-ref.params';

@CatalogController('services')
export class GetServiceController {
  constructor(
    private readonly services: ServiceResource,
    @Inject(CATALOG_READ_MODELS) private readonly readModels: CatalogReadModelsPort,
  ) {}

  @Get(':id')
  @CatalogRead(400, 404)
  @ApiWaitForPosition()
  @ApiOperation({
    summary: 'Read a service',
    description:
      'Read from its event stream: always current. ETag = its revision. `:id` is the service id or its number ' +
      '(SVC0000001, looked up in the read model: X-Wait-For-Position reads a just-registered one).',
  })
  @ApiOkResponse({ type: ServiceResponse })
  async get(@Param() { id: ref }: ServiceRefParams, @WaitForPosition() position: number | undefined) {
    return this.services.withETag(await this.idOf(ref, position));
  }

  private idOf(ref: string, position: number | undefined): Promise<string> {
    return idOfRef(NUMBERED_SERVICE, ref, position, {
      caughtUp: (at) => this.readModels.consistency.services(at),
      idOfNumber: (number) => this.readModels.services.idOfNumber(number),
    });
  }
}
