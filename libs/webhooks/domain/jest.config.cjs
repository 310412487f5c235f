module.exports = {
  displayName: 'webhooks-domain',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  // Every event a decider returns in a given/when/then spec must match its published JSON Schema.
  setupFilesAfterEnv: ['<rootDir>/../../contracts/tooling/validate-decided-events.setup.ts'],
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
  coverageDirectory: '../../../coverage/libs/webhooks/domain',
};
