// fast-check arbitraries for property tests (a dev dependency: never import this from production code).
export * from './plain-json-values';
