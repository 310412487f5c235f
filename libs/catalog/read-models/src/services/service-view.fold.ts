import type {
  ServiceCostModelSetV1,
  ServiceDefaultOfferingChangedV1,
  ServiceDependencyAddedV1,
  ServiceEvent,
  ServiceMaintenanceWindowsSetV1,
  ServiceOfferingAddedV1,
  ServiceOfferingRemovedV1,
  ServiceRegisteredV2,
  ServiceUpdatedV1,
} from '@itsm/contracts';
import type { RecordedEvent } from '@itsm/event-sourcing';
import type { OfferingView, ServiceView } from './service.view';

export interface ServiceFold {
  service: ServiceView;
  offerings: OfferingView[];
}

/**
 * A service straight from its stream (the source of truth, never behind): the same view the projection keeps,
 * for `GET /services/:id` and its ETag. Null when the stream holds no registration. Takes upcast events (the
 * latest schema of each type), as ServiceQueries.get hands them over.
 */
export const foldService = (events: readonly RecordedEvent[]): ServiceFold | null => {
  let fold: ServiceFold | null = null;
  for (const event of events) {
    fold = evolveView(fold, event);
    if (fold) {
      fold.service.revision = event.streamRevision;
      fold.service.updatedAt = event.recordedAt;
    }
  }
  if (fold) fold.service.offerings = fold.offerings.map(({ id, offeringId, name, default: isDefault }) => ({ id, offeringId, name, default: isDefault }));
  return fold;
};

const evolveView = (fold: ServiceFold | null, event: RecordedEvent): ServiceFold | null => {
  const type = event.type as ServiceEvent['type'];
  if (type === 'ServiceRegistered') {
    const d = event.data as ServiceRegisteredV2;
    const service: ServiceView = {
      id: d.serviceId,
      number: d.number,
      name: d.name,
      kind: d.kind,
      description: d.description,
      ownerGroup: d.ownerGroup,
      supportGroup: d.supportGroup,
      criticality: d.criticality,
      lifecycle: d.lifecycle,
      revision: event.streamRevision,
      createdAt: event.recordedAt,
      updatedAt: event.recordedAt,
      offerings: [],
      costModel: null,
      dependsOn: [],
      maintenanceWindows: null,
    };
    return { service, offerings: [] };
  }
  if (!fold) return null;
  const { service } = fold;
  switch (type) {
    case 'ServiceUpdated':
      Object.assign(service, (event.data as ServiceUpdatedV1).changes);
      break;
    case 'ServiceWentLive':
      service.lifecycle = 'live';
      break;
    case 'ServiceRetired':
      service.lifecycle = 'retired';
      break;
    case 'ServiceOfferingAdded': {
      const { serviceId, offeringId, name, calendarId, slaTargets } = event.data as ServiceOfferingAddedV1;
      fold.offerings.push({ id: offeringId, offeringId, serviceId, name, calendarId, default: (event.data as ServiceOfferingAddedV1).default, slaTargets });
      break;
    }
    case 'ServiceOfferingUpdated': {
      const d = event.data as ServiceOfferingAddedV1;
      fold.offerings = fold.offerings.map((offering) =>
        offering.offeringId === d.offeringId
          ? { ...offering, name: d.name, calendarId: d.calendarId, default: d.default, slaTargets: d.slaTargets }
          : offering,
      );
      break;
    }
    case 'ServiceOfferingRemoved':
      fold.offerings = fold.offerings.filter((offering) => offering.offeringId !== (event.data as ServiceOfferingRemovedV1).offeringId);
      break;
    case 'ServiceDefaultOfferingChanged': {
      const { defaultOfferingId } = event.data as ServiceDefaultOfferingChangedV1;
      fold.offerings = fold.offerings.map((offering) => ({ ...offering, default: offering.offeringId === defaultOfferingId }));
      break;
    }
    case 'ServiceDependencyAdded':
      service.dependsOn = [...service.dependsOn, (event.data as ServiceDependencyAddedV1).dependsOnServiceId];
      break;
    case 'ServiceDependencyRemoved':
      service.dependsOn = service.dependsOn.filter((id) => id !== (event.data as ServiceDependencyAddedV1).dependsOnServiceId);
      break;
    case 'ServiceCostModelSet': {
      const { fixedMonthlyCost, currency, unitRate, unitName } = event.data as ServiceCostModelSetV1;
      service.costModel = { fixedMonthlyCost, currency, unitRate, unitName };
      break;
    }
    case 'ServiceMaintenanceWindowsSet': {
      const { timeZone, windows } = event.data as ServiceMaintenanceWindowsSetV1;
      service.maintenanceWindows = { timeZone, windows };
      break;
    }
    case 'ChangeTemplateAdded':
      break;
    default:
      // A type from a newer schema than this reader knows: it does not change the fields shown here.
      break;
  }
  return fold;
};
