import type { MaintenanceWindowSet, ServiceCriticality, ServiceDetails, SlaTargets } from '@itsm/contracts';

// What the API hands over for each service use case (already shape-checked by its DTOs).

/** Without a criticality the decider registers the service as `medium`. */
export type RegisterServiceInput = Omit<ServiceDetails, 'criticality'> & { criticality?: ServiceCriticality };
export type UpdateServiceInput = Partial<ServiceDetails>;
export interface RetireServiceInput {
  reason?: string | null;
}
export interface AddOfferingInput {
  name: string;
  calendarId: string;
  default?: boolean;
  slaTargets: SlaTargets;
}
export interface UpdateOfferingInput {
  name?: string;
  calendarId?: string;
  default?: boolean;
  slaTargets?: SlaTargets;
}
export interface SetCostModelInput {
  fixedMonthlyCost: number;
  currency: string;
  unitRate: number;
  unitName: string;
}
export type SetMaintenanceWindowsInput = MaintenanceWindowSet;
export interface AddChangeTemplateInput {
  name: string;
  steps: string[];
  preApproved: boolean;
}

const DETAIL_FIELDS = ['name', 'kind', 'description', 'ownerGroup', 'supportGroup', 'criticality'] as const;

/** Picks the service's own fields, so nothing else a caller sends ends up in an event. */
export const serviceDetailsOf = (input: Partial<ServiceDetails>): Partial<ServiceDetails> =>
  Object.fromEntries(DETAIL_FIELDS.filter((field) => input[field] !== undefined).map((field) => [field, input[field]]));

/** The zone and each window's day, from and to: nothing else a caller sends reaches the event. */
export const maintenanceWindowsOf = ({ timeZone, windows }: MaintenanceWindowSet): MaintenanceWindowSet => ({
  timeZone,
  windows: windows.map(({ day, from, to }) => ({ day, from, to })),
});
