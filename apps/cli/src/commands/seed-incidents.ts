import { incidentStreamId } from '@itsm/contracts';
import { createInMemoryEventStore, type EventStore, type SqlExecutor, type StreamAppend } from '@itsm/event-store';
import {
  AssignIncidentHandler,
  CancelIncidentHandler,
  CloseIncidentHandler,
  DEFAULT_INCIDENTS_SCHEMA,
  HoldIncidentHandler,
  IncidentStreams,
  MajorIncidentHandler,
  OpenIncidentHandler,
  ResolveIncidentHandler,
  ResumeIncidentHandler,
  SqlIncidentCatalog,
  SqlIncidentNumberAllocator,
  StartIncidentHandler,
  type Clock,
  type IncidentCatalog,
  type IncidentNumberAllocator,
} from '@itsm/incidents-application';
import { DEFAULT_INCIDENT_POLICY } from '@itsm/incidents-domain';
import { writePipelineOn } from '@itsm/platform-kit';
import { seedCatalog, type SeededService } from './seed-catalog';
import { planSeedIncident, type SeedIncidentPlan, type SeedStep } from './seed-incident-plan';
import type { SeedAppendMode } from './seed-append-modes';
import { SEED_INCIDENT_MANAGER_METADATA, SEED_METADATA } from './seed-metadata';
import { catalogReadOnce, stagedAppendOf, writeStagedLives } from './staged-incident-life';

export type { SeedAppendMode } from './seed-append-modes';

export interface SeedIncidentsOptions {
  count: number;
  /** Services to seed first (each with two offerings); default 10. */
  services?: number;
  /** Incidents written at the same time, each by its own writer on its own stream; default 16. */
  batch?: number;
  /** Default `per-incident`. */
  append?: SeedAppendMode;
  /** `per-incident`: lives each writer stages before writing them in one multi-stream append; default 50. */
  incidentsPerAppend?: number;
  /** Write the incidents on these services instead of seeding a new catalog first. */
  onServices?: readonly SeededService[];
  /** "Now" of the seeded history (incidents are opened up to 180 days before it); default the wall clock. */
  now?: Date;
  onProgress?(progress: SeedProgress): void;
}

export interface SeedProgress {
  incidents: number;
  events: number;
}

export interface SeedIncidentsResult extends SeedProgress {
  services: SeededService[];
  /** Time spent writing incidents (the catalog seed not included). */
  ms: number;
  /** The seeded incidents' ids, in no particular order. */
  incidentIds: string[];
}

/** Each writer moves its own clock through its incident's life, so commands happen at their planned times. */
class PlannedClock implements Clock {
  at = new Date();
  now(): Date {
    return this.at;
  }
}

type Log = { store: EventStore; db: SqlExecutor };

/** The handlers a seeded life uses, on one store (the real log, or a staging one) and one clock. */
const lifeHandlers = (store: Pick<EventStore, 'readStream' | 'appendToStream'>, catalog: IncidentCatalog, numbers: IncidentNumberAllocator, clock: Clock) => {
  const streams = new IncidentStreams({ pipeline: writePipelineOn(store), catalog, clock });
  return {
    open: new OpenIncidentHandler(streams, numbers, catalog, DEFAULT_INCIDENT_POLICY),
    assign: new AssignIncidentHandler(streams),
    start: new StartIncidentHandler(streams),
    hold: new HoldIncidentHandler(streams),
    resume: new ResumeIncidentHandler(streams),
    major: new MajorIncidentHandler(streams),
    resolve: new ResolveIncidentHandler(streams),
    close: new CloseIncidentHandler(streams),
    cancel: new CancelIncidentHandler(streams),
  };
};
type LifeHandlers = ReturnType<typeof lifeHandlers>;

const runStep = (handlers: LifeHandlers, id: string, step: SeedStep) => {
  switch (step.kind) {
    case 'assign':
      return handlers.assign.execute(id, { group: step.group, agent: step.agent }, SEED_METADATA);
    case 'start':
      return handlers.start.execute(id, step.assignTo ? { assignTo: step.assignTo } : {}, SEED_METADATA);
    case 'hold':
      return handlers.hold.execute(id, { reason: step.reason }, SEED_METADATA);
    case 'resume':
      return handlers.resume.execute(id, SEED_METADATA);
    case 'proposeMajor':
      return handlers.major.execute(id, { action: 'propose', justification: 'Many callers affected' }, SEED_METADATA);
    case 'acceptMajor':
      return handlers.major.execute(id, { action: 'accept' }, SEED_INCIDENT_MANAGER_METADATA);
    case 'resolve':
      return handlers.resolve.execute(id, { code: step.code, notes: 'Seeded resolution' }, SEED_METADATA);
    case 'close':
      return handlers.close.execute(id, SEED_METADATA);
    case 'cancel':
      return handlers.cancel.execute(id, { reason: 'Seeded cancellation' }, SEED_METADATA);
  }
};

/** Runs one planned incident's life through the incident handlers; returns its id and the events they appended. */
const runIncidentLife = async (handlers: LifeHandlers, clock: PlannedClock, plan: SeedIncidentPlan): Promise<{ id: string; events: number }> => {
  clock.at = plan.openedAt;
  const opened = await handlers.open.execute(plan.open, SEED_METADATA);
  let events = opened.events.length;
  for (const step of plan.steps) {
    clock.at = new Date(clock.at.getTime() + step.afterMinutes * 60_000);
    events += (await runStep(handlers, opened.id, step)).events.length;
  }
  return { id: opened.id, events };
};

/** Writes planned incidents in the chosen append mode; returns each one's id and the number of events appended. */
const incidentWriter = (append: SeedAppendMode, store: EventStore, catalog: IncidentCatalog, numbers: IncidentNumberAllocator) => {
  const clock = new PlannedClock();
  if (append === 'per-command') {
    const handlers = lifeHandlers(store, catalog, numbers, clock);
    return async (plans: readonly SeedIncidentPlan[]) => {
      const written = [];
      for (const plan of plans) written.push(await runIncidentLife(handlers, clock, plan));
      return written;
    };
  }
  const readOnce = catalogReadOnce(catalog);
  return async (plans: readonly SeedIncidentPlan[]) => {
    // Each batch of lives is staged in a fresh in-memory log, then written to the real one in one append.
    const staging = createInMemoryEventStore({ now: () => clock.now() });
    const handlers = lifeHandlers(staging, readOnce, numbers, clock);
    const ids: string[] = [];
    const appends: StreamAppend[] = [];
    for (const plan of plans) {
      const { id } = await runIncidentLife(handlers, clock, plan);
      ids.push(id);
      appends.push(await stagedAppendOf(staging, incidentStreamId(id)));
    }
    const appended = await writeStagedLives(appends, store);
    return ids.map((id, index) => ({ id, events: appended[index].events.length }));
  };
};

/**
 * Seeds the catalog (unless `onServices` names one), then `count` incidents through the incident handlers — the
 * real command path: INC numbers, the SLA timers in the same stream (the due timers follow as a projection when a
 * host runs) — with `batch` writers in parallel on distinct streams, each appending per incident or per command.
 */
export const seedIncidents = async (log: Log, options: SeedIncidentsOptions): Promise<SeedIncidentsResult> => {
  const services = options.onServices ? [...options.onServices] : await seedCatalog(log, options.services ?? 10);
  const now = options.now ?? new Date();
  const catalog = new SqlIncidentCatalog(log.db);
  const numbers = new SqlIncidentNumberAllocator(log.db, DEFAULT_INCIDENTS_SCHEMA);
  const progress: SeedProgress = { incidents: 0, events: 0 };
  const incidentIds: string[] = [];
  const append = options.append ?? 'per-incident';
  const plansPerWrite = append === 'per-incident' ? Math.max(1, options.incidentsPerAppend ?? 50) : 1;
  let next = 0;
  const writer = async () => {
    const write = incidentWriter(append, log.store, catalog, numbers);
    for (let first = next; first < options.count; first = next) {
      next = Math.min(options.count, first + plansPerWrite);
      const plans = Array.from({ length: next - first }, (_, offset) => planSeedIncident(first + offset, services, now));
      for (const written of await write(plans)) {
        incidentIds.push(written.id);
        progress.incidents += 1;
        progress.events += written.events;
      }
      options.onProgress?.(progress);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.batch ?? 16, options.count)) }, writer));
  return { ...progress, services, incidentIds, ms: performance.now() - started };
};
