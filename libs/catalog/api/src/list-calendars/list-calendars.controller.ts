import { Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiWaitForPosition, readAfter, WaitForPosition } from '@itsm/platform-kit';
import { CatalogController } from '../shared/catalog-controller.decorator';
import { CatalogRead } from '../shared/catalog-endpoint.decorators';
import { CATALOG_READ_MODELS, type CatalogReadModelsPort } from '../shared/catalog-read-models.port';
import { CalendarPageResponse } from '../shared/responses/calendar.response';
import { ListCalendarsQuery } from './list-calendars.query.dto';

@CatalogController('calendars')
export class ListCalendarsController {
  constructor(@Inject(CATALOG_READ_MODELS) private readonly readModels: CatalogReadModelsPort) {}

  @Get()
  @CatalogRead(400)
  @ApiWaitForPosition()
  @ApiOperation({ summary: 'List support-hours calendars', description: 'In the order they were created; `q` finds text in the name or the number.' })
  @ApiOkResponse({ type: CalendarPageResponse })
  async list(@Query() query: ListCalendarsQuery, @WaitForPosition() position: number | undefined) {
    await readAfter(position, (at) => this.readModels.consistency.calendars(at));
    return this.readModels.calendars.list(query);
  }
}
