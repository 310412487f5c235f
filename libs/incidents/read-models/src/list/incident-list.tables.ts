import type { TableNames } from '@itsm/projections';

export type IncidentListTable = 'incident_list' | 'incident_history' | 'incident_search';
export type IncidentListTables = TableNames<IncidentListTable>;

/** The sort key of every list, as index columns: newest first, the id breaking ties (keyset pagination). */
export const LIST_ORDER = 'opened_at DESC, incident_id DESC';


/**
 * One row per incident, indexed for each list filter followed by the sort key, so a filtered page is an index
 * range read in order (no sort of the matches) at a million rows; a group's queue by state (the agents' view) has its
 * own. Breached and major incidents are few: partial
 * indexes.
 *
 * Text search has a table of its own, written once when an incident opens and never updated: its GIN index does
 * not churn with every state change of the list row. `terms` holds every word of the number, short description and
 * description and each word's suffixes (incident-text-query.ts), which turns a prefix match into a substring match
 * without pg_trgm (an extension PGlite loads only on request). Its own sort index lets the planner walk the newest
 * incidents and stop at a page of matches when a term is common, or read the GIN index when it is rare.
 */
export const createIncidentListTables = (t: IncidentListTables): string => `
  CREATE TABLE ${t.incident_list} (
    incident_id uuid PRIMARY KEY,
    number text NOT NULL UNIQUE,
    state text NOT NULL,
    priority text NOT NULL,
    impact smallint NOT NULL,
    urgency smallint NOT NULL,
    service_id uuid NOT NULL,
    offering_id uuid,
    assignment_group text,
    assignee text,
    major_status text NOT NULL,
    escalation_level integer NOT NULL,
    breached boolean NOT NULL,
    resolution_code text,
    parent_incident_id uuid,
    short_description text NOT NULL,
    caller_id text NOT NULL,
    opened_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    resolved_at timestamptz,
    revision integer NOT NULL
  );
  CREATE INDEX ON ${t.incident_list} (${LIST_ORDER});
  CREATE INDEX ON ${t.incident_list} (state, ${LIST_ORDER});
  CREATE INDEX ON ${t.incident_list} (priority, ${LIST_ORDER});
  CREATE INDEX ON ${t.incident_list} (service_id, ${LIST_ORDER});
  CREATE INDEX ON ${t.incident_list} (assignment_group, ${LIST_ORDER});
  CREATE INDEX ON ${t.incident_list} (assignment_group, state, ${LIST_ORDER});
  CREATE INDEX ON ${t.incident_list} (assignee, ${LIST_ORDER});
  CREATE INDEX ON ${t.incident_list} (caller_id, ${LIST_ORDER});
  CREATE INDEX ON ${t.incident_list} (${LIST_ORDER}) WHERE breached;
  CREATE INDEX ON ${t.incident_list} (major_status, ${LIST_ORDER}) WHERE major_status <> 'none';
  CREATE TABLE ${t.incident_search} (
    incident_id uuid PRIMARY KEY,
    opened_at timestamptz NOT NULL,
    terms tsvector NOT NULL
  );
  CREATE INDEX ON ${t.incident_search} (${LIST_ORDER});
  CREATE INDEX ON ${t.incident_search} USING gin (terms);
  CREATE TABLE ${t.incident_history} (
    incident_id uuid NOT NULL,
    position integer NOT NULL,
    ordinal smallint NOT NULL,
    at timestamptz NOT NULL,
    actor text NOT NULL,
    field text NOT NULL,
    old_value text,
    new_value text,
    event_type text NOT NULL,
    PRIMARY KEY (incident_id, position, ordinal)
  );`;
