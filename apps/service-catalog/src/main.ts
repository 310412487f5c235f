import { reportStartFailure, serveContextApp } from '@itsm/platform-kit';
import { createServiceCatalogApp } from './app/create-service-catalog-app';

serveContextApp('service-catalog', createServiceCatalogApp).catch(reportStartFailure);
