import type { MaintenanceWindow } from '@itsm/contracts';

/*
 * What the conflict detection reads besides the schedule: the changes' copies of the catalog and of incidents. They
 * live in @itsm/changes-application (foreign/), which this lib does not import: the host passes its adapters
 * (`SqlChangeCatalog`, `SqlChangeIncidents`), which have these methods.
 */

export interface ServiceLabel {
  serviceId: string;
  number: string;
  name: string;
}

/** `serviceId` is a service `of` depends on (`dependency`) or one that depends on `of` (`dependent`), `hops` edges away. */
export interface RelatedService {
  serviceId: string;
  of: string;
  relation: 'dependency' | 'dependent';
  hops: number;
}

export interface MaintenanceWindowsOfService {
  serviceId: string;
  timeZone: string;
  windows: MaintenanceWindow[];
}

export interface OpenMajorIncident {
  incidentId: string;
  number: string;
  serviceId: string;
  acceptedAt: string;
}

export interface ConflictSources {
  catalog: {
    /** The services known among those asked (unknown ones left out). */
    services(serviceIds: readonly string[]): Promise<ServiceLabel[]>;
    /** The transitive impact graph of the services asked, both directions, fewest hops. */
    relatedServices(serviceIds: readonly string[]): Promise<RelatedService[]>;
    /** The maintenance windows of those services that have some. */
    maintenanceWindows(serviceIds: readonly string[]): Promise<MaintenanceWindowsOfService[]>;
  };
  majorIncidents: {
    /** Accepted major incidents not resolved, closed or cancelled, on any of the services. */
    onServices(serviceIds: readonly string[]): Promise<OpenMajorIncident[]>;
  };
}
