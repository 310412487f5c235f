// Test support shared with the hosts' specs (`@itsm/finance-api/testing`); it imports jest, so the library's index does not export it.
export * from './finance-acceptance-scenario';
