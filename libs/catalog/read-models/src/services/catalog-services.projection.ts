import type {
  ChangeTemplateAddedV1,
  ServiceCostModelSetV1,
  ServiceDefaultOfferingChangedV1,
  ServiceDependencyAddedV1,
  ServiceEvent,
  ServiceOfferingAddedV1,
  ServiceMaintenanceWindowsSetV1,
  ServiceOfferingRemovedV1,
  ServiceRegisteredV2,
  ServiceRetiredV1,
  ServiceUpdatedV1,
} from '@itsm/contracts';
import { SERVICE_EVENT_TYPES } from '@itsm/contracts';
import type { RecordedEvent } from '@itsm/event-sourcing';
import type { SqlSession } from '@itsm/event-store';
import { defineProjection, type TableNames } from '@itsm/projections';
import { serviceNumberSequence } from './service-number';

export const CATALOG_SERVICES_PROJECTION = 'catalog_services';

export type CatalogServicesTable = 'catalog_services' | 'catalog_offerings' | 'catalog_change_templates' | 'catalog_dependencies';

type Tables = TableNames<CatalogServicesTable>;

const createTables = (t: Tables) => `
  CREATE TABLE ${t.catalog_services} (
    service_id uuid PRIMARY KEY,
    number text NOT NULL,
    number_seq bigint NOT NULL UNIQUE,
    name text NOT NULL,
    kind text NOT NULL,
    description text NOT NULL,
    owner_group text NOT NULL,
    support_group text NOT NULL,
    criticality text NOT NULL,
    lifecycle text NOT NULL,
    revision integer NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    went_live_at timestamptz,
    retired_at timestamptz,
    retire_reason text,
    default_offering_id uuid,
    fixed_monthly_cost numeric,
    currency text,
    unit_rate numeric,
    unit_name text,
    maintenance_windows jsonb
  );
  CREATE INDEX ON ${t.catalog_services} (kind, number_seq);
  CREATE INDEX ON ${t.catalog_services} (lifecycle, number_seq);
  CREATE INDEX ON ${t.catalog_services} (owner_group, number_seq);
  CREATE INDEX ON ${t.catalog_services} (criticality, number_seq);
  CREATE TABLE ${t.catalog_offerings} (
    offering_id uuid PRIMARY KEY,
    service_id uuid NOT NULL,
    name text NOT NULL,
    calendar_id uuid NOT NULL,
    is_default boolean NOT NULL,
    sla_targets jsonb NOT NULL,
    added_position bigint NOT NULL
  );
  CREATE INDEX ON ${t.catalog_offerings} (service_id, added_position);
  CREATE INDEX ON ${t.catalog_offerings} (calendar_id);
  CREATE TABLE ${t.catalog_change_templates} (
    template_id uuid PRIMARY KEY,
    service_id uuid NOT NULL,
    name text NOT NULL,
    steps jsonb NOT NULL,
    pre_approved boolean NOT NULL,
    added_position bigint NOT NULL
  );
  CREATE INDEX ON ${t.catalog_change_templates} (service_id, added_position);
  CREATE TABLE ${t.catalog_dependencies} (
    service_id uuid NOT NULL,
    depends_on_service_id uuid NOT NULL,
    added_position bigint NOT NULL,
    PRIMARY KEY (service_id, depends_on_service_id)
  );
  CREATE INDEX ON ${t.catalog_dependencies} (depends_on_service_id);`;

type Apply = (tx: SqlSession, event: RecordedEvent, t: Tables) => Promise<unknown>;

const registered: Apply = (tx, event, t) => {
  // The runtime upcasts before apply: a registration written as v1 arrives with criticality `medium`.
  const d = event.data as ServiceRegisteredV2;
  return tx.query(
    `INSERT INTO ${t.catalog_services}
       (service_id, number, number_seq, name, kind, description, owner_group, support_group, criticality, lifecycle, revision, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)`,
    [d.serviceId, d.number, serviceNumberSequence(d.number), d.name, d.kind, d.description, d.ownerGroup, d.supportGroup, d.criticality, d.lifecycle, event.streamRevision, event.recordedAt],
  );
};

const updated: Apply = (tx, event, t) => {
  const { serviceId, changes } = event.data as ServiceUpdatedV1;
  return tx.query(
    `UPDATE ${t.catalog_services} SET name = COALESCE($2, name), kind = COALESCE($3, kind), description = COALESCE($4, description),
       owner_group = COALESCE($5, owner_group), support_group = COALESCE($6, support_group), criticality = COALESCE($7, criticality)
     WHERE service_id = $1`,
    [serviceId, changes.name ?? null, changes.kind ?? null, changes.description ?? null, changes.ownerGroup ?? null, changes.supportGroup ?? null, changes.criticality ?? null],
  );
};

const serviceIdOf = (event: RecordedEvent): string => (event.data as { serviceId: string }).serviceId;

const wentLive: Apply = (tx, event, t) =>
  tx.query(`UPDATE ${t.catalog_services} SET lifecycle = 'live', went_live_at = $2 WHERE service_id = $1`, [serviceIdOf(event), event.recordedAt]);

const retired: Apply = (tx, event, t) => {
  const d = event.data as ServiceRetiredV1;
  return tx.query(`UPDATE ${t.catalog_services} SET lifecycle = 'retired', retired_at = $2, retire_reason = $3 WHERE service_id = $1`, [
    d.serviceId,
    d.retiredAt,
    d.reason,
  ]);
};

const offeringAdded: Apply = (tx, event, t) => {
  const d = event.data as ServiceOfferingAddedV1;
  return tx.query(
    `INSERT INTO ${t.catalog_offerings} (offering_id, service_id, name, calendar_id, is_default, sla_targets, added_position)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [d.offeringId, d.serviceId, d.name, d.calendarId, d.default, JSON.stringify(d.slaTargets), event.globalPosition],
  );
};

const offeringUpdated: Apply = (tx, event, t) => {
  const d = event.data as ServiceOfferingAddedV1;
  return tx.query(
    `UPDATE ${t.catalog_offerings} SET name = $2, calendar_id = $3, is_default = $4, sla_targets = $5 WHERE offering_id = $1`,
    [d.offeringId, d.name, d.calendarId, d.default, JSON.stringify(d.slaTargets)],
  );
};

const offeringRemoved: Apply = async (tx, event, t) => {
  const d = event.data as ServiceOfferingRemovedV1;
  await tx.query(`DELETE FROM ${t.catalog_offerings} WHERE offering_id = $1`, [d.offeringId]);
  await tx.query(`UPDATE ${t.catalog_services} SET default_offering_id = NULL WHERE service_id = $1 AND default_offering_id = $2`, [
    d.serviceId,
    d.offeringId,
  ]);
};

const defaultOfferingChanged: Apply = async (tx, event, t) => {
  const d = event.data as ServiceDefaultOfferingChangedV1;
  await tx.query(`UPDATE ${t.catalog_offerings} SET is_default = (offering_id = $2) WHERE service_id = $1`, [d.serviceId, d.defaultOfferingId]);
  await tx.query(`UPDATE ${t.catalog_services} SET default_offering_id = $2 WHERE service_id = $1`, [d.serviceId, d.defaultOfferingId]);
};

const dependencyAdded: Apply = (tx, event, t) => {
  const d = event.data as ServiceDependencyAddedV1;
  return tx.query(`INSERT INTO ${t.catalog_dependencies} (service_id, depends_on_service_id, added_position) VALUES ($1, $2, $3)`, [
    d.serviceId,
    d.dependsOnServiceId,
    event.globalPosition,
  ]);
};

const dependencyRemoved: Apply = (tx, event, t) => {
  const d = event.data as ServiceDependencyAddedV1;
  return tx.query(`DELETE FROM ${t.catalog_dependencies} WHERE service_id = $1 AND depends_on_service_id = $2`, [d.serviceId, d.dependsOnServiceId]);
};

const costModelSet: Apply = (tx, event, t) => {
  const d = event.data as ServiceCostModelSetV1;
  return tx.query(
    `UPDATE ${t.catalog_services} SET fixed_monthly_cost = $2, currency = $3, unit_rate = $4, unit_name = $5 WHERE service_id = $1`,
    [d.serviceId, d.fixedMonthlyCost, d.currency, d.unitRate, d.unitName],
  );
};

const changeTemplateAdded: Apply = (tx, event, t) => {
  const d = event.data as ChangeTemplateAddedV1;
  return tx.query(
    `INSERT INTO ${t.catalog_change_templates} (template_id, service_id, name, steps, pre_approved, added_position) VALUES ($1, $2, $3, $4, $5, $6)`,
    [d.templateId, d.serviceId, d.name, JSON.stringify(d.steps), d.preApproved, event.globalPosition],
  );
};

const maintenanceWindowsSet: Apply = (tx, event, t) => {
  const { serviceId, timeZone, windows } = event.data as ServiceMaintenanceWindowsSetV1;
  return tx.query(`UPDATE ${t.catalog_services} SET maintenance_windows = $2 WHERE service_id = $1`, [serviceId, JSON.stringify({ timeZone, windows })]);
};

const appliers: Record<ServiceEvent['type'], Apply> = {
  ServiceRegistered: registered,
  ServiceUpdated: updated,
  ServiceWentLive: wentLive,
  ServiceRetired: retired,
  ServiceOfferingAdded: offeringAdded,
  ServiceOfferingUpdated: offeringUpdated,
  ServiceOfferingRemoved: offeringRemoved,
  ServiceDefaultOfferingChanged: defaultOfferingChanged,
  ServiceDependencyAdded: dependencyAdded,
  ServiceDependencyRemoved: dependencyRemoved,
  ServiceCostModelSet: costModelSet,
  ChangeTemplateAdded: changeTemplateAdded,
  ServiceMaintenanceWindowsSet: maintenanceWindowsSet,
};

/**
 * Services with their offerings, change templates and dependencies. Every row belongs to one service stream,
 * so the tables come out the same in log order or in Kafka's per-stream order. A change of `createTables` changes
 * the projection's table-shape fingerprint (@itsm/projections): on start the runtime drops the old tables and
 * refills them from the log, so a release that adds a column (criticality, maintenance windows) needs no migration.
 */
export const catalogServicesProjection = defineProjection<CatalogServicesTable>({
  name: CATALOG_SERVICES_PROJECTION,
  eventTypes: SERVICE_EVENT_TYPES,
  tables: ['catalog_services', 'catalog_offerings', 'catalog_change_templates', 'catalog_dependencies'],
  createTables,
  apply: async (tx, event, t) => {
    await appliers[event.type as ServiceEvent['type']](tx, event, t);
    // Every event of the stream moves the service's revision (its ETag) and last change time.
    await tx.query(`UPDATE ${t.catalog_services} SET revision = $2, updated_at = $3 WHERE service_id = $1`, [
      serviceIdOf(event),
      event.streamRevision,
      event.recordedAt,
    ]);
  },
});
