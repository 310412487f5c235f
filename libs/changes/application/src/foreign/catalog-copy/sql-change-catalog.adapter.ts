import type { MaintenanceWindow, ServiceCriticality, ServiceLifecycle } from '@itsm/contracts';
import type { SqlSession } from '@itsm/event-store';
import { liveTablesOf } from '@itsm/projections';
import type { CatalogService, ChangeCatalog, ChangeTemplate, ServiceMaintenanceWindows, ServiceRelation } from '../../ports/change-catalog.port';
import { CHANGES_CATALOG_SCHEMA, changesCatalogProjection, type ChangesCatalogTables } from './changes-catalog.projection';
import { serviceRelationsOf, type DependencyEdge } from './impact-graph';

interface ServiceRow {
  service_id: string;
  number: string;
  name: string;
  lifecycle: ServiceLifecycle;
  criticality: ServiceCriticality;
}

type Json<T> = T | string;
const parsed = <T>(value: Json<T>): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);

/** Reads the live tables of `changesCatalogProjection` (ProjectionRuntime `schema`). */
export class SqlChangeCatalog implements ChangeCatalog {
  private readonly t: ChangesCatalogTables;

  constructor(
    private readonly db: Pick<SqlSession, 'query'>,
    schema: string = CHANGES_CATALOG_SCHEMA,
  ) {
    this.t = liveTablesOf(changesCatalogProjection, schema);
  }

  async services(serviceIds: readonly string[]): Promise<CatalogService[]> {
    if (serviceIds.length === 0) return [];
    const rows = await this.db.query<ServiceRow>(
      `SELECT service_id, number, name, lifecycle, criticality FROM ${this.t.changes_catalog_services} WHERE service_id = ANY($1::text[])`,
      [[...new Set(serviceIds)]],
    );
    const byId = new Map(rows.map((row) => [row.service_id, row]));
    return [...new Set(serviceIds)].flatMap((serviceId) => {
      const row = byId.get(serviceId);
      return row ? [{ serviceId, number: row.number, name: row.name, lifecycle: row.lifecycle, criticality: row.criticality }] : [];
    });
  }

  /**
   * One round trip: the edges reachable from the services downwards (what they depend on) and upwards (what depends
   * on them), each node visited once (`UNION`), then the hops per service in memory.
   */
  async relatedServices(serviceIds: readonly string[]): Promise<ServiceRelation[]> {
    if (serviceIds.length === 0) return [];
    const deps = this.t.changes_catalog_dependencies;
    const edges = await this.db.query<{ service_id: string; depends_on_service_id: string }>(
      `WITH RECURSIVE
         down(service_id) AS (
           SELECT unnest($1::text[])
           UNION
           SELECT d.depends_on_service_id FROM down JOIN ${deps} d ON d.service_id = down.service_id),
         up(service_id) AS (
           SELECT unnest($1::text[])
           UNION
           SELECT d.service_id FROM up JOIN ${deps} d ON d.depends_on_service_id = up.service_id)
       SELECT d.service_id, d.depends_on_service_id FROM ${deps} d JOIN down ON d.service_id = down.service_id
       UNION
       SELECT d.service_id, d.depends_on_service_id FROM ${deps} d JOIN up ON d.depends_on_service_id = up.service_id`,
      [[...new Set(serviceIds)]],
    );
    return serviceRelationsOf(
      serviceIds,
      edges.map((edge): DependencyEdge => ({ serviceId: edge.service_id, dependsOnServiceId: edge.depends_on_service_id })),
    );
  }

  async maintenanceWindows(serviceIds: readonly string[]): Promise<ServiceMaintenanceWindows[]> {
    if (serviceIds.length === 0) return [];
    const rows = await this.db.query<{ service_id: string; maintenance_windows: Json<{ timeZone: string; windows: MaintenanceWindow[] }> }>(
      `SELECT service_id, maintenance_windows FROM ${this.t.changes_catalog_services}
       WHERE service_id = ANY($1::text[]) AND maintenance_windows IS NOT NULL ORDER BY service_id`,
      [[...new Set(serviceIds)]],
    );
    return rows.map((row) => ({ serviceId: row.service_id, ...parsed(row.maintenance_windows) }));
  }

  async template(templateId: string): Promise<ChangeTemplate | null> {
    const [row] = await this.db.query<{ template_id: string; service_id: string; name: string; pre_approved: boolean }>(
      `SELECT template_id, service_id, name, pre_approved FROM ${this.t.changes_catalog_templates} WHERE template_id = $1`,
      [templateId],
    );
    return row ? { templateId: row.template_id, serviceId: row.service_id, name: row.name, preApproved: row.pre_approved } : null;
  }
}
