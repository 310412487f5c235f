export * from './incidents.module';
export * from './shared/incident-read-models.port';
export * from './shared/incidents.tokens';
