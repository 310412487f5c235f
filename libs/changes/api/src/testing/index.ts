// Test support shared with the hosts' specs (`@itsm/changes-api/testing`); it imports jest, so the library's index does not export it.
export * from './changes-acceptance-scenario';
