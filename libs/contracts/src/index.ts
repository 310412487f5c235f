export * from './upcasting';
export * from './stream-contexts';
export * from './catalog';
export * from './incidents';
export * from './platform';
export * from './changes';
export * from './finance';
export * from './personal-data';
