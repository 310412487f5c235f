import type { MaintenanceWindow, ServiceCriticality, ServiceLifecycle } from '@itsm/contracts';
import type { SqlSession } from '@itsm/event-store';
import { liveTablesOf } from '@itsm/projections';
import type { CatalogService, ChangeCatalog, ChangeTemplate, ServiceMaintenanceWindows, ServiceRelation } from '../../ports/change-catalog.port';
import { CHANGES_CATALOG_SCHEMA, changesCatalogProjection, type ChangesCatalogTables } from './changes-catalog.projection';
import { ImpactGraph, type DependencyEdge } from './impact-graph';

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
  /** The dependency graph as of a version of the copy (see `changesCatalogProjection`). */
  private graph: { version: string; graph: ImpactGraph } | undefined;

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
   * From the catalog's dependency graph as it is now: one indexed row read tells whether the graph held in memory is
   * still the copy's (its version); else the edges are read again, with their version, in one statement (one
   * snapshot). Each service's relations are computed once per version.
   */
  async relatedServices(serviceIds: readonly string[]): Promise<ServiceRelation[]> {
    if (serviceIds.length === 0) return [];
    const graph = await this.currentGraph();
    return [...new Set(serviceIds)].flatMap((serviceId) => graph.relationsOf(serviceId));
  }

  private async currentGraph(): Promise<ImpactGraph> {
    const [current] = await this.db.query<{ version: string }>(`SELECT generation || ':' || version AS version FROM ${this.t.changes_catalog_graph_version}`);
    if (this.graph && this.graph.version === current?.version) return this.graph.graph;
    const rows = await this.db.query<{ version: string; service_id: string | null; depends_on_service_id: string | null }>(
      `SELECT g.generation || ':' || g.version AS version, d.service_id, d.depends_on_service_id
       FROM ${this.t.changes_catalog_graph_version} g LEFT JOIN ${this.t.changes_catalog_dependencies} d ON true`,
    );
    const edges = rows.flatMap((row): DependencyEdge[] =>
      row.service_id === null || row.depends_on_service_id === null ? [] : [{ serviceId: row.service_id, dependsOnServiceId: row.depends_on_service_id }],
    );
    const graph = new ImpactGraph(edges);
    this.graph = { version: rows[0]?.version ?? '', graph };
    return graph;
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
