import type { WeeklyHours } from '@itsm/contracts';

export interface CalendarView {
  id: string;
  /** `CAL0000001`; null for a calendar created before calendars were numbered. */
  number: string | null;
  name: string;
  timeZone: string;
  weeklyHours: WeeklyHours[];
  holidays: string[];
  /** Stream revision: the resource's ETag. */
  revision: number;
  createdAt: string;
  updatedAt: string;
}
