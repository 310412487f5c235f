const nxPreset = require('@nx/jest/preset').default;

module.exports = {
  ...nxPreset,
  testEnvironment: 'node',
  // Integration specs (*.int.spec.ts) talk to real servers: PostgreSQL, Kafka.
  testTimeout: 30_000,
};
