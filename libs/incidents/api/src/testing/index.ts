// Test support shared with the hosts' specs (`@itsm/incidents-api/testing`); it imports jest, so the library's index does not export it.
export * from './sla-acceptance-scenario';
export * from './sla-acceptance-timeline';
