import type { SqlExecutor } from '@itsm/event-store';
import type { ServiceLabel } from '../conflicts/conflict-sources';
import type { ChangeDeliveryTables } from './change-delivery.projection';
import { doraFigures, REWORK_WINDOW_DAYS, type DeliveryIncident, type DoraFigures } from './dora-figures';

const DAY_MS = 24 * 60 * 60 * 1000;

/** What the DORA figures read besides the deliveries: the changes' copies of the catalog and of incidents. */
export interface DoraSources {
  catalog: { services(serviceIds: readonly string[]): Promise<ServiceLabel[]> };
  /** The incidents caused by changes (`SqlChangeIncidents.causedBy` of the application). */
  causedIncidents: { causedBy(changeIds: readonly string[]): Promise<DeliveryIncident[]> };
}

export interface ServiceDora extends DoraFigures {
  serviceId: string;
  serviceNumber: string;
  serviceName: string;
  from: string;
  to: string;
  reworkWindowDays: number;
}

interface DeliveryRow {
  change_id: string;
  number: string;
  raised_at: Date | string;
  completed_at: Date | string;
  outcome: string;
}

/** The DORA figures of a service over a range (`GET /services/:id/dora`). */
export class DoraQueries {
  constructor(
    private readonly db: SqlExecutor,
    private readonly tables: ChangeDeliveryTables,
    private readonly sources: DoraSources,
  ) {}

  /** Null when the changes' catalog copy does not know the service. */
  async forService(serviceId: string, range: { from: Date; to: Date }): Promise<ServiceDora | null> {
    const [service] = await this.sources.catalog.services([serviceId]);
    if (!service) return null;
    // From a rework window before `from`: a change early in the range may rework a failure just before it.
    const since = new Date(range.from.getTime() - REWORK_WINDOW_DAYS * DAY_MS);
    const rows = await this.db.query<DeliveryRow>(
      `SELECT c.change_id, c.number, c.raised_at, s.completed_at, c.outcome
       FROM ${this.tables.delivery_services} s JOIN ${this.tables.delivery_changes} c ON c.change_id = s.change_id
       WHERE s.service_id = $1 AND s.completed_at >= $2 AND s.completed_at < $3
       ORDER BY s.completed_at, c.number`,
      [serviceId, since.toISOString(), range.to.toISOString()],
    );
    const deliveries = rows.map((row) => ({
      changeId: row.change_id,
      number: row.number,
      raisedAt: new Date(row.raised_at),
      completedAt: new Date(row.completed_at),
      outcome: row.outcome,
    }));
    const incidents = await this.sources.causedIncidents.causedBy(deliveries.map(({ changeId }) => changeId));
    return {
      serviceId,
      serviceNumber: service.number,
      serviceName: service.name,
      from: range.from.toISOString(),
      to: range.to.toISOString(),
      reworkWindowDays: REWORK_WINDOW_DAYS,
      ...doraFigures(range, deliveries, incidents),
    };
  }
}
