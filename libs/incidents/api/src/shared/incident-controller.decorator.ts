import { applyDecorators, Controller, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IncidentsErrorsInterceptor } from './incidents-errors.interceptor';

export const INCIDENTS_API_PREFIX = 'api/v1';

/** An incidents controller under /api/v1/incidents, with the incidents' errors translated to problems. */
export const IncidentsController = () =>
  applyDecorators(
    ApiTags('incidents'),
    Controller(`${INCIDENTS_API_PREFIX}/incidents`),
    UseInterceptors(IncidentsErrorsInterceptor),
  );
