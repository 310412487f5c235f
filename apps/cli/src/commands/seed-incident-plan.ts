import { HOLD_REASONS, RESOLUTION_CODES, type HoldReason, type Impact, type ResolutionCode } from '@itsm/contracts';
import { SEED_SUPPORT_GROUPS, type SeededService } from './seed-catalog';

/** One command of a seeded incident's life, `afterMinutes` after the previous one. */
export type SeedStep = { afterMinutes: number } & (
  | { kind: 'assign'; group: string; agent: string | null }
  | { kind: 'start'; assignTo?: { group: string; agent: string } }
  | { kind: 'hold'; reason: HoldReason }
  | { kind: 'resume' }
  | { kind: 'proposeMajor' }
  | { kind: 'acceptMajor' }
  | { kind: 'resolve'; code: ResolutionCode }
  | { kind: 'close' }
  | { kind: 'cancel' }
);

export interface SeedIncidentPlan {
  openedAt: Date;
  open: {
    callerId: string;
    shortDescription: string;
    description: string;
    serviceId: string;
    offeringId: string | null;
    impact: Impact;
    urgency: Impact;
  };
  steps: SeedStep[];
}

const SYMPTOMS = ['Cannot reach', 'Slow response from', 'Error when opening', 'Login fails for', 'Timeout on', 'Crash in', 'Missing data in', 'Wrong totals in'];
const OBJECTS = ['mailbox', 'printer', 'laptop', 'invoice', 'dashboard', 'report', 'badge', 'certificate', 'database', 'backup', 'monitor', 'router'];
const PLACES = ['Berlin office', 'New York office', 'home office', 'warehouse', 'datacenter', 'branch 12', 'finance floor', 'reception'];

/** mulberry32: a small deterministic generator, so one seed index always yields the same incident. */
const randomOf = (seed: number): (() => number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

export const SEED_AGENT_COUNT = 200;
export const SEED_CALLER_COUNT = 5000;
const DAY_MINUTES = 24 * 60;

/**
 * The life of seeded incident number `index`: opened up to `spanDays` before `now`, then a realistic share is
 * assigned, worked, held, resolved (some late enough to breach), closed or cancelled; the steps end before `now`.
 */
export const planSeedIncident = (index: number, services: readonly SeededService[], now: Date, spanDays = 180): SeedIncidentPlan => {
  const random = randomOf(index * 2654435761 + 1);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low));
  const service = pick(services);
  const [symptom, object, place] = [pick(SYMPTOMS), pick(OBJECTS), pick(PLACES)];
  const openedAt = new Date(now.getTime() - between(60, spanDays * DAY_MINUTES) * 60_000);
  const group = pick(SEED_SUPPORT_GROUPS);
  const agent = `agent-${between(1, SEED_AGENT_COUNT + 1)}`;
  const steps: SeedStep[] = [];
  const roll = random();
  if (roll < 0.04) steps.push({ kind: 'cancel', afterMinutes: between(5, 120) });
  else if (roll >= 0.15) {
    const withAgent = random() < 0.6;
    steps.push({ kind: 'assign', group, agent: withAgent ? agent : null, afterMinutes: between(1, 90) });
    if (random() >= 0.2) {
      steps.push({ kind: 'start', afterMinutes: between(1, 240), ...(withAgent ? {} : { assignTo: { group, agent } }) });
      if (random() < 0.005) steps.push({ kind: 'proposeMajor', afterMinutes: 5 }, { kind: 'acceptMajor', afterMinutes: 10 });
      if (random() < 0.08) {
        steps.push({ kind: 'hold', reason: pick(HOLD_REASONS), afterMinutes: between(10, 600) });
        if (random() < 0.4) steps.push({ kind: 'resume', afterMinutes: between(60, 3 * DAY_MINUTES) });
      }
      const onHold = steps[steps.length - 1].kind === 'hold';
      if (!onHold && random() < 0.55) {
        steps.push({ kind: 'resolve', code: pick(RESOLUTION_CODES), afterMinutes: between(10, 4 * DAY_MINUTES) });
        if (random() < 0.3) steps.push({ kind: 'close', afterMinutes: between(DAY_MINUTES, 3 * DAY_MINUTES) });
      }
    }
  }
  let at = openedAt.getTime();
  const inThePast = steps.filter((step) => (at += step.afterMinutes * 60_000) < now.getTime());
  return {
    openedAt,
    open: {
      callerId: `user-${between(1, SEED_CALLER_COUNT + 1)}`,
      shortDescription: `${symptom} ${object} at ${place}`,
      description: `Seeded incident ${index + 1}: ${symptom.toLowerCase()} the ${object}.`,
      serviceId: service.serviceId,
      offeringId: random() < 0.7 ? null : service.offeringIds[1] ?? null,
      impact: between(1, 4) as Impact,
      urgency: between(1, 4) as Impact,
    },
    steps: inThePast,
  };
};

/** The words seeded descriptions are made of, for benches that search them. */
export const SEED_DESCRIPTION_WORDS = { symptoms: SYMPTOMS, objects: OBJECTS, places: PLACES };
