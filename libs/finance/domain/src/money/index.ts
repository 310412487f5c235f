export * from './money-errors';
export * from './currency';
export * from './decimal';
export * from './money';
export * from './convert';
export * from './allocate';
export * from './legacy-float';
