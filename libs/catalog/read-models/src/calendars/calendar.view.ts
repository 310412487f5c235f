import type { WeeklyHours } from '@itsm/contracts';

export interface CalendarView {
  id: string;
  name: string;
  timeZone: string;
  weeklyHours: WeeklyHours[];
  holidays: string[];
  /** Stream revision: the resource's ETag. */
  revision: number;
  createdAt: string;
  updatedAt: string;
}
