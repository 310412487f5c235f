import { Body, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, Query, UseGuards } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { PageQuery } from '@itsm/platform-kit';
// The platform's own request DTO of POST /api/v1/services, so that both apps validate by the very same rules.
import { RegisterServiceRequest } from '../../../../../libs/catalog/api/src/register-service/register-service.request.dto';
import { BearerGuard } from './bearer.guard';
import { ServicesTable } from './services.table';

@Controller()
export class HealthController {
  @Get('health/live')
  live() {
    return { status: 'ok' };
  }
}

@Controller('api/v1/services')
@UseGuards(BearerGuard)
export class ServicesController {
  constructor(@Inject(ServicesTable) private readonly services: ServicesTable) {}

  @Post()
  @HttpCode(201)
  create(@Body() body: RegisterServiceRequest) {
    return this.services.insert({
      id: `service-${randomUUID()}`,
      name: body.name,
      kind: body.kind,
      description: body.description,
      ownerGroup: body.ownerGroup,
      supportGroup: body.supportGroup,
      criticality: body.criticality ?? 'medium',
    });
  }

  @Get(':id')
  async read(@Param('id') id: string) {
    const service = await this.services.byId(id);
    if (!service) throw new NotFoundException();
    return service;
  }

  @Get()
  async list(@Query() query: PageQuery) {
    return { items: await this.services.firstPage(query.limit ?? 20), nextCursor: null };
  }
}
