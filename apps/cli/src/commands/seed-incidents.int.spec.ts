import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IncidentStreams, SqlIncidentCatalog, systemClock } from '@itsm/incidents-application';
import { stateOf } from '@itsm/incidents-domain';
import { openEventLog, validateRuntimeConfig, writePipelineOn } from '@itsm/platform-kit';
import type { RecordedEvent } from '@itsm/event-sourcing';
import { planSeedIncident } from './seed-incident-plan';
import type { SeedAppendMode } from './seed-incidents';
import { runSeedIncidents } from './seed.command';

const env = (dataDir: string): NodeJS.ProcessEnv => {
  const vars: NodeJS.ProcessEnv = { ...process.env, ITSM_DATA_DIR: dataDir };
  delete vars['DATABASE_URL'];
  delete vars['EVENTSTORE_URL'];
  return vars;
};

describe('itsm seed incidents (embedded data folder)', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'itsm-seed-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('writes the catalog and N incidents through the incident commands, in a mix of states, readable back from the log', async () => {
    const result = await runSeedIncidents({ count: 60, services: 3, batch: 4, append: 'per-incident', progressBar: false, quiet: true }, env(dataDir));
    expect(result.incidents).toBe(60);
    expect(result.services).toHaveLength(3);

    const log = await openEventLog(validateRuntimeConfig(env(dataDir)));
    try {
      const catalog = new SqlIncidentCatalog(log.db);
      const streams = new IncidentStreams({ pipeline: writePipelineOn(log.store), catalog, clock: systemClock });
      const loaded = await Promise.all(result.incidentIds.map((id) => streams.load(id)));
      const numbers = new Set(loaded.map(({ incident }) => incident.number));
      const states = new Set(loaded.map(({ incident }) => stateOf(incident)));
      const seededServices = new Set(result.services.map(({ serviceId }) => serviceId));
      expect(numbers.size).toBe(60);
      expect(loaded.every(({ incident }) => seededServices.has(incident.serviceId))).toBe(true);
      expect(states.size).toBeGreaterThanOrEqual(4);
      // The incidents' catalog copy learned the seeded services (opening would have failed otherwise).
      expect(await catalog.serviceForIncident(result.services[0].serviceId)).not.toBeNull();
      // Every event the seed counted is in the log, on incident streams, with the SLA timers in the same streams.
      const { events: all } = await log.store.readAll({ maxCount: 100_000 });
      const events = all.filter((event) => event.streamId.startsWith('incident-'));
      expect(events).toHaveLength(result.events);
      expect(events.some((event) => event.type === 'SlaTimerStarted')).toBe(true);
    } finally {
      await log.close();
    }
  }, 120_000);

  it('writes the same lives whether each incident is one append or each command is one', async () => {
    const now = new Date('2026-11-20T12:00:00Z');
    const livesWritten = async (append: SeedAppendMode, folder: string) => {
      const result = await runSeedIncidents({ count: 40, services: 2, batch: 3, append, now, progressBar: false, quiet: true }, env(folder));
      const log = await openEventLog(validateRuntimeConfig(env(folder)));
      try {
        const { events } = await log.store.readAll({ maxCount: 100_000 });
        const byStream = new Map<string, RecordedEvent[]>();
        for (const event of events.filter((candidate) => candidate.streamId.startsWith('incident-'))) {
          byStream.set(event.streamId, [...(byStream.get(event.streamId) ?? []), event]);
        }
        const revisionsPerStream = [...byStream.values()].map((stream) => new Set(stream.map((event) => event.recordedAt)).size);
        // A life: what was said at which planned instant, whatever the ids, numbers and recording times.
        const lives = [...byStream.values()]
          .map((stream) => stream.map((event) => `${event.occurredAt} ${event.type}`).join(' | '))
          .sort();
        return { result, lives, appendsPerStream: revisionsPerStream };
      } finally {
        await log.close();
      }
    };
    const other = mkdtempSync(join(tmpdir(), 'itsm-seed-'));
    try {
      const perIncident = await livesWritten('per-incident', dataDir);
      const perCommand = await livesWritten('per-command', other);
      expect(perIncident.result.events).toBe(perCommand.result.events);
      expect(perIncident.lives).toEqual(perCommand.lives);
      // One append per incident: every event of a stream recorded together; per command, most lives took several.
      expect(perIncident.appendsPerStream.every((appends) => appends === 1)).toBe(true);
      expect(perCommand.appendsPerStream.filter((appends) => appends > 1).length).toBeGreaterThan(20);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  }, 120_000);

  it('plans the same incident for the same index, with its commands in time order before "now"', () => {
    const services = [{ serviceId: '00000000-0000-4000-8000-000000000001', offeringIds: ['00000000-0000-4000-8000-000000000002'] }];
    const now = new Date('2026-11-26T00:00:00Z');
    const plans = Array.from({ length: 200 }, (_, index) => planSeedIncident(index, services, now));
    expect(planSeedIncident(7, services, now)).toEqual(plans[7]);
    for (const plan of plans) {
      const end = plan.steps.reduce((at, step) => at + step.afterMinutes * 60_000, plan.openedAt.getTime());
      expect(end).toBeLessThan(now.getTime());
    }
    expect(new Set(plans.map((plan) => plan.steps.at(-1)?.kind ?? 'open')).size).toBeGreaterThanOrEqual(5);
  });
});
