export * from './change';
export * from './freeze-window';
export * from './conflicts';
export * from './risk';
export * from './approval-policy';
export * from './gate';
