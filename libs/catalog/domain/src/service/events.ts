// The service stream's events are the published contract (libs/contracts); the domain speaks them directly.
export type {
  ChangeTemplateAdded,
  ServiceCostModelSet,
  ServiceDefaultOfferingChanged,
  ServiceDependencyAdded,
  ServiceDependencyRemoved,
  ServiceEvent,
  ServiceMaintenanceWindowsSet,
  ServiceOfferingAdded,
  ServiceOfferingRemoved,
  ServiceOfferingUpdated,
  ServiceRegistered,
  ServiceRetired,
  ServiceUpdated,
  ServiceWentLive,
} from '@itsm/contracts';
