const nxPreset = require('@nx/jest/preset').default;

module.exports = {
  ...nxPreset,
  testEnvironment: 'node',
  // Integration specs (*.int.spec.ts) talk to real servers (PostgreSQL, Kafka) and boot whole apps on PGlite,
  // which takes tens of seconds when two jest workers share two cores: a limit for hung tests, not a speed check.
  testTimeout: 90_000,
};
