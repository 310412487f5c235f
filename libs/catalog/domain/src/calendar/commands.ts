import type { SupportCalendar } from '@itsm/contracts';
import type { CommandMetadata } from '../command-metadata';

export interface CreateCalendar {
  type: 'CreateCalendar';
  data: SupportCalendar & { calendarId: string };
  metadata: CommandMetadata;
}

export interface UpdateCalendar {
  type: 'UpdateCalendar';
  data: { changes: Partial<SupportCalendar> };
  metadata: CommandMetadata;
}

export type CalendarCommand = CreateCalendar | UpdateCalendar;
