export * from './change';
export * from './risk';
