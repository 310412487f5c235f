export * from './incidents.module';
export * from './shared/incident-read-models.port';
export * from './shared/incidents.tokens';
// The SLA acceptance scenario's fixtures (plain data, no test tooling), shared with the embedded platform's spec.
export * from './testing/sla-acceptance-scenario';
