import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { catchError, type Observable } from 'rxjs';
import { CatalogEntityNotFound, OfferingNotFound } from '@itsm/catalog-application';
import { cursorProblemOf, ProblemException } from '@itsm/platform-kit';

/** Translates the catalog's own errors to problems; the global filter maps the rest (rule refusals → 409…). */
@Injectable()
export class CatalogErrorsInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        throw translate(error);
      }),
    );
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
