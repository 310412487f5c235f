import { applyDecorators, Controller, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CatalogErrorsInterceptor } from './catalog-errors.interceptor';

export const CATALOG_API_PREFIX = 'api/v1';

/** A catalog controller under /api/v1, with the catalog's errors translated to problems. */
export const CatalogController = (path: 'services' | 'calendars') =>
  applyDecorators(ApiTags(path), Controller(`${CATALOG_API_PREFIX}/${path}`), UseInterceptors(CatalogErrorsInterceptor));
