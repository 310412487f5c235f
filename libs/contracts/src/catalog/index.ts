export * from './catalog-streams';
export * from './sla-targets';
export * from './service-events';
export * from './calendar-events';
export * from './maintenance-windows';
export * from './catalog-schema-versions';
export * from './catalog-upcasters';
export * from './calendar-upcasters';
