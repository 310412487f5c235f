/*
 * The five DORA figures of one service over [from, to), computed from the changes completed on it and the incidents
 * they caused. Pure: `DoraQueries` reads the rows, this decides what counts. Every figure names its numerator and
 * denominator and the change and incident numbers behind them, so that a figure can be checked by hand.
 */

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** How long after a failed change a completed change on the same service counts as rework of it. */
export const REWORK_WINDOW_DAYS = 7;

/** Outcomes that make a completed change a failed deployment (as does any incident caused by it). */
export const FAILED_OUTCOMES: readonly string[] = ['failed', 'backed-out'];

/** A change completed on the service (its deployment). */
export interface Delivery {
  changeId: string;
  number: string;
  raisedAt: Date;
  completedAt: Date;
  outcome: string;
}

/** An incident linked to a change as caused by it (the changes' incidents copy). */
export interface DeliveryIncident {
  changeId: string;
  incidentNumber: string;
  openedAt: string;
  resolvedAt: string | null;
}

export interface DoraFigure {
  /** Null when the denominator is 0 (or nothing could be measured): no figure rather than a made-up 0. */
  value: number | null;
  unit: string;
  numerator: number;
  denominator: number;
  /** The change numbers behind the numerator. */
  changes: string[];
  /** The incident numbers behind it. */
  incidents: string[];
}

export interface LeadTimeFigure extends DoraFigure {
  /** The 90th percentile (nearest rank), minutes. */
  p90: number | null;
  details: { change: string; minutes: number }[];
}

export interface RecoveryFigure extends DoraFigure {
  /** Per failed change with a caused incident: its first incident and how long it took to resolve (null: not yet). */
  details: { change: string; incident: string; minutes: number | null }[];
}

export interface ReworkFigure extends DoraFigure {
  /** Each rework change and the failed change(s) on the service it followed. */
  details: { change: string; after: string[] }[];
}

export interface DoraFigures {
  deploymentFrequency: DoraFigure & { perWeek: number | null };
  leadTime: LeadTimeFigure;
  changeFailureRate: DoraFigure;
  recoveryTime: RecoveryFigure;
  reworkRate: ReworkFigure;
}

const round = (value: number, digits = 4): number => Math.round(value * 10 ** digits) / 10 ** digits;
const minutesBetween = (from: Date | string, to: Date | string): number => round((new Date(to).getTime() - new Date(from).getTime()) / MINUTE_MS, 2);
const ratio = (numerator: number, denominator: number): number | null => (denominator === 0 ? null : round(numerator / denominator));

/** The middle value; the mean of the two middle ones for an even count. */
export const median = (values: readonly number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : round((sorted[middle - 1] + sorted[middle]) / 2, 2);
};

/** Nearest rank: the least value with at least `p`% of the values at or below it. */
export const nearestRank = (values: readonly number[], p: number): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
};

const byCompletion = (a: Delivery, b: Delivery): number => a.completedAt.getTime() - b.completedAt.getTime() || a.number.localeCompare(b.number);
const byOpening = (a: DeliveryIncident, b: DeliveryIncident): number => a.openedAt.localeCompare(b.openedAt) || a.incidentNumber.localeCompare(b.incidentNumber);

/**
 * `deliveries`: the changes completed on the service from `REWORK_WINDOW_DAYS` before `from` up to `to` (the earlier
 * ones only count as failed changes that later ones rework); `incidents`: those caused by any of them.
 */
export const doraFigures = (range: { from: Date; to: Date }, deliveries: readonly Delivery[], incidents: readonly DeliveryIncident[]): DoraFigures => {
  const incidentsOf = new Map<string, DeliveryIncident[]>();
  for (const incident of incidents) incidentsOf.set(incident.changeId, [...(incidentsOf.get(incident.changeId) ?? []), incident]);
  for (const list of incidentsOf.values()) list.sort(byOpening);
  const isFailed = (delivery: Delivery) => FAILED_OUTCOMES.includes(delivery.outcome) || (incidentsOf.get(delivery.changeId)?.length ?? 0) > 0;

  const sorted = [...deliveries].sort(byCompletion);
  const completed = sorted.filter(({ completedAt }) => completedAt >= range.from && completedAt < range.to);
  const numbers = (list: readonly Delivery[]) => list.map(({ number }) => number);

  // Deployment frequency: completed changes per day of the range.
  const days = (range.to.getTime() - range.from.getTime()) / DAY_MS;
  const deploymentFrequency = {
    value: days > 0 ? round(completed.length / days) : null,
    perWeek: days > 0 ? round((completed.length / days) * 7) : null,
    unit: 'deployments per day',
    numerator: completed.length,
    denominator: round(days),
    changes: numbers(completed),
    incidents: [],
  };

  // Lead time: raised → implementation completed.
  const leadTimes = completed.map((delivery) => ({ change: delivery.number, minutes: minutesBetween(delivery.raisedAt, delivery.completedAt) }));
  const leadTime: LeadTimeFigure = {
    value: median(leadTimes.map(({ minutes }) => minutes)),
    p90: nearestRank(leadTimes.map(({ minutes }) => minutes), 90),
    unit: 'minutes (median)',
    numerator: leadTimes.length,
    denominator: completed.length,
    changes: numbers(completed),
    incidents: [],
    details: leadTimes,
  };

  // Change failure rate: failed or backed out, or caused an incident, over completed.
  const failed = completed.filter(isFailed);
  const changeFailureRate: DoraFigure = {
    value: ratio(failed.length, completed.length),
    unit: 'ratio',
    numerator: failed.length,
    denominator: completed.length,
    changes: numbers(failed),
    incidents: failed.flatMap((delivery) => (incidentsOf.get(delivery.changeId) ?? []).map(({ incidentNumber }) => incidentNumber)),
  };

  // Failed-deployment recovery time: the first incident a failed change caused, from its opening to its resolution.
  const recoveries = failed.flatMap((delivery) => {
    const [first] = incidentsOf.get(delivery.changeId) ?? [];
    return first ? [{ change: delivery.number, incident: first.incidentNumber, minutes: first.resolvedAt === null ? null : minutesBetween(first.openedAt, first.resolvedAt) }] : [];
  });
  const recovered = recoveries.filter((recovery): recovery is { change: string; incident: string; minutes: number } => recovery.minutes !== null);
  const recoveryTime: RecoveryFigure = {
    value: median(recovered.map(({ minutes }) => minutes)),
    unit: 'minutes (median)',
    numerator: recovered.length,
    denominator: recoveries.length,
    changes: recovered.map(({ change }) => change),
    incidents: recovered.map(({ incident }) => incident),
    details: recoveries,
  };

  // Rework rate: completed within REWORK_WINDOW_DAYS after a failed change on the service (completed before it).
  const failures = sorted.filter(isFailed);
  const reworks = completed.flatMap((delivery) => {
    const after = failures.filter(
      (failure) =>
        failure.changeId !== delivery.changeId &&
        failure.completedAt < delivery.completedAt &&
        delivery.completedAt.getTime() - failure.completedAt.getTime() <= REWORK_WINDOW_DAYS * DAY_MS,
    );
    return after.length ? [{ change: delivery.number, after: numbers(after) }] : [];
  });
  const reworkRate: ReworkFigure = {
    value: ratio(reworks.length, completed.length),
    unit: 'ratio',
    numerator: reworks.length,
    denominator: completed.length,
    changes: reworks.map(({ change }) => change),
    incidents: [],
    details: reworks,
  };

  return { deploymentFrequency, leadTime, changeFailureRate, recoveryTime, reworkRate };
};
