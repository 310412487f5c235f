export * from './blocking';
