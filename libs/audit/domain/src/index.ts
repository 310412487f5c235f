export * from './merkle/hashes';
export * from './merkle/tree-math';
export * from './merkle/proofs';
export * from './merkle/compact-range';
export * from './events/canonical-json';
export * from './events/event-hashing';
export * from './checkpoints/note-keys';
export * from './checkpoints/checkpoint';
