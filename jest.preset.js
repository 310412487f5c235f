const nxPreset = require('@nx/jest/preset').default;

module.exports = {
  ...nxPreset,
  testEnvironment: 'node',
  // Integration specs (*.int.spec.ts) talk to real servers (PostgreSQL, Kafka) and boot whole apps on PGlite,
  // which takes tens of seconds when two jest workers share two cores: a limit for hung tests, not a speed check.
  testTimeout: 90_000,
  // Packages that ship ES modules only (dinero.js v2): jest runs CommonJS, so these are transformed like our own
  // files; ts-jest turns a node_modules .js file into CommonJS with ts.transpileModule (no type-check). Every
  // project's transform covers .js. Node itself (webpack builds, ts-node) loads them with require(esm), Node >= 20.19.
  transformIgnorePatterns: ['/node_modules/(?!(dinero\\.js)/)'],
};
