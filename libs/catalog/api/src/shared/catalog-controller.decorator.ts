import { applyDecorators, Controller, UseFilters } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CatalogErrorsFilter } from './catalog-errors.filter';

export const CATALOG_API_PREFIX = 'api/v1';

/** A catalog controller under /api/v1, with the catalog's errors translated to problems. */
export const CatalogController = (path: 'services' | 'calendars') =>
  applyDecorators(ApiTags(path), Controller(`${CATALOG_API_PREFIX}/${path}`), UseFilters(CatalogErrorsFilter));
