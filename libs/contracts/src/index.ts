export * from './upcasting';
export * from './stream-contexts';
