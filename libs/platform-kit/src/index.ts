export * from './config/runtime-config';
export * from './event-store/event-store.token';
export * from './event-store/open-event-log';
export * from './event-store/event-store.module';
export * from './health/health.module';
export * from './health/event-store.health';
export * from './projections/projection-runtime.token';
export * from './projections/projections.module';
