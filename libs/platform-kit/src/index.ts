export * from './config/runtime-config';
export * from './event-store/event-store.token';
export * from './event-store/create-event-store';
export * from './event-store/event-store.module';
export * from './health/health.module';
export * from './health/event-store.health';
