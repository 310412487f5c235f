import { Inject, Injectable } from '@nestjs/common';
import type { RecordedEvent } from '@itsm/event-sourcing';
import { withETag, type WithETag } from '@itsm/platform-kit';
import { CATALOG_READ_MODELS, type CatalogReadModelsPort } from './catalog-read-models.port';
import { notFound, offeringNotFound } from './catalog-errors.filter';
import type { ServiceMaintenanceWindowsResponse } from './responses/maintenance-windows.response';
import type { OfferingResponse } from './responses/offering.response';
import type { ServiceResponse } from './responses/service.response';

/** A service as its stream says now, with its revision as ETag; 404 when there is none. */
@Injectable()
export class ServiceResource {
  constructor(@Inject(CATALOG_READ_MODELS) private readonly readModels: CatalogReadModelsPort) {}

  async load(serviceId: string): Promise<{ service: ServiceResponse; offerings: OfferingResponse[] }> {
    const found = await this.readModels.services.get(serviceId);
    if (!found) throw notFound('service', serviceId);
    return found;
  }

  /** One offering of the service; 404 when the service or the offering does not exist. */
  async offeringOf(serviceId: string, offeringId: string): Promise<{ service: ServiceResponse; offering: OfferingResponse }> {
    const { service, offerings } = await this.load(serviceId);
    const offering = offerings.find((candidate) => candidate.offeringId === offeringId);
    if (!offering) throw offeringNotFound(service.id, offeringId);
    return { service, offering };
  }

  /** The offering as the service's stream says now, with the service's revision as ETag. */
  async offeringWithETag(serviceId: string, offeringId: string): Promise<WithETag<OfferingResponse>> {
    const { service, offering } = await this.offeringOf(serviceId, offeringId);
    return withETag(offering, service.revision);
  }

  /** The service's maintenance windows as its stream says now, with the service's revision as ETag. */
  async maintenanceWindowsWithETag(serviceId: string): Promise<WithETag<ServiceMaintenanceWindowsResponse>> {
    const { service } = await this.load(serviceId);
    const { timeZone = null, windows = [] } = service.maintenanceWindows ?? {};
    return withETag({ serviceId: service.id, timeZone, windows }, service.revision);
  }

  /**
   * The service a registration just created, with its revision as ETag, from the events it appended: the stream
   * holds nothing else, so reading it back would only repeat them.
   */
  registeredWithETag(serviceId: string, events: readonly RecordedEvent[]): WithETag<ServiceResponse> {
    const found = this.readModels.services.registered(events);
    if (!found) throw notFound('service', serviceId);
    return withETag(found.service, found.service.revision);
  }

  async withETag(serviceId: string): Promise<WithETag<ServiceResponse>> {
    const { service } = await this.load(serviceId);
    return withETag(service, service.revision);
  }
}
