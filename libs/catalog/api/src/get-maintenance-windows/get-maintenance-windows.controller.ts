import { Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CatalogController } from '../shared/catalog-controller.decorator';
import { CatalogRead } from '../shared/catalog-endpoint.decorators';
import { IdParams } from '../shared/id.params';
import { ServiceMaintenanceWindowsResponse } from '../shared/responses/maintenance-windows.response';
import { ServiceResource } from '../shared/service-resource';

@CatalogController('services')
export class GetMaintenanceWindowsController {
  constructor(private readonly services: ServiceResource) {}

  @Get(':id/maintenance-windows')
  @CatalogRead(400, 404)
  @ApiOperation({
    summary: 'Read a service’s maintenance windows',
    description: 'From the service’s stream: always current. Never set: `timeZone` null and no windows. ETag = the service’s revision.',
  })
  @ApiOkResponse({ type: ServiceMaintenanceWindowsResponse })
  get(@Param() { id }: IdParams) {
    return this.services.maintenanceWindowsWithETag(id);
  }
}
