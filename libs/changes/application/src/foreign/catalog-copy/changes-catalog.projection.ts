import type { ServiceEvent } from '@itsm/contracts';
import type { RecordedEvent } from '@itsm/event-sourcing';
import type { SqlSession } from '@itsm/event-store';
import { DEFAULT_READ_MODEL_LOCATION, defineProjection, type TableNames } from '@itsm/projections';

export type ChangesCatalogTable =
  | 'changes_catalog_services'
  | 'changes_catalog_dependencies'
  | 'changes_catalog_graph_version'
  | 'changes_catalog_templates';
export type ChangesCatalogTables = TableNames<ChangesCatalogTable>;

/** Schema of the changes' catalog copy: the projection runtime's default, where every host runs it. */
export const CHANGES_CATALOG_SCHEMA = DEFAULT_READ_MODEL_LOCATION.schema;

/**
 * The changes context's own copy of the catalog, built only from the catalog's published events (the log embedded,
 * `itsm.catalog.events.v1` distributed): services (number, name, lifecycle, criticality, maintenance windows), the
 * dependency edges between them (the impact graph) and the change templates. Every row is written from the stream
 * of its service (an edge from the dependent service's), so per-stream order (Kafka) gives the same rows as the
 * log; an edge whose far end is not known yet is kept and simply joins nothing until it is. Every edge event also
 * bumps `changes_catalog_graph_version` (increments commute, so every order gives the same count; a table made anew, by
 * a rebuild, gets a new generation): readers that keep the graph in memory compare both to know theirs is current.
 */
export const changesCatalogProjection = defineProjection<ChangesCatalogTable>({
  name: 'changes_catalog',
  eventTypes: [
    'ServiceRegistered',
    'ServiceUpdated',
    'ServiceWentLive',
    'ServiceRetired',
    'ServiceDependencyAdded',
    'ServiceDependencyRemoved',
    'ChangeTemplateAdded',
    'ServiceMaintenanceWindowsSet',
  ],
  tables: ['changes_catalog_services', 'changes_catalog_dependencies', 'changes_catalog_graph_version', 'changes_catalog_templates'],
  createTables: (t) => `
    CREATE TABLE ${t.changes_catalog_services} (
      service_id text PRIMARY KEY,
      number text NOT NULL,
      name text NOT NULL,
      lifecycle text NOT NULL,
      criticality text NOT NULL,
      maintenance_windows jsonb
    );
    CREATE TABLE ${t.changes_catalog_dependencies} (
      service_id text NOT NULL,
      depends_on_service_id text NOT NULL,
      PRIMARY KEY (service_id, depends_on_service_id)
    );
    CREATE INDEX ON ${t.changes_catalog_dependencies} (depends_on_service_id, service_id);
    CREATE TABLE ${t.changes_catalog_graph_version} (
      singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
      generation text NOT NULL,
      version bigint NOT NULL
    );
    INSERT INTO ${t.changes_catalog_graph_version} (generation, version) VALUES (gen_random_uuid()::text, 0);
    CREATE TABLE ${t.changes_catalog_templates} (
      template_id text PRIMARY KEY,
      service_id text NOT NULL,
      name text NOT NULL,
      pre_approved boolean NOT NULL
    );
    CREATE INDEX ON ${t.changes_catalog_templates} (service_id);`,
  apply: (tx, event, t) => applyServiceEvent(tx, event as RecordedEvent & ServiceEvent, t),
});

const applyServiceEvent = async (tx: SqlSession, event: RecordedEvent & ServiceEvent, t: ChangesCatalogTables): Promise<void> => {
  switch (event.type) {
    case 'ServiceRegistered': {
      const { serviceId, number, name, lifecycle, criticality } = event.data;
      await tx.query(
        `INSERT INTO ${t.changes_catalog_services} (service_id, number, name, lifecycle, criticality) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (service_id) DO NOTHING`,
        [serviceId, number, name, lifecycle, criticality],
      );
      return;
    }
    case 'ServiceUpdated': {
      const { serviceId, changes } = event.data;
      await tx.query(
        `UPDATE ${t.changes_catalog_services} SET name = COALESCE($2, name), criticality = COALESCE($3, criticality) WHERE service_id = $1`,
        [serviceId, changes.name ?? null, changes.criticality ?? null],
      );
      return;
    }
    case 'ServiceWentLive':
      await tx.query(`UPDATE ${t.changes_catalog_services} SET lifecycle = 'live' WHERE service_id = $1`, [event.data.serviceId]);
      return;
    case 'ServiceRetired':
      await tx.query(`UPDATE ${t.changes_catalog_services} SET lifecycle = 'retired' WHERE service_id = $1`, [event.data.serviceId]);
      return;
    case 'ServiceDependencyAdded':
      await tx.query(`UPDATE ${t.changes_catalog_graph_version} SET version = version + 1`);
      await tx.query(`INSERT INTO ${t.changes_catalog_dependencies} (service_id, depends_on_service_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
        event.data.serviceId,
        event.data.dependsOnServiceId,
      ]);
      return;
    case 'ServiceDependencyRemoved':
      await tx.query(`UPDATE ${t.changes_catalog_graph_version} SET version = version + 1`);
      await tx.query(`DELETE FROM ${t.changes_catalog_dependencies} WHERE service_id = $1 AND depends_on_service_id = $2`, [
        event.data.serviceId,
        event.data.dependsOnServiceId,
      ]);
      return;
    case 'ChangeTemplateAdded': {
      const { templateId, serviceId, name, preApproved } = event.data;
      await tx.query(
        `INSERT INTO ${t.changes_catalog_templates} (template_id, service_id, name, pre_approved) VALUES ($1, $2, $3, $4)
         ON CONFLICT (template_id) DO UPDATE SET service_id = excluded.service_id, name = excluded.name, pre_approved = excluded.pre_approved`,
        [templateId, serviceId, name, preApproved],
      );
      return;
    }
    case 'ServiceMaintenanceWindowsSet': {
      // No windows: the service has no maintenance window, so no change on it is outside one.
      const { serviceId, timeZone, windows } = event.data;
      await tx.query(`UPDATE ${t.changes_catalog_services} SET maintenance_windows = $2 WHERE service_id = $1`, [
        serviceId,
        windows.length === 0 ? null : JSON.stringify({ timeZone, windows }),
      ]);
      return;
    }
    default:
      // Offerings, cost models and calendars do not concern changes.
      return;
  }
};
