export * from './commands';
export * from './events';
export type { ChangeTemplate, CostModel, OfferingState, RegisteredService, Service, UnregisteredService } from './state';
export { serviceDecider } from './decide';
export { assertValidSlaTargets } from './sla-target.rules';
export { assertCriticality } from './criticality.rules';
export { validMaintenanceWindows } from './maintenance-window.rules';
export { OfferingNotFound } from './errors';
