/**
 * A command named an offering the service does not have: decided from the service's state, and answered like an
 * unknown service (404), not as a refused rule (409).
 */
export class OfferingNotFound extends Error {
  override readonly name = 'OfferingNotFound';
  constructor(
    readonly serviceId: string,
    readonly offeringId: string,
    serviceNumber: string,
  ) {
    super(`Service ${serviceNumber} has no offering ${offeringId}`);
  }
}
