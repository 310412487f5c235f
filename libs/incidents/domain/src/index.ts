export * from './incident';
export * from './sla';
