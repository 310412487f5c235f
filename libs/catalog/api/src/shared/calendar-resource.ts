import { Inject, Injectable } from '@nestjs/common';
import { withETag, type WithETag } from '@itsm/platform-kit';
import { CATALOG_READ_MODELS, type CatalogReadModelsPort } from './catalog-read-models.port';
import { notFound } from './catalog-errors.filter';
import type { CalendarResponse } from './responses/calendar.response';

/** A calendar as its stream says now, with its revision as ETag; 404 when there is none. */
@Injectable()
export class CalendarResource {
  constructor(@Inject(CATALOG_READ_MODELS) private readonly readModels: CatalogReadModelsPort) {}

  async withETag(calendarId: string): Promise<WithETag<CalendarResponse>> {
    const calendar = await this.readModels.calendars.get(calendarId);
    if (!calendar) throw notFound('calendar', calendarId);
    return withETag(calendar, calendar.revision);
  }
}
