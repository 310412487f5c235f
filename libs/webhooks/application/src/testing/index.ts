export * from './test-receiver';
