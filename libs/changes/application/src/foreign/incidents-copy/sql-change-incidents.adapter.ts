import type { SqlSession } from '@itsm/event-store';
import { liveTablesOf } from '@itsm/projections';
import type { ActiveMajorIncident, ActiveMajorIncidents, CausedIncident, CausedIncidents } from '../../ports/change-incidents.port';
import { CHANGES_INCIDENTS_SCHEMA, changesIncidentsProjection, type ChangesIncidentsTables } from './changes-incidents.projection';

const iso = (value: Date | string): string => new Date(value).toISOString();

/** Reads the live tables of `changesIncidentsProjection` (ProjectionRuntime `schema`). */
export class SqlChangeIncidents implements ActiveMajorIncidents, CausedIncidents {
  private readonly t: ChangesIncidentsTables;

  constructor(
    private readonly db: Pick<SqlSession, 'query'>,
    schema: string = CHANGES_INCIDENTS_SCHEMA,
  ) {
    this.t = liveTablesOf(changesIncidentsProjection, schema);
  }

  async onServices(serviceIds: readonly string[]): Promise<ActiveMajorIncident[]> {
    if (serviceIds.length === 0) return [];
    const rows = await this.db.query<{ incident_id: string; number: string; service_id: string; major_accepted_at: Date | string }>(
      `SELECT incident_id, number, service_id, major_accepted_at FROM ${this.t.changes_incidents}
       WHERE service_id = ANY($1::text[]) AND open AND major_status = 'accepted'
       ORDER BY major_accepted_at, incident_id`,
      [[...new Set(serviceIds)]],
    );
    return rows.map((row) => ({ incidentId: row.incident_id, number: row.number, serviceId: row.service_id, acceptedAt: iso(row.major_accepted_at) }));
  }

  /** The incident's number, or null when the copy has not seen it opened (yet). */
  async numberOf(incidentId: string): Promise<string | null> {
    const [row] = await this.db.query<{ number: string }>(`SELECT number FROM ${this.t.changes_incidents} WHERE incident_id = $1`, [incidentId]);
    return row?.number ?? null;
  }

  async causedBy(changeIds: readonly string[]): Promise<CausedIncident[]> {
    if (changeIds.length === 0) return [];
    const rows = await this.db.query<{
      change_id: string;
      incident_id: string;
      number: string;
      linked_at: Date | string;
      opened_at: Date | string;
      resolved_at: Date | string | null;
    }>(
      `SELECT l.change_id, l.incident_id, i.number, l.linked_at, i.opened_at, i.resolved_at
       FROM ${this.t.changes_incident_links} l JOIN ${this.t.changes_incidents} i ON i.incident_id = l.incident_id
       WHERE l.change_id = ANY($1::text[]) AND l.relation = 'caused-by'
       ORDER BY l.change_id, l.linked_at, l.incident_id`,
      [[...new Set(changeIds)]],
    );
    return rows.map((row) => ({
      changeId: row.change_id,
      incidentId: row.incident_id,
      incidentNumber: row.number,
      linkedAt: iso(row.linked_at),
      openedAt: iso(row.opened_at),
      resolvedAt: row.resolved_at === null ? null : iso(row.resolved_at),
    }));
  }
}
