import type { EventStore, SqlExecutor } from '@itsm/event-store';
import {
  DEFAULT_INCIDENTS_SCHEMA,
  IncidentCommands,
  SlaTimerStore,
  SqlIncidentCatalog,
  SqlIncidentNumberAllocator,
  type Clock,
} from '@itsm/incidents-application';
import { seedCatalog, type SeededService } from './seed-catalog';
import { planSeedIncident, type SeedIncidentPlan, type SeedStep } from './seed-incident-plan';
import { SEED_METADATA } from './seed-metadata';
import { catalogReadOnce, StagedIncidentLife, writeStagedLives } from './staged-incident-life';

/**
 * How a seeded incident reaches the log. `per-command`: every command is its own append, as through the API.
 * `per-incident`: the same commands run against the incident's stream staged in memory, and its whole life is
 * written as one append (the same events, far fewer round trips and commits) — for seeding at scale.
 */
export type SeedAppendMode = 'per-command' | 'per-incident';
export const SEED_APPEND_MODES: readonly SeedAppendMode[] = ['per-incident', 'per-command'];

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

const runStep = (commands: IncidentCommands, id: string, step: SeedStep) => {
  switch (step.kind) {
    case 'assign':
      return commands.assign(id, { group: step.group, agent: step.agent }, SEED_METADATA);
    case 'start':
      return commands.start(id, step.assignTo ? { assignTo: step.assignTo } : {}, SEED_METADATA);
    case 'hold':
      return commands.hold(id, { reason: step.reason }, SEED_METADATA);
    case 'resume':
      return commands.resume(id, SEED_METADATA);
    case 'proposeMajor':
      return commands.proposeMajor(id, { justification: 'Many callers affected' }, SEED_METADATA);
    case 'acceptMajor':
      return commands.acceptMajor(id, SEED_METADATA);
    case 'resolve':
      return commands.resolve(id, { code: step.code, notes: 'Seeded resolution' }, SEED_METADATA);
    case 'close':
      return commands.close(id, SEED_METADATA);
    case 'cancel':
      return commands.cancel(id, { reason: 'Seeded cancellation' }, SEED_METADATA);
  }
};

/** Runs one planned incident's life through the incident commands; returns its id and the events they appended. */
const runIncidentLife = async (commands: IncidentCommands, clock: PlannedClock, plan: SeedIncidentPlan): Promise<{ id: string; events: number }> => {
  clock.at = plan.openedAt;
  const opened = await commands.open(plan.open, SEED_METADATA);
  let events = opened.events.length;
  for (const step of plan.steps) {
    clock.at = new Date(clock.at.getTime() + step.afterMinutes * 60_000);
    events += (await runStep(commands, opened.id, step)).events.length;
  }
  return { id: opened.id, events };
};

type IncidentCommandsDependencies = ConstructorParameters<typeof IncidentCommands>[0];

/** Writes planned incidents in the chosen append mode; returns each one's id and the number of events appended. */
const incidentWriter = (append: SeedAppendMode, deps: Omit<IncidentCommandsDependencies, 'clock' | 'timers'> & { timers: SlaTimerStore }) => {
  const clock = new PlannedClock();
  if (append === 'per-command') {
    const commands = new IncidentCommands({ ...deps, clock });
    return async (plans: readonly SeedIncidentPlan[]) => {
      const written = [];
      for (const plan of plans) written.push(await runIncidentLife(commands, clock, plan));
      return written;
    };
  }
  const catalog = catalogReadOnce(deps.catalog);
  return async (plans: readonly SeedIncidentPlan[]) => {
    const lives: StagedIncidentLife[] = [];
    const ids: string[] = [];
    for (const plan of plans) {
      const life = new StagedIncidentLife(clock);
      ids.push((await runIncidentLife(new IncidentCommands({ ...deps, catalog, store: life, timers: life.timers, clock }), clock, plan)).id);
      lives.push(life);
    }
    const appended = await writeStagedLives(lives, deps.store, deps.timers);
    return ids.map((id, index) => ({ id, events: appended[index].events.length }));
  };
};

/**
 * Seeds the catalog (unless `onServices` names one), then `count` incidents through `IncidentCommands` — the real
 * event path: INC numbers, SLA timers in the same stream, durable timer rows — with `batch` writers in parallel on
 * distinct streams, each appending per incident or per command (`append`).
 */
export const seedIncidents = async (log: Log, options: SeedIncidentsOptions): Promise<SeedIncidentsResult> => {
  const services = options.onServices ? [...options.onServices] : await seedCatalog(log, options.services ?? 10);
  const now = options.now ?? new Date();
  const deps = {
    store: log.store,
    catalog: new SqlIncidentCatalog(log.db),
    timers: new SlaTimerStore(log.db, DEFAULT_INCIDENTS_SCHEMA),
    numbers: new SqlIncidentNumberAllocator(log.db, DEFAULT_INCIDENTS_SCHEMA),
  };
  const progress: SeedProgress = { incidents: 0, events: 0 };
  const incidentIds: string[] = [];
  const append = options.append ?? 'per-incident';
  const plansPerWrite = append === 'per-incident' ? Math.max(1, options.incidentsPerAppend ?? 50) : 1;
  let next = 0;
  const writer = async () => {
    const write = incidentWriter(append, deps);
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
