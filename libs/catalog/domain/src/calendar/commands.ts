import type { SupportCalendar } from '@itsm/contracts';
import type { CommandMetadata } from '../command-metadata';

export interface CreateCalendar {
  type: 'CreateCalendar';
  /** `number` is allocated by the application (a database sequence) before the command is decided. */
  data: SupportCalendar & { calendarId: string; number: string };
  metadata: CommandMetadata;
}

export interface UpdateCalendar {
  type: 'UpdateCalendar';
  data: { changes: Partial<SupportCalendar> };
  metadata: CommandMetadata;
}

export type CalendarCommand = CreateCalendar | UpdateCalendar;
