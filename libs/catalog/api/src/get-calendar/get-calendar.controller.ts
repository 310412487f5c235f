import { Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CalendarResource } from '../shared/calendar-resource';
import { CatalogController } from '../shared/catalog-controller.decorator';
import { CatalogRead } from '../shared/catalog-endpoint.decorators';
import { IdParams } from '../shared/id.params';
import { CalendarResponse } from '../shared/responses/calendar.response';

@CatalogController('calendars')
export class GetCalendarController {
  constructor(private readonly calendars: CalendarResource) {}

  @Get(':id')
  @CatalogRead(400, 404)
  @ApiOperation({ summary: 'Read a calendar', description: 'Read from its event stream. ETag = its revision.' })
  @ApiOkResponse({ type: CalendarResponse })
  get(@Param() { id }: IdParams) {
    return this.calendars.withETag(id);
  }
}
