import type { TableNames } from '@itsm/projections';

export type ChangeListTable = 'change_list' | 'change_history' | 'change_search';
export type ChangeListTables = TableNames<ChangeListTable>;

/** The sort key of the list, as index columns: newest first, the id breaking ties (keyset pagination). */
export const LIST_ORDER = 'raised_at DESC, change_id DESC';

/**
 * One row per change, indexed for each list filter followed by the sort key, so a filtered page is an index range
 * read in order; the services of a change are an array (GIN: "the changes on this service"). The implementer group's
 * completed changes have an index of their own: the risk assessment counts them over its look-back.
 *
 * Text search has a table of its own (`change_search`), written when a change is raised and whenever its short
 * description or description is edited: every word of the number and the texts with its suffixes, so a typed word
 * matches anywhere inside a word without pg_trgm (change-text-query.ts).
 *
 * `change_history` holds one line per field an event changed (who, when, old → new), and one per approval decision.
 */
export const createChangeListTables = (t: ChangeListTables): string => `
  CREATE TABLE ${t.change_list} (
    change_id uuid PRIMARY KEY,
    number text NOT NULL UNIQUE,
    type text NOT NULL,
    state text NOT NULL,
    template_id text,
    risk_level text,
    risk_assessment_due boolean NOT NULL,
    approval_status text,
    short_description text NOT NULL,
    description text NOT NULL,
    justification text NOT NULL,
    service_ids text[] NOT NULL,
    implementation_plan text NOT NULL,
    backout_plan text NOT NULL,
    test_plan text NOT NULL,
    planned_start timestamptz NOT NULL,
    planned_end timestamptz NOT NULL,
    implementer_group text NOT NULL,
    implementer_agent text,
    requester_id text NOT NULL,
    outcome text,
    completed_at timestamptz,
    review_summary text,
    caused_incidents text[] NOT NULL,
    cancel_reason text,
    raised_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    revision integer NOT NULL
  );
  CREATE INDEX ON ${t.change_list} (${LIST_ORDER});
  CREATE INDEX ON ${t.change_list} (state, ${LIST_ORDER});
  CREATE INDEX ON ${t.change_list} (type, ${LIST_ORDER});
  CREATE INDEX ON ${t.change_list} (risk_level, ${LIST_ORDER});
  CREATE INDEX ON ${t.change_list} (implementer_group, ${LIST_ORDER});
  CREATE INDEX ON ${t.change_list} (requester_id, ${LIST_ORDER});
  CREATE INDEX ON ${t.change_list} USING gin (service_ids);
  CREATE INDEX ON ${t.change_list} (implementer_group, completed_at) WHERE outcome IS NOT NULL;
  CREATE TABLE ${t.change_search} (
    change_id uuid PRIMARY KEY,
    raised_at timestamptz NOT NULL,
    terms tsvector NOT NULL
  );
  CREATE INDEX ON ${t.change_search} USING gin (terms);
  CREATE TABLE ${t.change_history} (
    change_id uuid NOT NULL,
    revision integer NOT NULL,
    ordinal smallint NOT NULL,
    at timestamptz NOT NULL,
    actor text NOT NULL,
    field text NOT NULL,
    old_value text,
    new_value text,
    event_type text NOT NULL,
    PRIMARY KEY (change_id, revision, ordinal)
  );`;
