import type { MaintenanceWindowSet, ServiceCriticality, ServiceKind, ServiceLifecycle, SlaTargets } from '@itsm/contracts';
import type { ChangeTemplateView, OfferingSummary, OfferingView, ServiceView } from './service.view';

/** A `catalog_services` row with its offerings and dependencies aggregated (see ServiceQueries). */
export interface ServiceRow {
  service_id: string;
  number: string;
  number_seq: string | number;
  name: string;
  kind: ServiceKind;
  description: string;
  owner_group: string;
  support_group: string;
  criticality: ServiceCriticality;
  lifecycle: ServiceLifecycle;
  revision: number;
  created_at: Date | string;
  updated_at: Date | string;
  fixed_monthly_cost: string | number | null;
  currency: string | null;
  unit_rate: string | number | null;
  unit_name: string | null;
  maintenance_windows: MaintenanceWindowSet | string | null;
  offerings: OfferingSummary[] | string | null;
  depends_on: string[] | string | null;
}

export const isoOf = (value: Date | string): string => new Date(value).toISOString();

/** pg returns json aggregates parsed; some drivers hand back text. */
export const jsonOf = <T>(value: T | string | null, fallback: T): T => (value === null ? fallback : typeof value === 'string' ? (JSON.parse(value) as T) : value);

export const serviceViewOf = (row: ServiceRow): ServiceView => ({
  id: row.service_id,
  number: row.number,
  name: row.name,
  kind: row.kind,
  description: row.description,
  ownerGroup: row.owner_group,
  supportGroup: row.support_group,
  criticality: row.criticality,
  lifecycle: row.lifecycle,
  revision: row.revision,
  createdAt: isoOf(row.created_at),
  updatedAt: isoOf(row.updated_at),
  offerings: jsonOf<OfferingSummary[]>(row.offerings, []),
  costModel:
    row.currency === null
      ? null
      : { fixedMonthlyCost: Number(row.fixed_monthly_cost), currency: row.currency, unitRate: Number(row.unit_rate), unitName: row.unit_name ?? '' },
  dependsOn: jsonOf<string[]>(row.depends_on, []),
  maintenanceWindows: jsonOf<MaintenanceWindowSet | null>(row.maintenance_windows, null),
});

export interface OfferingRow {
  offering_id: string;
  service_id: string;
  name: string;
  calendar_id: string;
  is_default: boolean;
  sla_targets: SlaTargets | string;
}

export const offeringViewOf = (row: OfferingRow): OfferingView => ({
  id: row.offering_id,
  offeringId: row.offering_id,
  serviceId: row.service_id,
  name: row.name,
  calendarId: row.calendar_id,
  default: row.is_default,
  slaTargets: jsonOf<SlaTargets>(row.sla_targets, {} as SlaTargets),
});

export interface ChangeTemplateRow {
  template_id: string;
  service_id: string;
  name: string;
  steps: string[] | string;
  pre_approved: boolean;
}

export const changeTemplateViewOf = (row: ChangeTemplateRow): ChangeTemplateView => ({
  id: row.template_id,
  templateId: row.template_id,
  serviceId: row.service_id,
  name: row.name,
  steps: jsonOf<string[]>(row.steps, []),
  preApproved: row.pre_approved,
});

