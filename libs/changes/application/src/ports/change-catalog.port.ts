import type { MaintenanceWindowSet, ServiceCriticality, ServiceLifecycle } from '@itsm/contracts';

/** A service as the changes context knows it from the catalog's events. */
export interface CatalogService {
  serviceId: string;
  /** `SVC0000001`. */
  number: string;
  name: string;
  lifecycle: ServiceLifecycle;
  criticality: ServiceCriticality;
}

/**
 * `serviceId` is related to `of` (one of the services asked about) through the dependency graph: as one of the
 * services `of` depends on (`dependency`: its outage impacts `of`), or as one that depends on `of` (`dependent`:
 * `of`'s outage impacts it). `hops` counts the edges on the shortest path (1: a direct dependency).
 */
export interface ServiceRelation {
  serviceId: string;
  of: string;
  relation: 'dependency' | 'dependent';
  hops: number;
}

/** The service's weekly maintenance windows; a service without any has no row. */
export interface ServiceMaintenanceWindows extends MaintenanceWindowSet {
  serviceId: string;
}

/** A standard change template of a service. */
export interface ChangeTemplate {
  templateId: string;
  serviceId: string;
  name: string;
  preApproved: boolean;
}

/** What the changes context reads from its local copy of the catalog (never from the catalog itself). */
export interface ChangeCatalog {
  /** The services the catalog has published among `serviceIds` (unknown ones are left out), in the order asked. */
  services(serviceIds: readonly string[]): Promise<CatalogService[]>;
  /**
   * The transitive impact graph of `serviceIds`: for each, every service it depends on and every service that
   * depends on it, directly or through others, once each with the fewest hops. The services asked about are not
   * related to themselves.
   */
  relatedServices(serviceIds: readonly string[]): Promise<ServiceRelation[]>;
  /** The maintenance windows of those of `serviceIds` that have some. */
  maintenanceWindows(serviceIds: readonly string[]): Promise<ServiceMaintenanceWindows[]>;
  /** A change template by id; null when the catalog never published it. */
  template(templateId: string): Promise<ChangeTemplate | null>;
}
