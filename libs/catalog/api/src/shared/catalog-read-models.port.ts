import type { ServiceDependencyGraph } from '@itsm/catalog-application';
import type { ServiceCriticality, ServiceKind, ServiceLifecycle } from '@itsm/contracts';
import type { RecordedEvent } from '@itsm/event-sourcing';
import type { EventStore, SqlExecutor } from '@itsm/event-store';
import type { Page, WaitOptions } from '@itsm/projections';
import type { CalendarResponse } from './responses/calendar.response';
import type { ChangeTemplateResponse } from './responses/change-template.response';
import type { ImpactedServiceResponse } from './responses/impacted-service.response';
import type { OfferingResponse } from './responses/offering.response';
import type { ServiceResponse } from './responses/service.response';

export interface ServiceListFilter {
  kind?: ServiceKind;
  lifecycle?: ServiceLifecycle;
  criticality?: ServiceCriticality;
  ownerGroup?: string;
  q?: string;
  limit?: number;
  cursor?: string;
}

export interface CalendarListFilter {
  /** Text in the name or the number, case-insensitive. */
  q?: string;
  limit?: number;
  cursor?: string;
}

/**
 * What the catalog API reads (implemented by @itsm/catalog-read-models' `createCatalogReadModels`; the host passes
 * that factory to `CatalogModule.forRoot`, since the API lib does not depend on the read-model lib).
 * Lists reject a cursor they did not hand out with `InvalidCursor`; waits reject after their timeout with
 * `ReadModelBehind` (both of @itsm/projections).
 */
export interface CatalogReadModelsPort {
  services: {
    list(filter: ServiceListFilter): Promise<Page<ServiceResponse>>;
    /** From the service's stream: never behind. */
    get(serviceId: string): Promise<{ service: ServiceResponse; offerings: OfferingResponse[] } | null>;
    /** A service registered just now, from the events that started its stream (all it has): nothing to read. */
    registered(events: readonly RecordedEvent[]): { service: ServiceResponse; offerings: OfferingResponse[] } | null;
    offeringsOf(serviceId: string): Promise<OfferingResponse[]>;
    /** The id of the service with this number, or null when the read model does not know it (yet). */
    idOfNumber(number: string): Promise<string | null>;
    changeTemplatesOf(serviceId: string): Promise<ChangeTemplateResponse[]>;
  };
  calendars: {
    list(filter: CalendarListFilter): Promise<Page<CalendarResponse>>;
    /** From the calendar's stream: never behind. */
    get(calendarId: string): Promise<CalendarResponse | null>;
    /** The id of the calendar with this number, or null when the read model does not know it (yet). */
    idOfNumber(number: string): Promise<string | null>;
  };
  impact: { impactOf(serviceId: string): Promise<ImpactedServiceResponse[]> };
  dependencyGraph: ServiceDependencyGraph;
  consistency: {
    services(position: number, options?: WaitOptions): Promise<void>;
    calendars(position: number, options?: WaitOptions): Promise<void>;
  };
}

export type CatalogReadModelsFactory = (dependencies: { db: SqlExecutor; store: EventStore }) => CatalogReadModelsPort;

export const CATALOG_READ_MODELS = Symbol('CATALOG_READ_MODELS');
