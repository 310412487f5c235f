export * from './approval-policy';
export * from './parse-approval-policy';
