import { DEFAULT_SERVICE_CRITICALITY, type ServiceDetails, type ServiceOffering } from '@itsm/contracts';
import { assertNever, IllegalTransition, RuleViolation, type Decider } from '@itsm/event-sourcing';
import type {
  AddChangeTemplate,
  AddServiceDependency,
  AddServiceOffering,
  RegisterService,
  RemoveServiceDependency,
  RemoveServiceOffering,
  RetireService,
  ServiceCommand,
  SetServiceCostModel,
  SetServiceMaintenanceWindows,
  TakeServiceLive,
  UpdateService,
  UpdateServiceOffering,
} from './commands';
import { assertCriticality } from './criticality.rules';
import { OfferingNotFound } from './errors';
import type { ServiceEvent } from './events';
import { validMaintenanceWindows } from './maintenance-window.rules';
import { assertValidSlaTargets } from './sla-target.rules';
import { evolve, initialState, type RegisteredService, type Service } from './state';

export const decide = (command: ServiceCommand, state: Service): ServiceEvent[] => {
  switch (command.type) {
    case 'RegisterService': return register(command, state);
    case 'UpdateService': return update(command, state);
    case 'TakeServiceLive': return goLive(command, state);
    case 'RetireService': return retire(command, state);
    case 'AddServiceOffering': return addOffering(command, state);
    case 'UpdateServiceOffering': return updateOffering(command, state);
    case 'RemoveServiceOffering': return removeOffering(command, state);
    case 'SetServiceCostModel': return setCostModel(command, state);
    case 'SetServiceMaintenanceWindows': return setMaintenanceWindows(command, state);
    case 'AddChangeTemplate': return addChangeTemplate(command, state);
    case 'AddServiceDependency': return addDependency(command, state);
    case 'RemoveServiceDependency': return removeDependency(command, state);
    default: return assertNever(command);
  }
};

export const serviceDecider: Decider<ServiceCommand, Service, ServiceEvent> = { decide, evolve, initialState };

// --- guards -------------------------------------------------------------------------------------------------

const registered = (state: Service): RegisteredService => {
  if (state.status === 'unregistered') throw new IllegalTransition('The service is not registered');
  return state;
};

/** A retired service is read-only: no updates, offerings, dependencies, templates, cost model or maintenance windows. */
const notRetired = (state: Service, what: string): RegisteredService => {
  const service = registered(state);
  if (service.lifecycle === 'retired') {
    throw new IllegalTransition(`Service ${service.number} is retired and takes no ${what}`);
  }
  return service;
};

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

// --- lifecycle ----------------------------------------------------------------------------------------------

const register = ({ data, metadata }: RegisterService, state: Service): ServiceEvent[] => {
  if (state.status === 'registered') throw new IllegalTransition(`Service ${state.number} is already registered`);
  const { serviceId, number, name, kind, description, ownerGroup, supportGroup } = data;
  const criticality = assertCriticality(data.criticality ?? DEFAULT_SERVICE_CRITICALITY);
  return [
    {
      type: 'ServiceRegistered',
      data: {
        serviceId, number, name, kind, description, ownerGroup, supportGroup, criticality,
        lifecycle: 'pipeline',
        registeredAt: metadata.now.toISOString(),
      },
    },
  ];
};

const update = ({ data }: UpdateService, state: Service): ServiceEvent[] => {
  const service = notRetired(state, 'updates');
  if (data.changes.criticality !== undefined) assertCriticality(data.changes.criticality);
  const changes = Object.fromEntries(
    Object.entries(data.changes).filter(
      ([field, value]) => value !== undefined && service.details[field as keyof ServiceDetails] !== value,
    ),
  ) as Partial<ServiceDetails>;
  if (Object.keys(changes).length === 0) return [];
  return [{ type: 'ServiceUpdated', data: { serviceId: service.serviceId, changes } }];
};

const goLive = ({ metadata }: TakeServiceLive, state: Service): ServiceEvent[] => {
  const service = registered(state);
  if (service.lifecycle !== 'pipeline') {
    throw new IllegalTransition(`Service ${service.number} is ${service.lifecycle}: only a service in the pipeline can go live`);
  }
  return [{ type: 'ServiceWentLive', data: { serviceId: service.serviceId, wentLiveAt: metadata.now.toISOString() } }];
};

const retire = ({ data, metadata }: RetireService, state: Service): ServiceEvent[] => {
  const service = registered(state);
  if (service.lifecycle === 'retired') throw new IllegalTransition(`Service ${service.number} is already retired`);
  return [
    {
      type: 'ServiceRetired',
      data: {
        serviceId: service.serviceId,
        previousLifecycle: service.lifecycle,
        reason: data.reason ?? null,
        retiredAt: metadata.now.toISOString(),
      },
    },
  ];
};

// --- offerings ----------------------------------------------------------------------------------------------

const assertOfferingNameFree = (service: RegisteredService, name: string, exceptOfferingId?: string) => {
  const taken = Object.entries(service.offerings).some(
    ([offeringId, offering]) => offeringId !== exceptOfferingId && sameName(offering.name, name),
  );
  if (taken) throw new RuleViolation(`Service ${service.number} already has an offering named "${name}"`);
};

const assertCalendarExists = (calendarId: string, exists: boolean | undefined) => {
  if (exists !== true) throw new RuleViolation(`Calendar ${calendarId} does not exist`);
};

/** The default flag moves as one fact: the offering event, then which offering is now the default. */
const defaultChanged = (service: RegisteredService, offeringId: string): ServiceEvent => ({
  type: 'ServiceDefaultOfferingChanged',
  data: { serviceId: service.serviceId, defaultOfferingId: offeringId, previousDefaultOfferingId: service.defaultOfferingId },
});

const addOffering = ({ data }: AddServiceOffering, state: Service): ServiceEvent[] => {
  const service = notRetired(state, 'new offerings');
  if (service.offerings[data.offeringId]) {
    throw new RuleViolation(`Service ${service.number} already has offering ${data.offeringId}`);
  }
  assertOfferingNameFree(service, data.name);
  assertCalendarExists(data.calendarId, data.calendarExists);
  assertValidSlaTargets(data.slaTargets);
  // The first offering is the default whatever the flag says: a service with offerings always has one default.
  const isDefault = data.default === true || service.defaultOfferingId === null;
  const offering: ServiceOffering = {
    offeringId: data.offeringId,
    name: data.name,
    calendarId: data.calendarId,
    default: isDefault,
    slaTargets: data.slaTargets,
  };
  const added: ServiceEvent = { type: 'ServiceOfferingAdded', data: { serviceId: service.serviceId, ...offering } };
  return isDefault ? [added, defaultChanged(service, data.offeringId)] : [added];
};

/** An offering the service does not have is not found (404), whatever else the command says, retired or not. */
const existingOffering = (service: RegisteredService, offeringId: string) => {
  const offering = service.offerings[offeringId];
  if (!offering) throw new OfferingNotFound(service.serviceId, offeringId, service.number);
  return offering;
};

const updateOffering = ({ data }: UpdateServiceOffering, state: Service): ServiceEvent[] => {
  const current = existingOffering(registered(state), data.offeringId);
  const service = notRetired(state, 'offering changes');
  const { name, calendarId, slaTargets } = data.changes;
  const wasDefault = service.defaultOfferingId === data.offeringId;
  if (data.changes.default === false && wasDefault) {
    throw new RuleViolation('A service keeps exactly one default offering: make another offering the default instead');
  }
  if (name !== undefined) assertOfferingNameFree(service, name, data.offeringId);
  if (calendarId !== undefined && calendarId !== current.calendarId) assertCalendarExists(calendarId, data.calendarExists);
  if (slaTargets !== undefined) assertValidSlaTargets(slaTargets);

  const becomesDefault = data.changes.default === true && !wasDefault;
  const next = {
    name: name ?? current.name,
    calendarId: calendarId ?? current.calendarId,
    slaTargets: slaTargets ?? current.slaTargets,
  };
  const unchanged =
    next.name === current.name &&
    next.calendarId === current.calendarId &&
    JSON.stringify(next.slaTargets) === JSON.stringify(current.slaTargets);
  if (unchanged && !becomesDefault) return [];
  const updated: ServiceEvent = {
    type: 'ServiceOfferingUpdated',
    data: { serviceId: service.serviceId, offeringId: data.offeringId, ...next, default: wasDefault || becomesDefault },
  };
  return becomesDefault ? [updated, defaultChanged(service, data.offeringId)] : [updated];
};

const removeOffering = ({ data }: RemoveServiceOffering, state: Service): ServiceEvent[] => {
  existingOffering(registered(state), data.offeringId);
  const service = notRetired(state, 'offering changes');
  const isDefault = service.defaultOfferingId === data.offeringId;
  if (isDefault && Object.keys(service.offerings).length > 1) {
    throw new RuleViolation('The default offering cannot be removed while others remain: make another offering the default first');
  }
  return [{ type: 'ServiceOfferingRemoved', data: { serviceId: service.serviceId, offeringId: data.offeringId } }];
};

// --- cost model and change templates ------------------------------------------------------------------------

const isNonNegativeAmount = (value: number) => Number.isFinite(value) && value >= 0;

const setCostModel = ({ data }: SetServiceCostModel, state: Service): ServiceEvent[] => {
  const service = notRetired(state, 'cost model');
  if (!isNonNegativeAmount(data.fixedMonthlyCost)) throw new RuleViolation('The fixed monthly cost must be zero or more');
  if (!isNonNegativeAmount(data.unitRate)) throw new RuleViolation('The unit rate must be zero or more');
  const costModel = {
    fixedMonthlyCost: data.fixedMonthlyCost,
    currency: data.currency,
    unitRate: data.unitRate,
    unitName: data.unitName,
  };
  if (JSON.stringify(costModel) === JSON.stringify(service.costModel)) return [];
  return [{ type: 'ServiceCostModelSet', data: { serviceId: service.serviceId, ...costModel } }];
};

// --- maintenance windows -----------------------------------------------------------------------------------

/** The whole set replaces the previous one; the same set again records nothing. */
const setMaintenanceWindows = ({ data }: SetServiceMaintenanceWindows, state: Service): ServiceEvent[] => {
  const service = notRetired(state, 'maintenance windows');
  const next = validMaintenanceWindows(data);
  if (JSON.stringify(next) === JSON.stringify(service.maintenanceWindows)) return [];
  return [{ type: 'ServiceMaintenanceWindowsSet', data: { serviceId: service.serviceId, ...next } }];
};

const addChangeTemplate = ({ data }: AddChangeTemplate, state: Service): ServiceEvent[] => {
  const service = notRetired(state, 'new change templates');
  if (service.changeTemplates[data.templateId]) {
    throw new RuleViolation(`Service ${service.number} already has change template ${data.templateId}`);
  }
  if (Object.values(service.changeTemplates).some((template) => sameName(template.name, data.name))) {
    throw new RuleViolation(`Service ${service.number} already has a change template named "${data.name}"`);
  }
  if (data.steps.length === 0 || data.steps.some((step) => step.trim() === '')) {
    throw new RuleViolation('A change template needs at least one step, and no step may be blank');
  }
  const { templateId, name, steps, preApproved } = data;
  return [{ type: 'ChangeTemplateAdded', data: { serviceId: service.serviceId, templateId, name, steps, preApproved } }];
};

// --- dependencies -------------------------------------------------------------------------------------------

const addDependency = ({ data }: AddServiceDependency, state: Service): ServiceEvent[] => {
  const service = notRetired(state, 'new dependencies');
  const target = data.dependsOnServiceId;
  if (target === service.serviceId) throw new RuleViolation('A service cannot depend on itself');
  if (service.dependsOn.includes(target)) {
    throw new RuleViolation(`Service ${service.number} already depends on service ${target}`);
  }
  if (data.dependsOnLifecycle === null) throw new RuleViolation(`Service ${target} does not exist`);
  if (data.dependsOnLifecycle === 'retired') throw new RuleViolation(`Service ${target} is retired: nothing new may depend on it`);
  // The target already depends (transitively) on this service: the new edge would close a loop.
  if (data.dependentsOfService.has(target)) {
    throw new RuleViolation(`Service ${target} already depends on ${service.number}: the dependency would create a cycle`);
  }
  return [{ type: 'ServiceDependencyAdded', data: { serviceId: service.serviceId, dependsOnServiceId: target } }];
};

const removeDependency = ({ data }: RemoveServiceDependency, state: Service): ServiceEvent[] => {
  const service = notRetired(state, 'dependency changes');
  if (!service.dependsOn.includes(data.dependsOnServiceId)) {
    throw new RuleViolation(`Service ${service.number} does not depend on service ${data.dependsOnServiceId}`);
  }
  return [
    { type: 'ServiceDependencyRemoved', data: { serviceId: service.serviceId, dependsOnServiceId: data.dependsOnServiceId } },
  ];
};
