import type { Priority, ServiceLifecycle, SupportCalendar } from '@itsm/contracts';
import type { KnownService, SlaTerms } from '@itsm/incidents-domain';

/** One version of a calendar, in force from `effectiveFrom` until the next version. */
export interface CalendarVersion {
  calendarId: string;
  effectiveFrom: Date;
  definition: SupportCalendar;
}

/** What the incident handlers read from their local copy of the catalog (never from the catalog itself). */
export interface IncidentCatalog {
  /** The service as incidents know it; `lifecycle` null when the catalog never published it. */
  serviceForIncident(serviceId: string): Promise<KnownService & { lifecycle: ServiceLifecycle | null }>;
  /** Target for the priority of the offering (the service's default when null), in the calendar in force at `at`; null when unknown. */
  slaTermsFor(serviceId: string, offeringId: string | null, priority: Priority, at: Date): Promise<SlaTerms | null>;
  /** The calendar in force under `calendarId` at `asOf`; null when the catalog never published it. */
  calendarOf(calendarId: string, asOf: Date): Promise<SupportCalendar | null>;
  /** Every version of the calendars named, oldest first (to fold SLA events synchronously). */
  calendarVersions(calendarIds: readonly string[]): Promise<CalendarVersion[]>;
}
