import { Body, Param, Patch, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import type { EventMetadata, ExpectedRevision } from '@itsm/event-sourcing';
import { UpdateCalendarHandler } from '@itsm/catalog-application';
import { announceWrite, IfMatch, ifMatchCondition, RequestMetadata } from '@itsm/platform-kit';
import { CalendarResource } from '../shared/calendar-resource';
import { CatalogController } from '../shared/catalog-controller.decorator';
import { CatalogWrite } from '../shared/catalog-endpoint.decorators';
import { IdParams } from '../shared/id.params';
import { CalendarResponse } from '../shared/responses/calendar.response';
import { UpdateCalendarRequest } from './update-calendar.request.dto';

@CatalogController('calendars')
export class UpdateCalendarController {
  constructor(
    private readonly handler: UpdateCalendarHandler,
    private readonly calendars: CalendarResource,
  ) {}

  @Patch(':id')
  @CatalogWrite(404, 409, 412)
  @ApiOperation({
    summary: 'Change a calendar’s name, time zone, weekly hours or holidays',
    description: 'SLA clocks already running keep the calendar version they started on; new ones count in this one.',
  })
  @ApiOkResponse({ type: CalendarResponse })
  async update(
    @Param() { id }: IdParams,
    @Body() body: UpdateCalendarRequest,
    @IfMatch() ifMatch: ExpectedRevision | undefined,
    @RequestMetadata() metadata: EventMetadata,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.handler.execute(id, body, metadata, ifMatchCondition(ifMatch));
    announceWrite(response, result.events);
    return this.calendars.withETag(id);
  }
}
