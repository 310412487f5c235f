export * from './deployment-gate';
