export * from './cost-center';
