import { Catch, type ArgumentsHost } from '@nestjs/common';
import { CatalogEntityNotFound, OfferingNotFound } from '@itsm/catalog-application';
import { cursorProblemOf, ProblemDetailsFilter, ProblemException } from '@itsm/platform-kit';

/**
 * Answers the catalog's own errors as problems, the rest as the global filter does (rule refusals → 409…). A filter
 * rather than an interceptor: it costs nothing until something fails, where an interceptor is a layer of Nest's
 * chain on every request.
 */
@Catch()
export class CatalogErrorsFilter extends ProblemDetailsFilter {
  override catch(exception: unknown, host: ArgumentsHost): void {
    super.catch(translate(exception), host);
  }
}

export const notFound = (entity: 'service' | 'calendar', id: string): ProblemException =>
  new ProblemException({ title: 'Not found', status: 404, detail: `No ${entity} with id ${id}` });

export const numberNotFound = (entity: 'service' | 'calendar', number: string): ProblemException =>
  new ProblemException({ title: 'Not found', status: 404, detail: `No ${entity} with number ${number}` });

export const offeringNotFound = (serviceId: string, offeringId: string): ProblemException =>
  new ProblemException({ title: 'Not found', status: 404, detail: `Service ${serviceId} has no offering with id ${offeringId}` });

const translate = (error: unknown): unknown => {
  if (error instanceof CatalogEntityNotFound) return notFound(error.entity, error.id);
  if (error instanceof OfferingNotFound) return offeringNotFound(error.serviceId, error.offeringId);
  return cursorProblemOf(error);
};
