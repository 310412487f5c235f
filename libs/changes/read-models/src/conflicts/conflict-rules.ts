import { CHANGE_CONFLICT_KINDS, isWithinMaintenanceWindows, type ChangeConflictKind } from '@itsm/contracts';
import type { ChangeConflict } from './change-conflict';
import type { MaintenanceWindowsOfService, OpenMajorIncident, RelatedService, ServiceLabel } from './conflict-sources';

/** The window whose conflicts are detected. */
export interface ConflictSubject {
  /** null for a window not yet raised as a change. */
  changeId: string | null;
  serviceIds: readonly string[];
  start: Date;
  end: Date;
  /** The implementing agent; a group alone is never double-booked. */
  agent: string | null;
}

/** A change holding a slot (scheduled or implementing) whose window overlaps the subject's. */
export interface SlotHolder {
  changeId: string;
  number: string;
  state: string;
  serviceIds: readonly string[];
  start: Date;
  end: Date;
  agent: string | null;
}

/** A freeze window in force whose period overlaps the subject's window. */
export interface FreezeWindowInForce {
  freezeWindowId: string;
  name: string;
  start: Date;
  end: Date;
  /** null: every service. */
  serviceIds: readonly string[] | null;
}

/** Everything the rules look at; anything not about the subject (other services, windows) is ignored. */
export interface ConflictFacts {
  overlapping: readonly SlotHolder[];
  freezes: readonly FreezeWindowInForce[];
  relations: readonly RelatedService[];
  majorIncidents: readonly OpenMajorIncident[];
  maintenanceWindows: readonly MaintenanceWindowsOfService[];
  services: ReadonlyMap<string, ServiceLabel>;
}

const overlaps = (a: { start: Date; end: Date }, b: { start: Date; end: Date }): boolean =>
  a.start.getTime() < b.end.getTime() && b.start.getTime() < a.end.getTime();

const pad = (value: number): string => String(value).padStart(2, '0');
const day = (at: Date): string => `${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())}`;
const time = (at: Date): string => `${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}`;

/** `2026-03-10 10:00–12:00 UTC`, or `2026-03-10 22:00 – 2026-03-11 02:00 UTC` across days. */
export const describeWindow = ({ start, end }: { start: Date; end: Date }): string =>
  day(start) === day(end) ? `${day(start)} ${time(start)}–${time(end)} UTC` : `${day(start)} ${time(start)} – ${day(end)} ${time(end)} UTC`;

const serviceName = (services: ReadonlyMap<string, ServiceLabel>, serviceId: string): string => {
  const label = services.get(serviceId);
  return label ? `${label.name} (${label.number})` : `service ${serviceId}`;
};

const KIND_ORDER = new Map<ChangeConflictKind, number>(CHANGE_CONFLICT_KINDS.map((kind, index) => [kind, index]));

/** The nearest relation of the subject's services to any of `serviceIds` (fewest hops, then the subject's order). */
const nearestRelation = (subject: ConflictSubject, relations: readonly RelatedService[], serviceIds: readonly string[]): RelatedService | undefined =>
  relations
    .filter((relation) => subject.serviceIds.includes(relation.of) && serviceIds.includes(relation.serviceId))
    .sort((a, b) => a.hops - b.hops || subject.serviceIds.indexOf(a.of) - subject.serviceIds.indexOf(b.of))[0];

const relationWords = (services: ReadonlyMap<string, ServiceLabel>, relation: RelatedService): string => {
  const through = relation.hops > 1 ? ` (through ${relation.hops - 1} other service${relation.hops > 2 ? 's' : ''})` : '';
  return relation.relation === 'dependency'
    ? `which ${serviceName(services, relation.of)} depends on${through}`
    : `which depends on ${serviceName(services, relation.of)}${through}`;
};

const changeOverlaps = (subject: ConflictSubject, facts: ConflictFacts): ChangeConflict[] =>
  facts.overlapping
    .filter((other) => other.changeId !== subject.changeId && overlaps(subject, other))
    .flatMap((other): ChangeConflict[] => {
      const found: ChangeConflict[] = [];
      const other_ = { changeId: other.changeId, changeNumber: other.number };
      const when = describeWindow(other);
      const shared = subject.serviceIds.find((serviceId) => other.serviceIds.includes(serviceId));
      if (shared !== undefined) {
        found.push({
          kind: 'service-overlap',
          detail: `${other.number} (${other.state}) also works on ${serviceName(facts.services, shared)}, ${when}`,
          serviceId: shared,
          ...other_,
        });
      } else {
        const relation = nearestRelation(subject, facts.relations, other.serviceIds);
        if (relation) {
          found.push({
            kind: 'dependent-service-overlap',
            detail: `${other.number} (${other.state}) works on ${serviceName(facts.services, relation.serviceId)}, ${relationWords(facts.services, relation)}, ${when}`,
            serviceId: relation.of,
            viaServiceId: relation.serviceId,
            ...other_,
          });
        }
      }
      if (subject.agent !== null && other.agent === subject.agent) {
        found.push({
          kind: 'implementer-double-booked',
          detail: `${subject.agent} also implements ${other.number} (${other.state}), ${when}`,
          serviceId: shared ?? subject.serviceIds[0] ?? '',
          ...other_,
        });
      }
      return found;
    });

const freezeWindows = (subject: ConflictSubject, facts: ConflictFacts): ChangeConflict[] =>
  facts.freezes
    .filter((freeze) => overlaps(subject, freeze))
    .flatMap((freeze): ChangeConflict[] => {
      const frozen = freeze.serviceIds === null ? [...subject.serviceIds] : subject.serviceIds.filter((serviceId) => freeze.serviceIds?.includes(serviceId));
      if (frozen.length === 0) return [];
      const what = freeze.serviceIds === null ? 'every service' : frozen.map((serviceId) => serviceName(facts.services, serviceId)).join(', ');
      return [
        {
          kind: 'freeze-window',
          detail: `Freeze window "${freeze.name}" (${describeWindow(freeze)}) freezes ${what}`,
          serviceId: frozen[0],
          freezeWindowId: freeze.freezeWindowId,
        },
      ];
    });

const describeWindows = ({ timeZone, windows }: MaintenanceWindowsOfService): string =>
  `${windows.map((window) => `${window.day} ${window.from}–${window.to}`).join(', ')} (${timeZone})`;

const outsideMaintenanceWindows = (subject: ConflictSubject, facts: ConflictFacts): ChangeConflict[] =>
  facts.maintenanceWindows
    .filter((set) => subject.serviceIds.includes(set.serviceId) && set.windows.length > 0)
    .filter((set) => {
      try {
        return !isWithinMaintenanceWindows(set, subject.start, subject.end);
      } catch {
        // Only sets the catalog validated reach the copy; one the rules cannot read constrains nothing.
        return false;
      }
    })
    .sort((a, b) => subject.serviceIds.indexOf(a.serviceId) - subject.serviceIds.indexOf(b.serviceId))
    .map((set) => ({
      kind: 'outside-maintenance-window',
      detail: `${describeWindow(subject)} is outside the maintenance windows of ${serviceName(facts.services, set.serviceId)}: ${describeWindows(set)}`,
      serviceId: set.serviceId,
    }));

/**
 * The automatic freeze: an open, accepted major incident on one of the services, or on a service related to one
 * through the dependency graph either way — one it depends on (its change would meet a service already down) or one
 * depending on it (the change would touch what the stricken service runs on: a database under a failing ERP).
 */
const majorIncidents = (subject: ConflictSubject, facts: ConflictFacts): ChangeConflict[] =>
  facts.majorIncidents.flatMap((incident): ChangeConflict[] => {
    const ids = { incidentId: incident.incidentId, incidentNumber: incident.number };
    const until = 'normal and standard changes wait until it is resolved';
    if (subject.serviceIds.includes(incident.serviceId)) {
      return [
        {
          kind: 'major-incident',
          detail: `Major incident ${incident.number} is open on ${serviceName(facts.services, incident.serviceId)}: ${until}`,
          serviceId: incident.serviceId,
          ...ids,
        },
      ];
    }
    const relation = nearestRelation(subject, facts.relations, [incident.serviceId]);
    if (!relation) return [];
    return [
      {
        kind: 'major-incident',
        detail: `Major incident ${incident.number} is open on ${serviceName(facts.services, incident.serviceId)}, ${relationWords(facts.services, relation)}: ${until}`,
        serviceId: relation.of,
        viaServiceId: incident.serviceId,
        ...ids,
      },
    ];
  });

/**
 * The conflicts of a window (DESIGN §6, §7), each kind in the order of `CHANGE_CONFLICT_KINDS`:
 * - service-overlap: a slot holder with an overlapping window on one of the same services;
 * - dependent-service-overlap: otherwise, one on a service related through the dependency graph (either direction,
 *   any number of hops);
 * - freeze-window: a freeze window in force over the window, for every service or one of these;
 * - outside-maintenance-window: a service with maintenance windows whose windows do not cover all of it;
 * - major-incident: an accepted major incident still open on one of the services or on one related to them through
 *   the dependency graph (either direction, any number of hops), whatever the window (the freeze lifts when the
 *   incident is resolved);
 * - implementer-double-booked: the same agent implements an overlapping slot holder.
 * Windows are half-open: a change ending at 12:00 and one starting at 12:00 do not overlap.
 */
export const detectConflicts = (subject: ConflictSubject, facts: ConflictFacts): ChangeConflict[] =>
  [...changeOverlaps(subject, facts), ...freezeWindows(subject, facts), ...outsideMaintenanceWindows(subject, facts), ...majorIncidents(subject, facts)]
    .map((conflict, index) => ({ conflict, index }))
    .sort((a, b) => (KIND_ORDER.get(a.conflict.kind) ?? 0) - (KIND_ORDER.get(b.conflict.kind) ?? 0) || a.index - b.index)
    .map(({ conflict }) => conflict);
