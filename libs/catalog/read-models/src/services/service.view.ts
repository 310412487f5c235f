import type { MaintenanceWindowSet, ServiceCriticality, ServiceKind, ServiceLifecycle, SlaTargets } from '@itsm/contracts';

/** An offering as lists of services show it. */
export interface OfferingSummary {
  id: string;
  /** Deprecated: the same as `id` (every resource answers with `id`). */
  offeringId: string;
  name: string;
  default: boolean;
}

export interface CostModelView {
  fixedMonthlyCost: number;
  currency: string;
  unitRate: number;
  unitName: string;
}

/** A service as the API shows it, in lists and on its own (same shape from the read model and from its stream). */
export interface ServiceView {
  id: string;
  number: string;
  name: string;
  kind: ServiceKind;
  description: string;
  ownerGroup: string;
  supportGroup: string;
  criticality: ServiceCriticality;
  lifecycle: ServiceLifecycle;
  /** Stream revision: the resource's ETag. */
  revision: number;
  createdAt: string;
  updatedAt: string;
  /** Offerings in the order they were added. */
  offerings: OfferingSummary[];
  costModel: CostModelView | null;
  /** Services this one depends on, in the order the dependencies were added. */
  dependsOn: string[];
  /** The weekly windows for changes; null until set (a set without windows once cleared). */
  maintenanceWindows: MaintenanceWindowSet | null;
}

export interface OfferingView {
  id: string;
  /** Deprecated: the same as `id`. */
  offeringId: string;
  serviceId: string;
  name: string;
  calendarId: string;
  default: boolean;
  slaTargets: SlaTargets;
}

export interface ChangeTemplateView {
  id: string;
  /** Deprecated: the same as `id`. */
  templateId: string;
  serviceId: string;
  name: string;
  steps: string[];
  preApproved: boolean;
}

/** A service that depends on the one asked about; `depth` 1 = directly. */
export interface ImpactedServiceView {
  id: string;
  number: string;
  name: string;
  lifecycle: ServiceLifecycle;
  depth: number;
}
