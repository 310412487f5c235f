import type { EventStore } from '@itsm/event-store';
import { IncidentStreams, systemClock, type IncidentCatalog } from '@itsm/incidents-application';
import { writePipelineOn } from '@itsm/platform-kit';
import { incidentStreamId } from '@itsm/contracts';
import { percentilesOf, timedMs, type Percentiles } from './incident-list-bench';

export interface AsOfResult {
  /** Folding the stream up to a past instant (GET ?asOf=…). */
  asOf: Percentiles;
  /** Folding the whole stream (plain GET), for comparison. */
  current: Percentiles;
  meanEventsPerStream: number;
}

/**
 * The GET-equivalent fold of one incident: read its stream (up to `asOf` when given), fold incident and SLA sides
 * with the catalog's calendars — for `samples` incidents, each at the instant its middle event was recorded.
 */
export const runAsOfBench = async (store: EventStore, catalog: IncidentCatalog, incidentIds: readonly string[], samples: number): Promise<AsOfResult> => {
  const streams = new IncidentStreams({ pipeline: writePipelineOn(store), catalog, clock: systemClock });
  const asOf: number[] = [];
  const current: number[] = [];
  let events = 0;
  for (let sample = 0; sample < samples; sample++) {
    const id = incidentIds[Math.floor((sample * incidentIds.length) / samples)];
    const stream = await store.readStream(incidentStreamId(id));
    events += stream.length;
    const at = new Date(stream[Math.floor((stream.length - 1) / 2)].recordedAt);
    asOf.push(await timedMs(() => streams.load(id, { asOf: at })));
    current.push(await timedMs(() => streams.load(id)));
  }
  return { asOf: percentilesOf(asOf), current: percentilesOf(current), meanEventsPerStream: Math.round((events / samples) * 10) / 10 };
};
