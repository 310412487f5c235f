import { PartialType } from '@nestjs/swagger';
import { CreateCalendarRequest } from '../create-calendar/create-calendar.request.dto';

/** Any of the calendar's fields; the others stay as they are. null is not "leave as is": it is refused (400). */
export class UpdateCalendarRequest extends PartialType(CreateCalendarRequest, { skipNullProperties: false }) {}
