export * from './envelope';
export * from './ids';
export * from './stream-name';
export * from './decider';
export * from './expected-revision';
export * from './command-handler';
export * from './hash-chain';
export * from './testing';
