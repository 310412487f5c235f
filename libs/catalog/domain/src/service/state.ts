import type {
  ChangeTemplateAddedV1,
  MaintenanceWindowSet,
  ServiceCostModelSetV1,
  ServiceDetails,
  ServiceLifecycle,
  SlaTargets,
} from '@itsm/contracts';
import { assertNever } from '@itsm/event-sourcing';
import type { ServiceEvent } from './events';

export interface OfferingState {
  name: string;
  calendarId: string;
  slaTargets: SlaTargets;
}

export type CostModel = Omit<ServiceCostModelSetV1, 'serviceId'>;
export type ChangeTemplate = Omit<ChangeTemplateAddedV1, 'serviceId' | 'templateId'>;

export interface UnregisteredService {
  status: 'unregistered';
}

export interface RegisteredService {
  status: 'registered';
  serviceId: string;
  number: string;
  details: ServiceDetails;
  lifecycle: ServiceLifecycle;
  offerings: Readonly<Record<string, OfferingState>>;
  /** Exactly one default offering whenever the service has offerings. */
  defaultOfferingId: string | null;
  /** Services this one depends on. */
  dependsOn: readonly string[];
  costModel: CostModel | null;
  changeTemplates: Readonly<Record<string, ChangeTemplate>>;
  /** Null until set; a set without windows once they were cleared. */
  maintenanceWindows: MaintenanceWindowSet | null;
}

export type Service = UnregisteredService | RegisteredService;

export const initialState = (): Service => ({ status: 'unregistered' });

const withoutKey = <T>(record: Readonly<Record<string, T>>, key: string): Record<string, T> =>
  Object.fromEntries(Object.entries(record).filter(([k]) => k !== key));

export const evolve = (state: Service, event: ServiceEvent): Service => {
  if (event.type === 'ServiceRegistered') {
    // Upcast on read: a registration written before criticality existed arrives as v2 with `medium`.
    const { serviceId, number, name, kind, description, ownerGroup, supportGroup, criticality, lifecycle } = event.data;
    return {
      status: 'registered',
      serviceId,
      number,
      details: { name, kind, description, ownerGroup, supportGroup, criticality },
      lifecycle,
      offerings: {},
      defaultOfferingId: null,
      dependsOn: [],
      costModel: null,
      changeTemplates: {},
      maintenanceWindows: null,
    };
  }
  if (state.status === 'unregistered') return state;
  switch (event.type) {
    case 'ServiceUpdated':
      return { ...state, details: { ...state.details, ...event.data.changes } };
    case 'ServiceWentLive':
      return { ...state, lifecycle: 'live' };
    case 'ServiceRetired':
      return { ...state, lifecycle: 'retired' };
    case 'ServiceOfferingAdded':
    case 'ServiceOfferingUpdated': {
      const { offeringId, name, calendarId, slaTargets } = event.data;
      return { ...state, offerings: { ...state.offerings, [offeringId]: { name, calendarId, slaTargets } } };
    }
    case 'ServiceOfferingRemoved': {
      const { offeringId } = event.data;
      const defaultOfferingId = state.defaultOfferingId === offeringId ? null : state.defaultOfferingId;
      return { ...state, offerings: withoutKey(state.offerings, offeringId), defaultOfferingId };
    }
    case 'ServiceDefaultOfferingChanged':
      return { ...state, defaultOfferingId: event.data.defaultOfferingId };
    case 'ServiceDependencyAdded':
      return { ...state, dependsOn: [...state.dependsOn, event.data.dependsOnServiceId] };
    case 'ServiceDependencyRemoved':
      return { ...state, dependsOn: state.dependsOn.filter((id) => id !== event.data.dependsOnServiceId) };
    case 'ServiceCostModelSet': {
      const { fixedMonthlyCost, currency, unitRate, unitName } = event.data;
      return { ...state, costModel: { fixedMonthlyCost, currency, unitRate, unitName } };
    }
    case 'ChangeTemplateAdded': {
      const { templateId, name, steps, preApproved } = event.data;
      return { ...state, changeTemplates: { ...state.changeTemplates, [templateId]: { name, steps, preApproved } } };
    }
    case 'ServiceMaintenanceWindowsSet': {
      // Rebuilt field by field: jsonb hands keys back in its own order, and the decider compares sets as JSON.
      const { timeZone, windows } = event.data;
      return { ...state, maintenanceWindows: { timeZone, windows: windows.map(({ day, from, to }) => ({ day, from, to })) } };
    }
    default:
      return assertNever(event);
  }
};
