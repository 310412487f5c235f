// An offering the service does not have: decided by the service decider from its state (404 like the others).
export { OfferingNotFound } from '@itsm/catalog-domain';

/** A command named a service or calendar that does not exist (the API answers 404). */
export class CatalogEntityNotFound extends Error {
  override readonly name: string = 'CatalogEntityNotFound';
  constructor(
    readonly entity: 'service' | 'calendar',
    readonly id: string,
  ) {
    super(`No ${entity} with id ${id}`);
  }
}

export class ServiceNotFound extends CatalogEntityNotFound {
  override readonly name = 'ServiceNotFound';
  constructor(id: string) {
    super('service', id);
  }
}

export class CalendarNotFound extends CatalogEntityNotFound {
  override readonly name = 'CalendarNotFound';
  constructor(id: string) {
    super('calendar', id);
  }
}
