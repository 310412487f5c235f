import type {
  SlaBreachedV1,
  SlaTargets,
  SlaWarningReachedV1,
  SupportCalendar,
} from '@itsm/contracts';
import type { RecordedEvent } from '@itsm/event-sourcing';

/*
 * The facts of the SLA acceptance scenario, shared by the specs that run it through HTTP: this lib's
 * (libs/incidents/api/src/sla-acceptance.int.spec.ts) and the embedded platform's
 * (apps/platform/src/app/platform-sla-scenario.int.spec.ts). The instants are worked out by hand in the pure
 * spec, libs/incidents/domain/src/sla/sla-acceptance.spec.ts; the timeline itself is sla-acceptance-timeline.ts.
 */

/** The offering's support hours: Berlin, Monday to Friday 09:00–17:00, no holidays (the body of POST /calendars). */
export const SLA_SCENARIO_CALENDAR: SupportCalendar = {
  name: 'Berlin office',
  timeZone: 'Europe/Berlin',
  weeklyHours: (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((day) => ({
    day,
    from: '09:00',
    to: '17:00',
  })),
  holidays: [],
};

/** The offering's targets in business minutes; the scenario's P1 has response 60 and resolution 240. */
export const SLA_SCENARIO_TARGETS: SlaTargets = {
  P1: { responseMinutes: 60, resolutionMinutes: 240 },
  P2: { responseMinutes: 120, resolutionMinutes: 480 },
  P3: { responseMinutes: 240, resolutionMinutes: 960 },
  P4: { responseMinutes: 480, resolutionMinutes: 1920 },
  P5: { responseMinutes: 960, resolutionMinutes: 3840 },
};

/** An instant of the scenario's week in March 2026, written in Berlin local time (CET, +01:00): '06T16:30' is Friday 16:30. */
export const slaScenarioTime = (local: string): string =>
  new Date(`2026-03-${local}+01:00`).toISOString();

/** One SLA warning or breach of a stream: [type, timer kind, threshold or 'breach', instant it was reached]. */
export type SlaAnnouncement = [
  type: 'SlaWarningReached' | 'SlaBreached',
  kind: string,
  threshold: number | 'breach',
  at: string,
];

/** The warnings and breaches among an incident stream's events, in stream order. */
export const slaAnnouncementsIn = (
  events: readonly RecordedEvent[],
): SlaAnnouncement[] =>
  events.flatMap((event): SlaAnnouncement[] => {
    if (event.type === 'SlaWarningReached') {
      const data = event.data as SlaWarningReachedV1;
      return [[event.type, data.kind, data.threshold, data.reachedAt]];
    }
    if (event.type === 'SlaBreached') {
      const data = event.data as SlaBreachedV1;
      return [[event.type, data.kind, 'breach', data.breachedAt]];
    }
    return [];
  });
