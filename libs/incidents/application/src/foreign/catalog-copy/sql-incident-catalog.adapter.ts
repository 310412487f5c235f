import type { Priority, ServiceLifecycle, SlaTargets, SupportCalendar } from '@itsm/contracts';
import type { SqlSession } from '@itsm/event-store';
import type { SlaTerms } from '@itsm/incidents-domain';
import { calendarInForce } from './calendar-versions';
import type { CalendarVersion, IncidentCatalog } from '../../ports/incident-catalog.port';
import { INCIDENTS_CATALOG_SCHEMA } from './incidents-catalog.projection';

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Reads the live tables of `incidentsCatalogProjection` (ProjectionRuntime `schema`), on the database or inside a
 * transaction that is already open (the SLA due-timers projection).
 */
export class SqlIncidentCatalog implements IncidentCatalog {
  private readonly services: string;
  private readonly offerings: string;
  private readonly calendars: string;

  constructor(
    private readonly db: Pick<SqlSession, 'query'>,
    schema: string = INCIDENTS_CATALOG_SCHEMA,
  ) {
    if (!IDENTIFIER.test(schema)) throw new Error(`Invalid schema name "${schema}"`);
    this.services = `"${schema}"."services"`;
    this.offerings = `"${schema}"."offerings"`;
    this.calendars = `"${schema}"."calendar_versions"`;
  }

  async serviceForIncident(serviceId: string) {
    const [service] = await this.db.query<{ lifecycle: ServiceLifecycle; default_offering_id: string | null }>(
      `SELECT lifecycle, default_offering_id FROM ${this.services} WHERE service_id = $1`,
      [serviceId],
    );
    const offerings = await this.db.query<{ offering_id: string }>(
      `SELECT offering_id FROM ${this.offerings} WHERE service_id = $1 ORDER BY offering_id`,
      [serviceId],
    );
    return {
      lifecycle: service?.lifecycle ?? null,
      offeringIds: offerings.map((row) => row.offering_id),
      defaultOfferingId: service?.default_offering_id ?? null,
    };
  }

  async slaTermsFor(serviceId: string, offeringId: string | null, priority: Priority, at: Date): Promise<SlaTerms | null> {
    const [offering] = await this.db.query<{ offering_id: string; calendar_id: string; sla_targets: SlaTargets | string }>(
      `SELECT o.offering_id, o.calendar_id, o.sla_targets FROM ${this.offerings} o
       LEFT JOIN ${this.services} s ON s.service_id = o.service_id
       WHERE o.service_id = $1 AND o.offering_id = COALESCE($2, s.default_offering_id)`,
      [serviceId, offeringId],
    );
    if (!offering) return null;
    const calendar = await this.calendarOf(offering.calendar_id, at);
    if (!calendar) return null;
    const targets = typeof offering.sla_targets === 'string' ? (JSON.parse(offering.sla_targets) as SlaTargets) : offering.sla_targets;
    return { priority, offeringId: offering.offering_id, target: targets[priority], calendarId: offering.calendar_id, calendar };
  }

  async calendarOf(calendarId: string, asOf: Date): Promise<SupportCalendar | null> {
    return calendarInForce(await this.calendarVersions([calendarId]), asOf);
  }

  async calendarVersions(calendarIds: readonly string[]): Promise<CalendarVersion[]> {
    if (calendarIds.length === 0) return [];
    const rows = await this.db.query<{ calendar_id: string; effective_from: Date | string; definition: SupportCalendar | string }>(
      `SELECT calendar_id, effective_from, definition FROM ${this.calendars}
       WHERE calendar_id = ANY($1::text[]) ORDER BY calendar_id, stream_revision`,
      [[...calendarIds]],
    );
    return rows.map((row) => ({
      calendarId: row.calendar_id,
      effectiveFrom: new Date(row.effective_from),
      definition: typeof row.definition === 'string' ? (JSON.parse(row.definition) as SupportCalendar) : row.definition,
    }));
  }
}
