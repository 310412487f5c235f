// Test support without jest (safe in the main entry point).
export * from './decider-specification';
export * from './wait-until';
export * from './describe-with-gate';
