module.exports = {
  displayName: 'event-store',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  // Integration specs start PGlite (seconds) and run concurrency cases against real databases.
  testTimeout: 60_000,
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
  coverageDirectory: '../../coverage/libs/event-store',
};
