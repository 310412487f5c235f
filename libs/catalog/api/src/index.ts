export * from './catalog.module';
export * from './shared/catalog-read-models.port';
export * from './shared/catalog-endpoint.decorators';
