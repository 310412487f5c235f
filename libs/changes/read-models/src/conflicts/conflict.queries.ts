import type { SqlExecutor } from '@itsm/event-store';
import type { ChangeConflict, ConflictCandidate } from './change-conflict';
import { CANDIDATE_STATES, SLOT_STATES, type ChangeScheduleTables } from './change-schedule.projection';
import { detectConflicts, type ConflictSubject } from './conflict-rules';
import type { ConflictSources, RelatedService, ServiceLabel } from './conflict-sources';
import {
  changeWindowStatement,
  freezesInForceStatement,
  overlappingSlotsStatement,
  type ChangeWindowRow,
  type FreezeInForceRow,
  type OverlappingSlotRow,
  type WindowProbe,
} from './conflict.statements';

const unique = <T>(values: Iterable<T>): T[] => [...new Set(values)];

const groupBy = <Row extends { key: string }>(rows: readonly Row[]): Map<string, Row[]> => {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const group = groups.get(row.key);
    if (group) group.push(row);
    else groups.set(row.key, [row]);
  }
  return groups;
};

/** A window to check under a key of the caller's choosing. */
export interface KeyedSubject extends ConflictSubject {
  key: string;
}

/** The subject of a change's row: its own window, services and agent. */
export const subjectOfRow = (row: ChangeWindowRow): KeyedSubject => ({
  key: row.change_id,
  changeId: row.change_id,
  serviceIds: row.service_ids,
  start: new Date(row.planned_start),
  end: new Date(row.planned_end),
  agent: row.implementer_agent,
});

/** Whether a change in this state is on the schedule or a candidate for it (else it has no conflicts any more). */
export const isCheckedState = (state: string): boolean =>
  (SLOT_STATES as readonly string[]).includes(state) || (CANDIDATE_STATES as readonly string[]).includes(state);

/**
 * The live conflict detection (DESIGN §6): conflicts are computed when asked, from the indexed schedule and the
 * changes' copies of the catalog and of incidents, so every read reflects the latest event of each. One check costs
 * a fixed number of round trips whatever the number of windows checked together (the schedule checks a page at once):
 * the overlapping slot holders and freeze windows (GiST probes), the impact graph of all the services (once), their
 * maintenance windows, the open major incidents on them and their dependencies, and the names for the sentences.
 */
export class ConflictQueries {
  constructor(
    private readonly db: SqlExecutor,
    private readonly tables: ChangeScheduleTables,
    private readonly sources: ConflictSources,
  ) {}

  /**
   * The conflicts of a change as the schedule holds it: its planned window, services and implementer. Null when
   * the read model does not know the change; none once it is past implementation (review, closed) or canceled.
   */
  async conflictsOf(changeId: string): Promise<ChangeConflict[] | null> {
    const { sql, params } = changeWindowStatement(this.tables, changeId);
    const [row] = await this.db.query<ChangeWindowRow>(sql, params);
    if (!row) return null;
    if (!isCheckedState(row.state)) return [];
    return (await this.detect([subjectOfRow(row)])).get(row.change_id) ?? [];
  }

  /**
   * The conflicts a window would have: a new change before it is raised, or an existing one (`changeId`, left out of
   * its own overlaps) for the handlers' schedule and start checks (`blockingConflicts` of the domain picks those that
   * block).
   */
  async conflictsFor(candidate: ConflictCandidate): Promise<ChangeConflict[]> {
    const subject: KeyedSubject = {
      key: 'candidate',
      changeId: candidate.changeId ?? null,
      serviceIds: unique(candidate.serviceIds),
      start: new Date(candidate.plannedStart),
      end: new Date(candidate.plannedEnd),
      agent: candidate.implementer.agent ?? null,
    };
    if (Number.isNaN(subject.start.getTime()) || Number.isNaN(subject.end.getTime()) || subject.end <= subject.start) {
      throw new RangeError(`The window must be two instants, the end after the start (got ${candidate.plannedStart} – ${candidate.plannedEnd})`);
    }
    return (await this.detect([subject])).get(subject.key) ?? [];
  }

  /** The conflicts of several windows at once, by key. */
  async detect(subjects: readonly KeyedSubject[]): Promise<Map<string, ChangeConflict[]>> {
    if (subjects.length === 0) return new Map();
    const probes: WindowProbe[] = subjects.map(({ key, changeId, start, end }) => ({ key, changeId, start, end }));
    const serviceIds = unique(subjects.flatMap((subject) => subject.serviceIds));
    const overlapping = overlappingSlotsStatement(this.tables, probes);
    const freezes = freezesInForceStatement(this.tables, probes);
    const [relations, slotRows, freezeRows, maintenanceWindows] = await Promise.all([
      this.sources.catalog.relatedServices(serviceIds),
      this.db.query<OverlappingSlotRow>(overlapping.sql, overlapping.params),
      this.db.query<FreezeInForceRow>(freezes.sql, freezes.params),
      this.sources.catalog.maintenanceWindows(serviceIds),
    ]);
    // The automatic freeze reaches along the graph both ways (see `detectConflicts`).
    const majorIncidents = await this.sources.majorIncidents.onServices(unique([...serviceIds, ...relations.map((relation) => relation.serviceId)]));
    const named = unique([...serviceIds, ...slotRows.flatMap((row) => row.service_ids), ...majorIncidents.map((incident) => incident.serviceId)]);
    const services = new Map<string, ServiceLabel>((await this.sources.catalog.services(named)).map((service) => [service.serviceId, service]));

    const slotsByKey = groupBy(slotRows);
    const freezesByKey = groupBy(freezeRows);
    // Each subject reads only the relations of its own services (the graph of a page can hold thousands).
    const relationsOf = new Map<string, RelatedService[]>();
    for (const relation of relations) {
      const known = relationsOf.get(relation.of);
      if (known) known.push(relation);
      else relationsOf.set(relation.of, [relation]);
    }
    return new Map(
      subjects.map((subject) => [
        subject.key,
        detectConflicts(subject, {
          overlapping: (slotsByKey.get(subject.key) ?? []).map((row) => ({
            changeId: row.change_id,
            number: row.number,
            state: row.state,
            serviceIds: row.service_ids,
            start: new Date(row.planned_start),
            end: new Date(row.planned_end),
            agent: row.implementer_agent,
          })),
          freezes: (freezesByKey.get(subject.key) ?? []).map((row) => ({
            freezeWindowId: row.freeze_window_id,
            name: row.name,
            start: new Date(row.starts_at),
            end: new Date(row.ends_at),
            serviceIds: row.service_ids,
          })),
          relations: subject.serviceIds.flatMap((serviceId) => relationsOf.get(serviceId) ?? []),
          majorIncidents,
          maintenanceWindows,
          services,
        }),
      ]),
    );
  }
}
