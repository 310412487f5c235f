import type { SupportCalendar } from '@itsm/contracts';
import type { SlaCalendarSource } from '@itsm/incidents-domain';
import type { CalendarVersion } from '../../ports/incident-catalog.port';

/**
 * The version in force at `asOf`: the last one effective at or before it. An instant before the first version
 * (an incident time older than the copy, e.g. imported data) gets the first version: the calendar as first known.
 */
export const calendarInForce = (versions: readonly CalendarVersion[], asOf: Date): SupportCalendar | null => {
  let found: CalendarVersion | undefined;
  for (const version of versions) {
    if (version.effectiveFrom.getTime() <= asOf.getTime()) found = version;
  }
  return (found ?? versions[0])?.definition ?? null;
};

/** A synchronous `calendarOf` for the SLA fold over versions loaded beforehand. */
export const calendarSourceOf = (versions: readonly CalendarVersion[]): SlaCalendarSource => {
  const byCalendar = new Map<string, CalendarVersion[]>();
  for (const version of versions) byCalendar.set(version.calendarId, [...(byCalendar.get(version.calendarId) ?? []), version]);
  return (calendarId, asOf) => {
    const calendar = calendarInForce(byCalendar.get(calendarId) ?? [], asOf);
    if (!calendar) throw new Error(`Calendar ${calendarId} is not in the incidents' copy of the catalog`);
    return calendar;
  };
};
