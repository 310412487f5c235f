import { Body, Param, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import type { EventMetadata, ExpectedRevision } from '@itsm/event-sourcing';
import { AddChangeTemplateHandler } from '@itsm/catalog-application';
import { announceWrite, IfMatch, ifMatchCondition, RequestMetadata, withETag } from '@itsm/platform-kit';
import { CatalogController } from '../shared/catalog-controller.decorator';
import { CatalogCreate } from '../shared/catalog-endpoint.decorators';
import { IdParams } from '../shared/id.params';
import { ChangeTemplateResponse } from '../shared/responses/change-template.response';
import { AddChangeTemplateRequest } from './add-change-template.request.dto';

@CatalogController('services')
export class AddChangeTemplateController {
  constructor(private readonly handler: AddChangeTemplateHandler) {}

  @Post(':id/change-templates')
  @CatalogCreate(404, 409, 412)
  @ApiOperation({ summary: 'Add a standard change template', description: 'Refused (409) on a retired service or a duplicate name. ETag = the service’s revision.' })
  @ApiCreatedResponse({ type: ChangeTemplateResponse })
  async add(
    @Param() { id }: IdParams,
    @Body() body: AddChangeTemplateRequest,
    @IfMatch() ifMatch: ExpectedRevision | undefined,
    @RequestMetadata() metadata: EventMetadata,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.handler.execute(id, body, metadata, ifMatchCondition(ifMatch));
    announceWrite(response, result.events, `/api/v1/services/${id}/change-templates`);
    const template: ChangeTemplateResponse = { id: result.templateId, templateId: result.templateId, serviceId: id, ...result.service.changeTemplates[result.templateId] };
    return withETag(template, result.revision);
  }
}
