export * from './incident-streams';
export * from './incident-vocabulary';
export * from './incident-events';
export * from './sla-events';
export * from './incidents-schema-versions';
export * from './incidents-upcasters';
