import { Get, Inject, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiWaitForPosition, WaitForPosition } from '@itsm/platform-kit';
import { CalendarResource } from '../shared/calendar-resource';
import { CatalogController } from '../shared/catalog-controller.decorator';
import { CatalogRead } from '../shared/catalog-endpoint.decorators';
import { CATALOG_READ_MODELS, type CatalogReadModelsPort } from '../shared/catalog-read-models.port';
import { idOfRef, NUMBERED_CALENDAR } from '../shared/numbered-ref';
import { CalendarResponse } from '../shared/responses/calendar.response';
import { CalendarRefParams } from './calendar-ref.params';

@CatalogController('calendars')
export class GetCalendarController {
  constructor(
    private readonly calendars: CalendarResource,
    @Inject(CATALOG_READ_MODELS) private readonly readModels: CatalogReadModelsPort,
  ) {}

  @Get(':id')
  @CatalogRead(400, 404)
  @ApiWaitForPosition()
  @ApiOperation({
    summary: 'Read a calendar',
    description:
      'Read from its event stream: always current. ETag = its revision. `:id` is the calendar id or its number ' +
      '(CAL0000001, looked up in the read model: X-Wait-For-Position reads a just-created one).',
  })
  @ApiOkResponse({ type: CalendarResponse })
  async get(@Param() { id: ref }: CalendarRefParams, @WaitForPosition() position: number | undefined) {
    const id = await idOfRef(NUMBERED_CALENDAR, ref, position, {
      caughtUp: (at) => this.readModels.consistency.calendars(at),
      idOfNumber: (number) => this.readModels.calendars.idOfNumber(number),
    });
    return this.calendars.withETag(id);
  }
}
