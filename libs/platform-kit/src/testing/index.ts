// Test support without jest (safe in the main entry point): apps started as OS processes.
export * from './app-process';
export * from './json-call';
export * from './wait-until';
export * from './embedded-platform-process';
export * from './test-database';
export * from './in-process-context-app';
