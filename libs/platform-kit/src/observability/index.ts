export * from './metrics.registry';
export * from './metrics.module';
export * from './http-metrics';
export * from './event-metrics';
export * from './logging.module';
export * from './event-figures.metrics';
