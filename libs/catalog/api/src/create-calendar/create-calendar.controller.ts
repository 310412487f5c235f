import { Body, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import type { EventMetadata } from '@itsm/event-sourcing';
import { CreateCalendarHandler } from '@itsm/catalog-application';
import { announceWrite, RequestMetadata } from '@itsm/platform-kit';
import { CalendarResource } from '../shared/calendar-resource';
import { CatalogController } from '../shared/catalog-controller.decorator';
import { CatalogRegister } from '../shared/catalog-endpoint.decorators';
import { CalendarResponse } from '../shared/responses/calendar.response';
import { CreateCalendarRequest } from './create-calendar.request.dto';

@CatalogController('calendars')
export class CreateCalendarController {
  constructor(
    private readonly handler: CreateCalendarHandler,
    private readonly calendars: CalendarResource,
  ) {}

  @Post()
  @CatalogRegister(409)
  @ApiOperation({ summary: 'Create a support-hours calendar', description: 'Time zone, weekly hours and holidays; offerings count SLA minutes in it.' })
  @ApiCreatedResponse({ type: CalendarResponse })
  async create(@Body() body: CreateCalendarRequest, @RequestMetadata() metadata: EventMetadata, @Res({ passthrough: true }) response: Response) {
    const result = await this.handler.execute(body, metadata);
    announceWrite(response, result.events, `/api/v1/calendars/${result.id}`);
    return this.calendars.withETag(result.id);
  }
}
