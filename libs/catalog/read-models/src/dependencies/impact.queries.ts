import type { SqlExecutor } from '@itsm/event-store';
import type { TableNames } from '@itsm/projections';
import type { CatalogServicesTable } from '../services/catalog-services.projection';
import type { ImpactedServiceView } from '../services/service.view';

/**
 * Every service that depends on `$1`, directly or through others, with the shortest distance. UNION (not ALL)
 * keeps the walk finite even if the table ever held a cycle.
 */
const dependentsSql = (t: TableNames<CatalogServicesTable>) => `
  WITH RECURSIVE dependents(service_id, depth) AS (
      SELECT d.service_id, 1 FROM ${t.catalog_dependencies} d WHERE d.depends_on_service_id = $1
    UNION
      SELECT d.service_id, dependents.depth + 1
      FROM ${t.catalog_dependencies} d JOIN dependents ON d.depends_on_service_id = dependents.service_id
      WHERE dependents.depth < 1000
  )
  SELECT service_id, min(depth) AS depth FROM dependents WHERE service_id <> $1 GROUP BY service_id`;

/** The impact graph: who is hit when a service fails. */
export class ImpactQueries {
  constructor(
    private readonly db: SqlExecutor,
    private readonly t: TableNames<CatalogServicesTable>,
  ) {}

  /** Impacted services, nearest first, then by number. */
  async impactOf(serviceId: string): Promise<ImpactedServiceView[]> {
    const rows = await this.db.query<{ service_id: string; number: string; name: string; lifecycle: ImpactedServiceView['lifecycle']; depth: number | string }>(
      `SELECT s.service_id, s.number, s.name, s.lifecycle, i.depth
       FROM (${dependentsSql(this.t)}) i JOIN ${this.t.catalog_services} s ON s.service_id = i.service_id
       ORDER BY i.depth, s.number_seq`,
      [serviceId],
    );
    return rows.map((row) => ({ id: row.service_id, number: row.number, name: row.name, lifecycle: row.lifecycle, depth: Number(row.depth) }));
  }

  /** Ids of every service that depends on `serviceId`, transitively. */
  async dependentIdsOf(serviceId: string): Promise<Set<string>> {
    const rows = await this.db.query<{ service_id: string }>(dependentsSql(this.t), [serviceId]);
    return new Set(rows.map((row) => row.service_id));
  }
}
