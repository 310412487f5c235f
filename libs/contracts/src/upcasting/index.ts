export * from './upcaster';
export * from './upcaster-registry';
