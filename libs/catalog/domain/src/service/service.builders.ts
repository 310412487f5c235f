import type { MaintenanceWindowSet, ServiceOffering, SlaTargets } from '@itsm/contracts';
import type { CommandMetadata } from '../command-metadata';
import type { ServiceCommand } from './commands';
import type { ServiceEvent } from './events';

/** Builders for the service decider's specs: each takes only the facts a test cares about. */

export const serviceId = '0190f3a4-0000-7000-8000-000000000001';
export const otherServiceId = '0190f3a4-0000-7000-8000-000000000002';
export const thirdServiceId = '0190f3a4-0000-7000-8000-000000000003';
export const calendarId = '0190f3a4-0000-7000-8000-0000000000c1';
export const gold = '0190f3a4-0000-7000-8000-0000000000a1';
export const silver = '0190f3a4-0000-7000-8000-0000000000a2';
export const templateId = '0190f3a4-0000-7000-8000-0000000000f1';

export const now = new Date('2026-03-02T10:00:00.000Z');
export const metadata: CommandMetadata = { now, actor: { id: 'owner-1', role: 'service-owner' } };

export const slaTargets = (overrides: Partial<SlaTargets> = {}): SlaTargets => ({
  P1: { responseMinutes: 15, resolutionMinutes: 240 },
  P2: { responseMinutes: 30, resolutionMinutes: 480 },
  P3: { responseMinutes: 60, resolutionMinutes: 1440 },
  P4: { responseMinutes: 240, resolutionMinutes: 2880 },
  P5: { responseMinutes: 480, resolutionMinutes: 5760 },
  ...overrides,
});

const details = { name: 'Email', kind: 'business', description: 'Corporate email', ownerGroup: 'messaging', supportGroup: 'service-desk' } as const;

type CommandOf<T extends ServiceCommand['type']> = Extract<ServiceCommand, { type: T }>;
const command = <T extends ServiceCommand['type']>(type: T, data: CommandOf<T>['data']) =>
  ({ type, data, metadata }) as CommandOf<T>;

// --- events ---
export const registered: ServiceEvent = {
  type: 'ServiceRegistered',
  data: { serviceId, number: 'SVC0000001', ...details, criticality: 'medium', lifecycle: 'pipeline', registeredAt: now.toISOString() },
};
export const wentLive: ServiceEvent = { type: 'ServiceWentLive', data: { serviceId, wentLiveAt: now.toISOString() } };
export const retired = (previousLifecycle: 'pipeline' | 'live' = 'live'): ServiceEvent => ({
  type: 'ServiceRetired',
  data: { serviceId, previousLifecycle, reason: null, retiredAt: now.toISOString() },
});
export const offering = (offeringId: string, name: string, isDefault: boolean): ServiceOffering => ({
  offeringId, name, calendarId, default: isDefault, slaTargets: slaTargets(),
});
export const offeringAdded = (offeringId: string, name: string, isDefault: boolean): ServiceEvent => ({
  type: 'ServiceOfferingAdded',
  data: { serviceId, ...offering(offeringId, name, isDefault) },
});
export const defaultOfferingChanged = (defaultOfferingId: string, previousDefaultOfferingId: string | null): ServiceEvent => ({
  type: 'ServiceDefaultOfferingChanged',
  data: { serviceId, defaultOfferingId, previousDefaultOfferingId },
});
export const dependencyAdded = (dependsOnServiceId: string): ServiceEvent => ({
  type: 'ServiceDependencyAdded',
  data: { serviceId, dependsOnServiceId },
});
export const costModel = { fixedMonthlyCost: 1200, currency: 'EUR', unitRate: 4.5, unitName: 'mailbox' };
export const costModelSet: ServiceEvent = { type: 'ServiceCostModelSet', data: { serviceId, ...costModel } };
export const template = { templateId, name: 'Add mailbox', steps: ['Create mailbox', 'Notify requester'], preApproved: true };
export const templateAdded: ServiceEvent = { type: 'ChangeTemplateAdded', data: { serviceId, ...template } };
export const saturdayNight: MaintenanceWindowSet = { timeZone: 'Europe/Berlin', windows: [{ day: 'sat', from: '22:00', to: '06:00' }] };
export const maintenanceWindowsSet = (windowSet: MaintenanceWindowSet = saturdayNight): ServiceEvent => ({
  type: 'ServiceMaintenanceWindowsSet',
  data: { serviceId, ...windowSet },
});

// --- commands ---
export const register = (overrides: Partial<CommandOf<'RegisterService'>['data']> = {}) =>
  command('RegisterService', { serviceId, number: 'SVC0000001', ...details, ...overrides });
export const update = (changes: CommandOf<'UpdateService'>['data']['changes']) => command('UpdateService', { changes });
export const takeLive = () => command('TakeServiceLive', {});
export const retire = (reason?: string) => command('RetireService', { reason });
export const addOffering = (overrides: Partial<CommandOf<'AddServiceOffering'>['data']> = {}) =>
  command('AddServiceOffering', {
    offeringId: gold, name: 'Gold', calendarId, slaTargets: slaTargets(), calendarExists: true, ...overrides,
  });
export const updateOffering = (
  offeringId: string,
  changes: CommandOf<'UpdateServiceOffering'>['data']['changes'],
  calendarExists?: boolean,
) => command('UpdateServiceOffering', { offeringId, changes, calendarExists });
export const removeOffering = (offeringId: string) => command('RemoveServiceOffering', { offeringId });
export const setCostModel = (overrides: Partial<typeof costModel> = {}) =>
  command('SetServiceCostModel', { ...costModel, ...overrides });
export const setMaintenanceWindows = (windowSet: Partial<MaintenanceWindowSet> = {}) =>
  command('SetServiceMaintenanceWindows', { ...saturdayNight, ...windowSet });
export const addTemplate = (overrides: Partial<typeof template> = {}) =>
  command('AddChangeTemplate', { ...template, ...overrides });
export const addDependency = (
  dependsOnServiceId: string,
  { dependsOnLifecycle = 'live', dependents = [] }: { dependsOnLifecycle?: 'pipeline' | 'live' | 'retired' | null; dependents?: string[] } = {},
) => command('AddServiceDependency', { dependsOnServiceId, dependsOnLifecycle, dependentsOfService: new Set(dependents) });
export const removeDependency = (dependsOnServiceId: string) => command('RemoveServiceDependency', { dependsOnServiceId });
