import { Body, Param, Put, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import type { EventMetadata, ExpectedRevision } from '@itsm/event-sourcing';
import { SetMaintenanceWindowsHandler } from '@itsm/catalog-application';
import { announceWrite, IfMatch, ifMatchCondition, RequestMetadata } from '@itsm/platform-kit';
import { CatalogController } from '../shared/catalog-controller.decorator';
import { CatalogWriteBy } from '../shared/catalog-endpoint.decorators';
import { IdParams } from '../shared/id.params';
import { ServiceMaintenanceWindowsResponse } from '../shared/responses/maintenance-windows.response';
import { ServiceResource } from '../shared/service-resource';
import { SetMaintenanceWindowsRequest } from './set-maintenance-windows.request.dto';

@CatalogController('services')
export class SetMaintenanceWindowsController {
  constructor(
    private readonly handler: SetMaintenanceWindowsHandler,
    private readonly services: ServiceResource,
  ) {}

  /** PUT: the windows are one value of the service, replaced as a whole. Change managers keep them too. */
  @Put(':id/maintenance-windows')
  @CatalogWriteBy(['service-owner', 'admin', 'change-manager'], 404, 409, 412)
  @ApiOperation({
    summary: 'Set the service’s maintenance windows (replaces the previous set)',
    description:
      'Weekly windows in one IANA time zone in which changes may be implemented; an empty list means none. Refused (409) on a retired service and for windows that overlap (across midnight too). ETag = the service’s revision.',
  })
  @ApiOkResponse({ type: ServiceMaintenanceWindowsResponse })
  async set(
    @Param() { id }: IdParams,
    @Body() body: SetMaintenanceWindowsRequest,
    @IfMatch() ifMatch: ExpectedRevision | undefined,
    @RequestMetadata() metadata: EventMetadata,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.handler.execute(id, body, metadata, ifMatchCondition(ifMatch));
    announceWrite(response, result.events, `/api/v1/services/${id}/maintenance-windows`);
    return this.services.maintenanceWindowsWithETag(id);
  }
}
