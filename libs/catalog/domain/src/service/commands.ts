import type { MaintenanceWindowSet, ServiceCriticality, ServiceDetails, ServiceLifecycle, SlaTargets } from '@itsm/contracts';
import type { CommandMetadata } from '../command-metadata';

type Command<Type extends string, Data> = { type: Type; data: Data; metadata: CommandMetadata };

/**
 * `number` is allocated by the application (a database sequence) before the command is decided. Without a
 * criticality the service is registered as `medium`.
 */
export type RegisterService = Command<
  'RegisterService',
  Omit<ServiceDetails, 'criticality'> & { criticality?: ServiceCriticality; serviceId: string; number: string }
>;

export type UpdateService = Command<'UpdateService', { changes: Partial<ServiceDetails> }>;

export type TakeServiceLive = Command<'TakeServiceLive', Record<string, never>>;

export type RetireService = Command<'RetireService', { reason?: string | null }>;

export type AddServiceOffering = Command<
  'AddServiceOffering',
  {
    offeringId: string;
    name: string;
    calendarId: string;
    default?: boolean;
    slaTargets: SlaTargets;
    /** Read by the application from the calendar's stream: an offering must count on a calendar that exists. */
    calendarExists: boolean;
  }
>;

export type UpdateServiceOffering = Command<
  'UpdateServiceOffering',
  {
    offeringId: string;
    changes: { name?: string; calendarId?: string; default?: boolean; slaTargets?: SlaTargets };
    /** Whether `changes.calendarId` (when given) names a calendar that exists. */
    calendarExists?: boolean;
  }
>;

export type RemoveServiceOffering = Command<'RemoveServiceOffering', { offeringId: string }>;

export type SetServiceCostModel = Command<
  'SetServiceCostModel',
  { fixedMonthlyCost: number; currency: string; unitRate: number; unitName: string }
>;

/** Replaces the service's maintenance windows with this set (no windows = none). */
export type SetServiceMaintenanceWindows = Command<'SetServiceMaintenanceWindows', MaintenanceWindowSet>;

export type AddChangeTemplate = Command<
  'AddChangeTemplate',
  { templateId: string; name: string; steps: string[]; preApproved: boolean }
>;

export type AddServiceDependency = Command<
  'AddServiceDependency',
  {
    dependsOnServiceId: string;
    /** Lifecycle of the service depended on, or null when it does not exist (read by the application). */
    dependsOnLifecycle: ServiceLifecycle | null;
    /** Every service that depends on this one, directly or transitively (read by the application). */
    dependentsOfService: ReadonlySet<string>;
  }
>;

export type RemoveServiceDependency = Command<'RemoveServiceDependency', { dependsOnServiceId: string }>;

export type ServiceCommand =
  | RegisterService
  | UpdateService
  | TakeServiceLive
  | RetireService
  | AddServiceOffering
  | UpdateServiceOffering
  | RemoveServiceOffering
  | SetServiceCostModel
  | SetServiceMaintenanceWindows
  | AddChangeTemplate
  | AddServiceDependency
  | RemoveServiceDependency;
