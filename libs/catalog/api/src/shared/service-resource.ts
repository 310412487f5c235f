import { Inject, Injectable } from '@nestjs/common';
import { withETag, type WithETag } from '@itsm/platform-kit';
import { CATALOG_READ_MODELS, type CatalogReadModelsPort } from './catalog-read-models.port';
import { notFound } from './catalog-errors.interceptor';
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

  async withETag(serviceId: string): Promise<WithETag<ServiceResponse>> {
    const { service } = await this.load(serviceId);
    return withETag(service, service.revision);
  }
}
