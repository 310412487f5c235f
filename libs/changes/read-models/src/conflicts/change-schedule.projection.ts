import {
  CHANGE_STREAM_PREFIX,
  CHANGES_EVENT_TYPES,
  changeIdOf,
  FREEZE_WINDOW_STREAM_PREFIX,
  freezeWindowIdOf,
  type ChangeEvent,
  type ChangeImplementer,
  type FreezeWindowEvent,
} from '@itsm/contracts';
import type { RecordedEvent } from '@itsm/event-sourcing';
import type { SqlSession } from '@itsm/event-store';
import { defineProjection, type TableNames } from '@itsm/projections';

export const CHANGE_SCHEDULE_PROJECTION = 'change_schedule';

export type ChangeScheduleTable = 'change_windows' | 'freeze_windows';
export type ChangeScheduleTables = TableNames<ChangeScheduleTable>;

/** The states in which a change holds its slot on the schedule: others conflict with it. */
export const SLOT_STATES = ['scheduled', 'implement'] as const;
/** The states in which a change's proposed window is checked (it conflicts with slot holders, not they with it). */
export const CANDIDATE_STATES = ['new', 'assess', 'authorize'] as const;

/*
 * One row per change stream and one per freeze-window stream, so the tables come out the same from the log (global
 * order) and from Kafka (per-stream order). Windows are half-open tstzranges [start, end): adjacent windows do not
 * overlap. The GiST indexes on them (core PostgreSQL, PGlite too) answer "what overlaps this window" without reading
 * the rest; the btree on (planned_start, change_id) serves the forward schedule in its order.
 */
const createTables = (t: ChangeScheduleTables): string => `
  CREATE TABLE ${t.change_windows} (
    change_id text PRIMARY KEY,
    number text NOT NULL,
    type text NOT NULL,
    state text NOT NULL,
    short_description text NOT NULL,
    service_ids text[] NOT NULL,
    implementer_group text NOT NULL,
    implementer_agent text,
    planned_start timestamptz NOT NULL,
    planned_end timestamptz NOT NULL,
    revision integer NOT NULL,
    holds_slot boolean GENERATED ALWAYS AS (state IN ('scheduled', 'implement')) STORED,
    time_window tstzrange GENERATED ALWAYS AS (tstzrange(planned_start, planned_end, '[)')) STORED
  );
  CREATE INDEX ON ${t.change_windows} USING gist (time_window) WHERE holds_slot;
  CREATE INDEX ON ${t.change_windows} (planned_start, change_id) WHERE holds_slot;
  CREATE TABLE ${t.freeze_windows} (
    freeze_window_id text PRIMARY KEY,
    name text NOT NULL,
    reason text NOT NULL,
    starts_at timestamptz NOT NULL,
    ends_at timestamptz NOT NULL,
    service_ids text[],
    declared_at timestamptz NOT NULL,
    lifted boolean NOT NULL DEFAULT false,
    lifted_at timestamptz,
    lift_reason text,
    revision integer NOT NULL,
    period tstzrange GENERATED ALWAYS AS (tstzrange(starts_at, ends_at, '[)')) STORED
  );
  CREATE INDEX ON ${t.freeze_windows} USING gist (period) WHERE NOT lifted;
  CREATE INDEX ON ${t.freeze_windows} (starts_at, freeze_window_id);
`;

/** What an event of a change sets on its row; null for what it leaves as it is. */
interface ChangePatch {
  number: string | null;
  type: string | null;
  state: string | null;
  shortDescription: string | null;
  serviceIds: string[] | null;
  implementer: ChangeImplementer | null;
  plannedStart: string | null;
  plannedEnd: string | null;
}

const NOTHING: ChangePatch = {
  number: null,
  type: null,
  state: null,
  shortDescription: null,
  serviceIds: null,
  implementer: null,
  plannedStart: null,
  plannedEnd: null,
};

/** Every change event that moves the state says the state after it (`data.state`); a few also carry the window. */
const patchOf = (event: ChangeEvent): ChangePatch => {
  const state = 'state' in event.data && typeof event.data.state === 'string' ? event.data.state : null;
  switch (event.type) {
    case 'ChangeUpdated': {
      const { changes } = event.data;
      return {
        ...NOTHING,
        shortDescription: changes.shortDescription ?? null,
        serviceIds: changes.serviceIds ?? null,
        implementer: changes.implementer ?? null,
        plannedStart: changes.plannedStart ?? null,
        plannedEnd: changes.plannedEnd ?? null,
      };
    }
    case 'ChangeTypeChanged':
      return { ...NOTHING, type: event.data.to };
    case 'ChangeScheduled': {
      const { number, type, plannedStart, plannedEnd, serviceIds, implementer } = event.data;
      return { number, type, state, shortDescription: null, serviceIds, implementer, plannedStart, plannedEnd };
    }
    case 'ChangeImplementationStarted': {
      const { plannedStart, plannedEnd, implementer } = event.data;
      return { ...NOTHING, state, implementer, plannedStart, plannedEnd };
    }
    default:
      return { ...NOTHING, state };
  }
};

const isEmpty = (patch: ChangePatch): boolean => Object.values(patch).every((value) => value === null);

const applyChangeEvent = async (tx: SqlSession, event: RecordedEvent & ChangeEvent, t: ChangeScheduleTables): Promise<void> => {
  const changeId = changeIdOf(event.streamId);
  if (event.type === 'ChangeRaised') {
    const { number, type, state, shortDescription, serviceIds, implementer, plannedStart, plannedEnd } = event.data;
    // A replayed event (at-least-once delivery) finds its row already there.
    await tx.query(
      `INSERT INTO ${t.change_windows} (change_id, number, type, state, short_description, service_ids, implementer_group,
         implementer_agent, planned_start, planned_end, revision)
       VALUES ($1, $2, $3, $4, $5, $6::text[], $7, $8, $9, $10, $11) ON CONFLICT (change_id) DO NOTHING`,
      [changeId, number, type, state, shortDescription, serviceIds, implementer.group, implementer.agent ?? null, plannedStart, plannedEnd, event.streamRevision],
    );
    return;
  }
  const patch = patchOf(event);
  if (isEmpty(patch)) return;
  await tx.query(
    `UPDATE ${t.change_windows} SET
       number = COALESCE($2, number),
       type = COALESCE($3, type),
       state = COALESCE($4, state),
       short_description = COALESCE($5, short_description),
       service_ids = COALESCE($6::text[], service_ids),
       implementer_group = COALESCE($7, implementer_group),
       implementer_agent = CASE WHEN $7::text IS NULL THEN implementer_agent ELSE $8 END,
       planned_start = COALESCE($9, planned_start),
       planned_end = COALESCE($10, planned_end),
       revision = $11
     WHERE change_id = $1 AND revision < $11`,
    [
      changeId,
      patch.number,
      patch.type,
      patch.state,
      patch.shortDescription,
      patch.serviceIds,
      patch.implementer?.group ?? null,
      patch.implementer?.agent ?? null,
      patch.plannedStart,
      patch.plannedEnd,
      event.streamRevision,
    ],
  );
};

const applyFreezeWindowEvent = async (tx: SqlSession, event: RecordedEvent & FreezeWindowEvent, t: ChangeScheduleTables): Promise<void> => {
  const freezeWindowId = freezeWindowIdOf(event.streamId);
  switch (event.type) {
    case 'FreezeWindowDeclared': {
      const { name, reason, from, to, serviceIds, declaredAt } = event.data;
      await tx.query(
        `INSERT INTO ${t.freeze_windows} (freeze_window_id, name, reason, starts_at, ends_at, service_ids, declared_at, revision)
         VALUES ($1, $2, $3, $4, $5, $6::text[], $7, $8) ON CONFLICT (freeze_window_id) DO NOTHING`,
        [freezeWindowId, name, reason, from, to, serviceIds, declaredAt, event.streamRevision],
      );
      return;
    }
    case 'FreezeWindowLifted':
      await tx.query(
        `UPDATE ${t.freeze_windows} SET lifted = true, lifted_at = $2, lift_reason = $3, revision = $4 WHERE freeze_window_id = $1 AND revision < $4`,
        [freezeWindowId, event.data.liftedAt, event.data.reason, event.streamRevision],
      );
      return;
  }
};

/**
 * The schedule the conflict detection reads: every change with its planned window, services, implementer, type and
 * state, and every freeze window. Conflicts themselves are not stored: they are computed when read, from these
 * indexed rows and the changes' copies of the catalog and of incidents, so a major incident accepted, a freeze
 * declared or a dependency added shows in the very next read (see the README).
 */
export const changeScheduleProjection = defineProjection<ChangeScheduleTable>({
  name: CHANGE_SCHEDULE_PROJECTION,
  eventTypes: CHANGES_EVENT_TYPES,
  tables: ['change_windows', 'freeze_windows'],
  createTables,
  apply: async (tx, event, t) => {
    if (event.streamId.startsWith(FREEZE_WINDOW_STREAM_PREFIX)) return applyFreezeWindowEvent(tx, event as RecordedEvent & FreezeWindowEvent, t);
    if (event.streamId.startsWith(CHANGE_STREAM_PREFIX)) return applyChangeEvent(tx, event as RecordedEvent & ChangeEvent, t);
  },
});
