import type { DomainEvent } from '@itsm/event-sourcing';
import type { MaintenanceWindowSet } from './maintenance-windows';
import type { SlaTargets } from './sla-targets';

/*
 * Published events of the service stream (`service-<uuid>`), schemaVersion 1 except ServiceRegistered (v2, see
 * catalog-schema-versions.ts). Other contexts learn services, offerings, SLA targets, criticality and maintenance
 * windows only from these: each event is complete on its own. Times are ISO-8601 UTC strings.
 */

export type ServiceKind = 'business' | 'technical';
export type ServiceLifecycle = 'pipeline' | 'live' | 'retired';

/** How much the business depends on a service, least first (changes weigh their risk by it). */
export const SERVICE_CRITICALITIES = ['low', 'medium', 'high', 'critical'] as const;
export type ServiceCriticality = (typeof SERVICE_CRITICALITIES)[number];

/** A service registered without a criticality, and every service registered before there was one (upcaster). */
export const DEFAULT_SERVICE_CRITICALITY: ServiceCriticality = 'medium';

/** The editable description of a service. */
export interface ServiceDetails {
  name: string;
  kind: ServiceKind;
  description: string;
  ownerGroup: string;
  supportGroup: string;
  criticality: ServiceCriticality;
}

/** ServiceRegistered as written before services had a criticality (schema version 1); read as v2. */
export interface ServiceRegisteredV1 extends Omit<ServiceDetails, 'criticality'> {
  serviceId: string;
  number: string;
  lifecycle: 'pipeline';
  registeredAt: string;
}

/** A service entered the catalog; it starts in the `pipeline` lifecycle. Schema version 2: with `criticality`. */
export interface ServiceRegisteredV2 extends ServiceDetails {
  serviceId: string;
  number: string;
  lifecycle: 'pipeline';
  registeredAt: string;
}

/**
 * Only the fields that changed, with their new values. `changes.criticality` came with ServiceRegistered v2; an
 * optional field of a partial, so events written before it stay valid v1 and the version did not move.
 */
export interface ServiceUpdatedV1 {
  serviceId: string;
  changes: Partial<ServiceDetails>;
}

export interface ServiceWentLiveV1 {
  serviceId: string;
  wentLiveAt: string;
}

export interface ServiceRetiredV1 {
  serviceId: string;
  previousLifecycle: 'pipeline' | 'live';
  reason: string | null;
  retiredAt: string;
}

/** A tier of the service: its SLA targets count in minutes of the calendar `calendarId`. */
export interface ServiceOffering {
  offeringId: string;
  name: string;
  calendarId: string;
  /** Exactly one offering of a service is the default (used when an incident names none). */
  default: boolean;
  slaTargets: SlaTargets;
}

export interface ServiceOfferingAddedV1 extends ServiceOffering {
  serviceId: string;
}

/** The whole offering as it is after the change. */
export interface ServiceOfferingUpdatedV1 extends ServiceOffering {
  serviceId: string;
}

export interface ServiceOfferingRemovedV1 {
  serviceId: string;
  offeringId: string;
}

/**
 * The service's default offering is now `defaultOfferingId`; the previous default (if any) is no longer default.
 * Follows the ServiceOfferingAdded/Updated event that caused it, in the same append.
 */
export interface ServiceDefaultOfferingChangedV1 {
  serviceId: string;
  defaultOfferingId: string;
  previousDefaultOfferingId: string | null;
}

/** `serviceId` depends on `dependsOnServiceId`: an outage of the latter impacts the former. */
export interface ServiceDependencyAddedV1 {
  serviceId: string;
  dependsOnServiceId: string;
}

export interface ServiceDependencyRemovedV1 {
  serviceId: string;
  dependsOnServiceId: string;
}

/** The whole cost model for finance; replaces the previous one. */
export interface ServiceCostModelSetV1 {
  serviceId: string;
  fixedMonthlyCost: number;
  /** ISO 4217 code, e.g. `EUR`. */
  currency: string;
  unitRate: number;
  /** What the unit rate is charged per, e.g. `mailbox`, `GB-month`. */
  unitName: string;
}

/** A standard change template of the service (changes context: standard changes are created from these). */
export interface ChangeTemplateAddedV1 {
  serviceId: string;
  templateId: string;
  name: string;
  steps: string[];
  preApproved: boolean;
}

/**
 * The service's weekly maintenance windows, the whole set (replaces the previous one; no windows = none): changes
 * implemented outside them count as "outside the maintenance window". Check an interval with
 * `isWithinMaintenanceWindows`.
 */
export interface ServiceMaintenanceWindowsSetV1 extends MaintenanceWindowSet {
  serviceId: string;
}

export type ServiceRegistered = DomainEvent<'ServiceRegistered', ServiceRegisteredV2>;
export type ServiceUpdated = DomainEvent<'ServiceUpdated', ServiceUpdatedV1>;
export type ServiceWentLive = DomainEvent<'ServiceWentLive', ServiceWentLiveV1>;
export type ServiceRetired = DomainEvent<'ServiceRetired', ServiceRetiredV1>;
export type ServiceOfferingAdded = DomainEvent<'ServiceOfferingAdded', ServiceOfferingAddedV1>;
export type ServiceOfferingUpdated = DomainEvent<'ServiceOfferingUpdated', ServiceOfferingUpdatedV1>;
export type ServiceOfferingRemoved = DomainEvent<'ServiceOfferingRemoved', ServiceOfferingRemovedV1>;
export type ServiceDefaultOfferingChanged = DomainEvent<'ServiceDefaultOfferingChanged', ServiceDefaultOfferingChangedV1>;
export type ServiceDependencyAdded = DomainEvent<'ServiceDependencyAdded', ServiceDependencyAddedV1>;
export type ServiceDependencyRemoved = DomainEvent<'ServiceDependencyRemoved', ServiceDependencyRemovedV1>;
export type ServiceCostModelSet = DomainEvent<'ServiceCostModelSet', ServiceCostModelSetV1>;
export type ChangeTemplateAdded = DomainEvent<'ChangeTemplateAdded', ChangeTemplateAddedV1>;
export type ServiceMaintenanceWindowsSet = DomainEvent<'ServiceMaintenanceWindowsSet', ServiceMaintenanceWindowsSetV1>;

export type ServiceEvent =
  | ServiceRegistered
  | ServiceUpdated
  | ServiceWentLive
  | ServiceRetired
  | ServiceOfferingAdded
  | ServiceOfferingUpdated
  | ServiceOfferingRemoved
  | ServiceDefaultOfferingChanged
  | ServiceDependencyAdded
  | ServiceDependencyRemoved
  | ServiceCostModelSet
  | ChangeTemplateAdded
  | ServiceMaintenanceWindowsSet;

export type ServiceEventType = ServiceEvent['type'];

/** Every event type of the service stream, for subscriptions and projections (`eventTypes`). */
export const SERVICE_EVENT_TYPES: readonly ServiceEventType[] = [
  'ServiceRegistered',
  'ServiceUpdated',
  'ServiceWentLive',
  'ServiceRetired',
  'ServiceOfferingAdded',
  'ServiceOfferingUpdated',
  'ServiceOfferingRemoved',
  'ServiceDefaultOfferingChanged',
  'ServiceDependencyAdded',
  'ServiceDependencyRemoved',
  'ServiceCostModelSet',
  'ChangeTemplateAdded',
  'ServiceMaintenanceWindowsSet',
];
