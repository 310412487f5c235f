import { Body, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import type { EventMetadata } from '@itsm/event-sourcing';
import { RegisterServiceHandler } from '@itsm/catalog-application';
import { announceWrite, RequestMetadata } from '@itsm/platform-kit';
import { CatalogRegister } from '../shared/catalog-endpoint.decorators';
import { ServiceResponse } from '../shared/responses/service.response';
import { ServiceResource } from '../shared/service-resource';
import { RegisterServiceRequest } from './register-service.request.dto';
import { CatalogController } from '../shared/catalog-controller.decorator';

@CatalogController('services')
export class RegisterServiceController {
  constructor(
    private readonly handler: RegisterServiceHandler,
    private readonly services: ServiceResource,
  ) {}

  @Post()
  @CatalogRegister()
  @ApiOperation({ summary: 'Register a service', description: 'It gets a number (SVC…) and starts in the pipeline lifecycle; criticality `medium` unless given.' })
  @ApiCreatedResponse({ type: ServiceResponse, description: 'The new service; ETag = its revision, Location = its URL' })
  async register(@Body() body: RegisterServiceRequest, @RequestMetadata() metadata: EventMetadata, @Res({ passthrough: true }) response: Response) {
    const result = await this.handler.execute(body, metadata);
    announceWrite(response, result.events, `/api/v1/services/${result.id}`);
    return this.services.registeredWithETag(result.id, result.events);
  }
}
