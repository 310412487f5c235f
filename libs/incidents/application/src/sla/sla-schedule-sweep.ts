import { INCIDENT_STREAM_PREFIX, incidentIdOf } from '@itsm/contracts';
import type { EventStore } from '@itsm/event-store';
import { pendingSlaDeadlines } from '@itsm/incidents-domain';
import type { IncidentCatalog } from '../catalog-copy/incident-catalog.port';
import { loadIncidentStream } from '../incidents/incident-stream';
import type { SlaTimerStore } from './sla-timer-store';

export interface SlaScheduleSweepOptions {
  store: Pick<EventStore, 'readAll' | 'readStream'>;
  catalog: Pick<IncidentCatalog, 'calendarVersions'>;
  timers: SlaTimerStore;
  /** Incident events read per page of the log; default 500. */
  pageSize?: number;
}

export interface SlaScheduleSweepResult {
  /** Incident events read after the previous sweep's checkpoint. */
  scanned: number;
  /** Incidents whose schedule was missing or older than their stream, rescheduled from the log. */
  rescheduled: number;
}

/**
 * Closes the gap between an incident append and its timer rows (two transactions): reads the incident events after
 * the last sweep's checkpoint, and for every incident whose `sla_schedules` revision is missing or behind its
 * stream, writes `pendingSlaDeadlines` of the folded stream. Bounded (one page in memory, and only the log since the
 * checkpoint) and idempotent: a second run finds every schedule current, and two sweeps at once rewrite the same
 * rows under the revision guard of `reschedule`.
 */
export const sweepSlaSchedules = async ({
  store,
  catalog,
  timers,
  pageSize = 500,
}: SlaScheduleSweepOptions): Promise<SlaScheduleSweepResult> => {
  let position = await timers.sweepCheckpoint();
  let scanned = 0;
  let rescheduled = 0;
  for (;;) {
    const page = await store.readAll({
      fromPosition: position,
      maxCount: pageSize,
      filter: { streamPrefixes: [INCIDENT_STREAM_PREFIX] },
    });
    scanned += page.events.length;
    const lastRevisionOf = new Map<string, number>();
    for (const event of page.events) {
      const id = incidentIdOf(event.streamId);
      lastRevisionOf.set(id, Math.max(lastRevisionOf.get(id) ?? -1, event.streamRevision));
    }
    const scheduled = await timers.scheduledRevisions([...lastRevisionOf.keys()]);
    for (const [id, revision] of lastRevisionOf) {
      if ((scheduled.get(id) ?? -1) >= revision) continue;
      const loaded = await loadIncidentStream(store, catalog, id);
      if (await timers.reschedule(id, loaded.revision, pendingSlaDeadlines(loaded.sla))) rescheduled++;
    }
    // Only after the page's incidents are scheduled: a crash mid-page sweeps the page again.
    if (page.lastPosition > position) await timers.advanceSweepCheckpoint(page.lastPosition);
    if (page.events.length < pageSize || page.lastPosition <= position) break;
    position = page.lastPosition;
  }
  return { scanned, rescheduled };
};
