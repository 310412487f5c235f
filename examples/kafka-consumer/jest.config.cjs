module.exports = {
  displayName: 'example-kafka-consumer',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
  // The example's own files are ES modules run by Node in a child process, never loaded by jest.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/src/'],
  coverageDirectory: '../../coverage/examples/kafka-consumer',
};
